package doka.engine.input;

import java.util.Arrays;
import java.util.Comparator;

import doka.engine.kernel.InputDevice;
import doka.engine.kernel.SliceContext;

/**
 * Inputs at given steps (NEST's {@code spike_generator} with the delay folded in): entry i adds
 * {@code weightPa[i]} to neuron {@code neurons[i]} in step {@code arrivalSteps[i]}. For tests
 * (single PSCs) and stimulation protocols.
 */
public final class SpikeGenerator implements InputDevice {
    private final int[] neurons;
    private final long[] steps;
    private final double[] weights;

    public SpikeGenerator(int[] neurons, long[] arrivalSteps, double[] weightPa) {
        int n = neurons.length;
        if (arrivalSteps.length != n || weightPa.length != n) {
            throw new IllegalArgumentException("spike generator: neurons, arrivalSteps and weightPa must have equal"
                    + " lengths");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (!Double.isFinite(weightPa[i]) || arrivalSteps[i] < 0) {
                throw new IllegalArgumentException("spike generator entry " + i + ": need a finite weightPa and"
                        + " arrivalSteps >= 0");
            }
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> arrivalSteps[i]).thenComparingInt(i -> i));
        this.neurons = new int[n];
        this.steps = new long[n];
        this.weights = new double[n];
        for (int j = 0; j < n; j++) {
            this.neurons[j] = neurons[order[j]];
            this.steps[j] = arrivalSteps[order[j]];
            this.weights[j] = weightPa[order[j]];
        }
    }

    @Override
    public long nextChangeAfter(long step) {
        return Long.MAX_VALUE;
    }

    @Override
    public void addSpikeInput(SliceContext ctx, long fromStep, int count) {
        int i = Arrays.binarySearch(steps, fromStep);
        if (i < 0) {
            i = -i - 1;
        }
        while (i > 0 && steps[i - 1] >= fromStep) {
            i--;
        }
        for (; i < steps.length && steps[i] < fromStep + count; i++) {
            if (ctx.owns(neurons[i])) {
                ctx.addInput(neurons[i], steps[i], weights[i]);
            }
        }
    }
}
