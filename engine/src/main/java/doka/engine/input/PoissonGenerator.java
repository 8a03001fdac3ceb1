package doka.engine.input;

import java.util.Arrays;

import doka.engine.kernel.InputDevice;
import doka.engine.kernel.PoissonTable;
import doka.engine.kernel.Purpose;
import doka.engine.kernel.Rng;
import doka.engine.kernel.SliceContext;

/**
 * NEST's {@code poisson_generator}: every target receives its own independent Poisson train of
 * rate {@code rateHz} over steps [startStep, stopStep), each event adding {@code weightPa} in
 * the step it arrives. Counts per (neuron, step) are drawn from counter-based streams keyed by
 * (seed, generator id, neuron), so they do not depend on threads or slicing.
 */
public final class PoissonGenerator implements InputDevice {
    private final int[] neurons;
    private final long[] keys;
    private final double rateHz;
    private final double weightPa;
    private final long startStep;
    private final long stopStep;
    private final PoissonTable.Sampler sampler;

    public PoissonGenerator(int[] neurons, double rateHz, double weightPa, long startStep, long stopStep, double dtMs,
                            long seed, long generatorId) {
        if (!(rateHz >= 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("Poisson generator rateHz must be finite and >= 0, got " + rateHz);
        }
        if (!Double.isFinite(weightPa)) {
            throw new IllegalArgumentException("Poisson generator weightPa must be finite, got " + weightPa);
        }
        if (startStep < 0 || stopStep < startStep) {
            throw new IllegalArgumentException("Poisson generator needs 0 <= startStep <= stopStep, got " + startStep
                    + ", " + stopStep);
        }
        this.neurons = neurons.clone();
        Arrays.sort(this.neurons);
        this.keys = new long[this.neurons.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Rng.key(seed, Purpose.GENERATOR, Rng.mix64(generatorId) ^ this.neurons[i]);
        }
        this.rateHz = rateHz;
        this.weightPa = weightPa;
        this.startStep = startStep;
        this.stopStep = stopStep;
        this.sampler = new PoissonTable.Sampler(rateHz * dtMs * 1e-3);
    }

    public double rateHz() {
        return rateHz;
    }

    @Override
    public long nextChangeAfter(long step) {
        return Long.MAX_VALUE; // acts per step; no current to switch
    }

    @Override
    public void addSpikeInput(SliceContext ctx, long fromStep, int steps) {
        long lo = Math.max(fromStep, startStep);
        long hi = Math.min(fromStep + steps, stopStep);
        if (lo >= hi || rateHz == 0) {
            return;
        }
        for (int r = 0; r < ctx.rangeStart.length; r++) {
            int a = lowerBound(ctx.rangeStart[r]);
            int b = lowerBound(ctx.rangeEnd[r]);
            for (int i = a; i < b; i++) {
                for (long s = lo; s < hi; s++) {
                    int k = sampler.sample(Rng.bits53(keys[i], Rng.counterMix(s)));
                    if (k > 0) {
                        ctx.addInput(neurons[i], s, k * weightPa);
                    }
                }
            }
        }
    }

    private int lowerBound(int neuron) {
        int i = Arrays.binarySearch(neurons, neuron);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && neurons[i - 1] == neuron) {
            i--;
        }
        return i;
    }
}
