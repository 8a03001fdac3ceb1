package doka.engine.kernel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The dynamic state of one population (a struct of arrays) and its update. The kernel calls
 * {@link #update} once per piece of a partition and slice; implementations loop over neurons
 * and steps in one tight loop without allocation or virtual calls.
 *
 * <p>Order per step (NEST's): integrate the membrane with the currents of the previous step,
 * decay the synaptic currents, add the input that arrives in this step (ring buffer, scaled by
 * the population's gains, plus the Poisson background), then test the threshold, reset and
 * record the spike.
 */
public abstract class NeuronDynamics {
    protected final int size;

    protected NeuronDynamics(int size) {
        this.size = size;
    }

    public final int size() {
        return size;
    }

    /**
     * Advances neurons [lo, hi) (population-local) over steps [fromStep, fromStep + steps).
     *
     * @param ctx the partition's buffers and spike register
     * @param pop the population (its inputs and gains)
     * @param localBase the partition-local index of population-local neuron {@code lo}
     */
    public abstract void update(SliceContext ctx, Population pop, int lo, int hi, int localBase,
                                long fromStep, int steps);

    /** Membrane potential of neuron {@code i} (population-local), mV. */
    public abstract double membranePotentialMv(int i);

    public abstract void setMembranePotentialMv(int i, double vMv);

    /** Synaptic current of receptor channel {@code channel} ({@link Receptor}) of neuron {@code i} (population-local), pA. */
    public abstract double synapticCurrentPa(int channel, int i);

    /** The model with its current parameters. */
    public abstract NeuronModel model();

    /** Replaces the parameters (validated by the record) and recomputes propagators; state is kept. */
    public abstract void setModel(NeuronModel model);

    /** Writes the state of population-local neurons [lo, hi) (snapshots; a rank writes the ones it owns). */
    public abstract void writeState(DataOutput out, int lo, int hi) throws IOException;

    /** Reads the state of neurons [lo, hi), as written by {@link #writeState}. */
    public abstract void readState(DataInput in, int lo, int hi) throws IOException;
}
