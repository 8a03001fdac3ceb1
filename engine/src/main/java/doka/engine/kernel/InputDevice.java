package doka.engine.kernel;

/**
 * An input added to a running network (DC stimulation, Poisson or spike generators; see
 * {@code doka.engine.input}). The kernel cuts slices at the steps where a device switches so
 * that currents are constant within a slice.
 */
public interface InputDevice {
    /** The first step after {@code step} at which this device switches on or off, or {@link Long#MAX_VALUE}. */
    long nextChangeAfter(long step);

    /** Adds this device's current at step {@code step} into {@code stimulusPa} (global neuron index). */
    default void addCurrent(long step, double[] stimulusPa) {
    }

    /**
     * Adds spike input that arrives in the slice's steps to the neurons of the partition in
     * {@code ctx} (use {@link SliceContext#addInput}).
     */
    default void addSpikeInput(SliceContext ctx, long fromStep, int steps) {
    }
}
