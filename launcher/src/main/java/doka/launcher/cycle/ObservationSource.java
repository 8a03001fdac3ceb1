package doka.launcher.cycle;

import doka.enkf.LocalDomains;
import doka.enkf.Observations;

/** The observations of every window, on the analysis root: read from a recording or drawn from a twin's truth. */
public interface ObservationSource {
    /** The observations of {@code window}. */
    Observations observations(int window);

    /**
     * Which entries of the members' predictions the observations of {@code window} (just returned by
     * {@link #observations}) correspond to, or null when they are all observed.
     */
    default int[] observedIndex(int window) {
        return null;
    }

    /** Name of observation {@code index} of the last window, for the outputs (e.g. "MOp-L@2"). */
    String observationName(int index);

    /** The geometry for LETKF localization over a filter vector of {@code filterDim} components. */
    default LocalDomains domains(int filterDim) {
        return LocalDomains.global(filterDim);
    }

    /** Bytes for the checkpoint (a twin's truth and noise streams); may be empty. */
    default byte[] saveState() {
        return new byte[0];
    }

    /** Restores what {@link #saveState} wrote. */
    default void restoreState(byte[] state) {
    }
}
