package doka.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.kernel.Population;
import doka.engine.kernel.SliceContext;

/** The shared exponential synaptic currents against the analytic exponential. */
class TestPscExpChannels {
    private static final double H = 0.1;
    private static final double[] TAU_MS = {0.5, 2, 8, 3};
    private static final int CHANNELS = TAU_MS.length;
    private static final int N = CHANNELS;
    private static final int STEPS = 40;
    private static final double EX_GAIN = 2;
    private static final double IN_GAIN = 0.5;

    private static SliceContext context(int steps) {
        SliceContext ctx = new SliceContext();
        ctx.nLocal = N;
        ctx.channels = CHANNELS;
        ctx.buffer = new double[steps * N * CHANNELS];
        return ctx;
    }

    /** Input to channel c of neuron c in step 3 + c, of 10·(c + 1) pA, in a slice from step {@code from}. */
    private static void input(double[] buf, int steps, int from) {
        for (int c = 0; c < CHANNELS; c++) {
            int s = 3 + c - from;
            if (s >= 0 && s < steps) {
                buf[(s * N + c) * CHANNELS + c] += 10 * (c + 1);
            }
        }
    }

    /** The analytic current of channel c of neuron i at the start of step s. */
    private static double analytic(int i, int c, int s) {
        double gain = c == 0 ? EX_GAIN : IN_GAIN;
        return i == c && s > 3 + c ? gain * 10 * (c + 1) * Math.exp(-(s - 4 - c) * H / TAU_MS[c]) : 0;
    }

    /** A slice of {@code STEPS} steps with the input of {@link #input}. */
    private static SliceContext sliceWithInput() {
        SliceContext ctx = context(STEPS);
        input(ctx.buffer, STEPS, 0);
        return ctx;
    }

    private static Population population(Network net) {
        Population pop = net.population("p");
        pop.setExcitatoryGain(EX_GAIN);
        pop.setInhibitoryGain(IN_GAIN);
        return pop;
    }

    private static Network network() {
        NetworkBuilder nb = new NetworkBuilder(H).threads(1);
        nb.addPopulation("p", N, IafPscExp.Parameters.pd14());
        return nb.build();
    }

    private static PscExpChannels channels() {
        PscExpChannels ch = new PscExpChannels("test", new String[] {"a", "b", "c", "d"}, N);
        ch.setTimeConstants(TAU_MS, H);
        return ch;
    }

    @Test
    void everyChannelFollowsTheExponentialWithItsTimeConstantAndGain() {
        try (Network net = network()) {
            Population pop = population(net);
            PscExpChannels ch = channels();
            SliceContext ctx = sliceWithInput();
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < CHANNELS; c++) {
                    double current = ch.currentPa[c][i];
                    double gain = c == 0 ? pop.excitatoryGain() : pop.inhibitoryGain();
                    for (int s = 0; s < STEPS; s++) {
                        assertEquals(analytic(i, c, s), current, 1e-13, "channel " + c + " of neuron " + i
                                + " at step " + s);
                        int b = (s * N + i) * CHANNELS + c;
                        // a background of 3 events of 0 pA changes nothing; the cell is cleared
                        current = PscExpChannels.next(ch.decay[c], current, gain,
                                PscExpChannels.input(ctx.buffer, b, c == 0, 3, 0.0));
                        assertEquals(0, ctx.buffer[b]);
                    }
                    assertEquals(analytic(i, c, STEPS), current, 1e-13);
                }
            }
            double[] cell = {5};
            assertEquals(5 + 3 * 2.5, PscExpChannels.input(cell, 0, true, 3, 2.5), 0, "background events add");
            cell[0] = 5;
            assertEquals(5, PscExpChannels.input(cell, 0, false, 3, 2.5), 0, "no background, no events");
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
