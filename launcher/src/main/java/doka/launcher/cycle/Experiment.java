package doka.launcher.cycle;

import doka.enkf.LocalDomains;
import doka.enkf.Observations;
import doka.enkf.ParameterTransform;
import mpi.Intracomm;

/**
 * What one kind of run supplies to the cycle: its members, the layout of the filter vector, and the
 * observations of every window. Implementations wire a model (engine or a toy model) to the filter.
 */
public interface Experiment {
    /** Names of the filter-vector components (state components, then parameters). */
    String[] filterNames();

    /** Transform of each filter-vector component into the space the analysis works in. */
    ParameterTransform[] transforms();

    /** Index of the first parameter in the filter vector (= number of state components). */
    int firstParameter();

    /** The geometry for LETKF localization over a filter vector of {@code filterDim} components. */
    default LocalDomains domains(int filterDim) {
        return LocalDomains.global(filterDim);
    }

    /** Builds member {@code index} on the ranks of {@code memberComm}, using {@code threads} threads per rank. */
    Member newMember(int index, Intracomm memberComm, int threads);

    /** The observations of {@code window} (on the analysis root). */
    Observations observations(int window);

    /**
     * Which entries of the members' predictions the observations of {@code window} (just returned by
     * {@link #observations}) correspond to, or null when they are all observed.
     */
    default int[] observedIndex(int window) {
        return null;
    }

    /** The true filter vector at the end of {@code window} (natural units), or null when it is not known. */
    double[] truth(int window);

    /** Names of the observations, for the outputs (e.g. "MOp-L rate bin 2"). */
    String observationName(int index);

    /** Biological (or model) time after {@code windowsDone} windows, for progress lines, e.g. "600/4000 ms". */
    String timeLabel(int windowsDone);

    /** Windows left out of time-averaged scores (state-estimation runs). */
    default int burnInWindows(int windows) {
        return 0;
    }

    /** Bytes to add to the checkpoint of the analysis root (twin truth streams etc.); may be empty. */
    default byte[] saveObservationState() {
        return new byte[0];
    }

    /** Restores what {@link #saveObservationState} wrote. */
    default void restoreObservationState(byte[] state) {
    }
}
