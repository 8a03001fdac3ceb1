package doka.engine.record;

import java.util.Arrays;

import doka.engine.kernel.Network;
import doka.engine.kernel.StepObserver;

/**
 * Membrane traces of chosen neurons: V after every step, mV. While registered, the network
 * advances one step per slice (slower, same spikes).
 */
public final class VoltageRecorder implements StepObserver {
    private final int[] neurons;
    private double[][] traces;
    private long[] stepOf = new long[1024];
    private int samples;

    public VoltageRecorder(int... neurons) {
        this.neurons = neurons.clone();
        this.traces = new double[neurons.length][1024];
    }

    @Override
    public void afterStep(Network network, long step) {
        if (samples == stepOf.length) {
            int n = samples * 2;
            stepOf = Arrays.copyOf(stepOf, n);
            for (int i = 0; i < traces.length; i++) {
                traces[i] = Arrays.copyOf(traces[i], n);
            }
        }
        for (int i = 0; i < neurons.length; i++) {
            traces[i][samples] = network.membranePotentialMv(neurons[i]);
        }
        stepOf[samples++] = step;
    }

    public int samples() {
        return samples;
    }

    /** The step after which sample {@code k} was taken. */
    public long step(int k) {
        return stepOf[k];
    }

    /** Trace of the i-th recorded neuron (length {@link #samples()}). */
    public double[] traceMv(int i) {
        return Arrays.copyOf(traces[i], samples);
    }
}
