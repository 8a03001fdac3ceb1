package doka.observation.operator;

/**
 * Spikes of a model run as parallel primitive arrays (struct of arrays), as the engine records them:
 * spike {@code i} is neuron {@code neuronIds[i]} at {@code timesMs[i]}. Only the first {@code count}
 * entries are used, so the engine can hand over its growable buffers without copying.
 *
 * <p>Not copied (it is a view on the caller's buffers for one call); the operators only read it.
 *
 * @param timesMs   spike times in milliseconds, non-decreasing (the engine appends in time order)
 * @param neuronIds global neuron index of each spike
 * @param count     number of valid entries
 */
public record SpikeTrains(double[] timesMs, int[] neuronIds, int count) {
    public SpikeTrains {
        if (count < 0 || count > timesMs.length || count > neuronIds.length) {
            throw new IllegalArgumentException("count " + count + " exceeds the buffers (" + timesMs.length + " times, "
                    + neuronIds.length + " ids)");
        }
    }

    public static SpikeTrains of(double[] timesMs, int[] neuronIds) {
        return new SpikeTrains(timesMs, neuronIds, Math.min(timesMs.length, neuronIds.length));
    }
}
