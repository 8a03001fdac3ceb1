package doka.launcher.experiment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import doka.observation.ObservedQuantity;

/**
 * A spiking network model as an ensemble member needs it: networks built from a seed, whose
 * estimable parameters change by name between windows without rebuilding, and whose activity is
 * read out as binned population rates of the observed quantities (areas, or populations).
 */
interface SpikingModel {
    /** The observed quantities, in output-column order. */
    List<ObservedQuantity> quantities();

    /** Checks a parameter name, or throws an exception naming the allowed ones. */
    void checkParameter(String name);

    /**
     * Distance (mm) between what parameter {@code parameter} acts on and observed quantity
     * {@code quantity}, for the LETKF's localization; 0 where the model has no geometry.
     */
    default double distanceMm(String parameter, int quantity) {
        return 0;
    }

    /**
     * The same model at a smaller size, by {@code factor} in (0, 1] (fewer neurons, the same in-degrees), for
     * calibrating estimates of members too large to build here; null when the model cannot be scaled.
     */
    default SpikingModel scaled(double factor) {
        return null;
    }

    /** Expected neuron count of a member, without building it. */
    double expectedNeurons();

    /** Builds one network; the same seed builds the same network. */
    Network build(long seed, int threads);

    /**
     * Builds this rank's part of a network split over the ranks of {@code comm} (null or one
     * rank: the whole network). Every rank of the member calls this and every method of the
     * network alike; the spikes, rates and parameters are the same for any number of ranks.
     */
    default Network build(long seed, int threads, doka.engine.kernel.RankComm comm) {
        if (comm != null && comm.size() > 1) {
            throw new doka.launcher.config.ConfigException("ranksPerMember " + comm.size() + ": this model's members run on"
                    + " one rank (their threads use the node's cores); cortex models can be split over ranks");
        }
        return build(seed, threads);
    }

    /** One built network. */
    interface Network extends AutoCloseable {
        /** Applies parameter values (natural units), effective from the next window. */
        void apply(Map<String, Double> values);

        /** Simulates without reading out (the warm-up). */
        void simulateMs(double durationMs);

        /** Simulates one window; returns the rate of every quantity in every bin, bin-major [bin][quantity], Hz. */
        double[] advance(double windowMs, double binMs);

        /** Writes the last window's spikes (time from the window start, neuron) of at most {@code maxNeurons} neurons. */
        void writeRaster(Path file, int maxNeurons) throws IOException;

        void saveState(DataOutputStream out) throws IOException;

        void restoreState(DataInputStream in) throws IOException;

        int neurons();

        long synapses();

        /** A one-line description for the log: size and kind. */
        String describe();

        @Override
        void close();
    }
}
