package doka.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.kernel.Population;
import doka.engine.kernel.Rng;
import doka.engine.kernel.SliceContext;

/** The shared exponential synaptic currents against the analytic exponential, slice by slice and step by step. */
class TestPscExpChannels {
    private static final double H = 0.1;
    private static final double[] TAU_MS = {0.5, 2, 8};
    private static final int N = 3;
    private static final int STEPS = 40;

    /** A context for {@code N} neurons, 3 channels, slices of up to {@code STEPS} steps, no background. */
    private static SliceContext context() {
        SliceContext ctx = new SliceContext();
        ctx.nLocal = N;
        ctx.channels = 3;
        ctx.buffer = new double[STEPS * N * 3];
        ctx.backgroundKey = new long[N];
        ctx.stepMix = new long[STEPS];
        for (int s = 0; s < STEPS; s++) {
            ctx.stepMix[s] = Rng.counterMix(s);
        }
        return ctx;
    }

    /** Input of {@code weightPa} to channel c of neuron c in step 3 + c (neuron 1 also gets −1 pA in step 0). */
    private static void input(double[] buf, int stride, int steps, int from) {
        for (int c = 0; c < 3; c++) {
            int s = 3 + c - from;
            if (s >= 0 && s < steps) {
                buf[s * stride + c * 3 + c] += 10 * (c + 1);
            }
        }
        if (from == 0) {
            buf[3 + 1] += -1;
        }
    }

    /** The analytic current of channel c of neuron i at the start of step s. */
    private static double analytic(int i, int c, int s, double gain) {
        double x = 0;
        if (i == c && s > 3 + c) {
            x += gain * 10 * (c + 1) * Math.exp(-(s - 4 - c) * H / TAU_MS[c]);
        }
        if (i == 1 && c == 1 && s > 0) {
            x += gain * -1 * Math.exp(-(s - 1) * H / TAU_MS[1]);
        }
        return x;
    }

    @Test
    void currentsDecayExponentiallyAndTheTwoPathsAgreeBitForBit() {
        NetworkBuilder nb = new NetworkBuilder(H).threads(1);
        nb.addPopulation("p", N, IafPscExp.Parameters.pd14());
        try (Network net = nb.build()) {
            Population pop = net.population("p");
            pop.setExcitatoryGain(2);
            pop.setInhibitoryGain(0.5);
            PscExpChannels slice = new PscExpChannels("test", new String[] {"a", "b", "c"}, N);
            PscExpChannels step = new PscExpChannels("test", new String[] {"a", "b", "c"}, N);
            slice.setTimeConstants(TAU_MS, H);
            step.setTimeConstants(TAU_MS, H);
            // One slice of STEPS steps: each cell becomes the current at the start of its step.
            SliceContext ctx = context();
            input(ctx.buffer, N * 3, STEPS, 0);
            slice.takeUp(ctx, pop, 0, N, 0, STEPS, true);
            // The same input one step at a time: the currents before each step are the state.
            SliceContext one = context();
            for (int s = 0; s < STEPS; s++) {
                one.stepMix[0] = ctx.stepMix[s];
                input(one.buffer, N * 3, 1, s);
                for (int i = 0; i < N; i++) {
                    for (int c = 0; c < 3; c++) {
                        double gain = c == 0 ? 2 : 0.5;
                        double expected = analytic(i, c, s, gain);
                        double got = ctx.buffer[s * N * 3 + i * 3 + c];
                        assertEquals(expected, got, 1e-13 * 60, "neuron " + i + ", channel " + c + ", step " + s);
                        assertEquals(got, step.currentPa[c][i], 0, "one-step path, neuron " + i + ", channel " + c
                                + ", step " + s);
                    }
                }
                step.takeUp(one, pop, 0, N, 0, 1, false);
                for (double x : one.buffer) {
                    assertEquals(0, x, "without currentsInCells the cells are cleared");
                }
            }
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(step.currentPa[c][i], slice.currentPa[c][i], 0, "state after the slice");
                    assertEquals(analytic(i, c, STEPS, c == 0 ? 2 : 0.5), slice.currentPa[c][i], 1e-13 * 60);
                }
            }
        }
    }

    @Test
    void theSharedCurrentsAreTheModelsState() {
        NetworkBuilder nb = new NetworkBuilder(H).threads(1);
        nb.addPopulation("iaf", 1, IafPscExp.Parameters.pd14());
        nb.addPopulation("izh", 1, Izhikevich.Parameters.regularSpiking());
        try (Network net = nb.build()) {
            net.addDevice(new doka.engine.input.SpikeGenerator(new int[] {0, 1}, new long[] {5, 5},
                    new double[] {-30, -30}));
            net.simulate(25);
            IafPscExp iaf = (IafPscExp) net.population("iaf").dynamics();
            Izhikevich izh = (Izhikevich) net.population("izh").dynamics();
            double expected = -30 * Math.exp(-(24 - 5) * H / 0.5);
            assertEquals(expected, iaf.inhibitoryCurrentPa(0), 1e-12 * 30);
            assertEquals(expected, izh.synapticCurrentPa(1, 0), 1e-12 * 30);
        }
    }
}
