package doka.engine.member;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A member that is a spiking network: its predictions are binned population rates, it can run
 * without reading out (the warm-up, a twin's truth run) and show its last window's spikes.
 */
public interface SpikingMember extends Member {
    /** Simulates {@code durationMs} without reading out (the warm-up). */
    void simulateMs(double durationMs);

    /** Writes the last window's spikes ({@code time_ms,neuron}, times from the window start) of at most {@code maxNeurons} neurons. */
    void writeRaster(Path file, int maxNeurons) throws IOException;

    /**
     * Every spike of the last window. A split member's ranks all call this; its first rank gets every rank's
     * spikes, the others null. Null too for a member that records none (the default).
     */
    default WindowSpikes lastWindowSpikes() {
        return null;
    }

    int neurons();

    long synapses();

    /** A one-line description for the log: size and kind. */
    String describe();
}
