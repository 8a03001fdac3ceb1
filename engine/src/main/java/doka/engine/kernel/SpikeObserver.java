package doka.engine.kernel;

/** Receives the spikes of each slice, sorted by (step, neuron). The arrays are reused: copy what you keep. */
@FunctionalInterface
public interface SpikeObserver {
    void onSpikes(int[] neuron, long[] step, int count);
}
