package doka.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import doka.engine.connect.DelayDistribution;
import doka.engine.connect.PairwiseBernoulli;
import doka.engine.connect.Projection;
import doka.engine.connect.WeightDistribution;
import doka.engine.input.DcStimulus;
import doka.engine.model.IafPscExp;
import doka.engine.record.SpikeRecorder;

/** Synapses routed to a receptor channel of their targets, with that channel's kinetics. */
class TestReceptorChannels {
    private static final double H = 0.1;
    private static final double TAU_SLOW_MS = 8;
    private static final int DELAY_STEPS = 10;

    private static IafPscExp.Parameters withSlowTau(double tauSlowMs) {
        IafPscExp.Parameters d = IafPscExp.Parameters.pd14();
        return new IafPscExp.Parameters(d.cMPf(), d.tauMMs(), d.tauSynExMs(), d.tauSynInMs(), d.tRefMs(), d.eLMv(),
                d.vThMv(), d.vResetMv(), d.iEPa(), tauSlowMs);
    }

    /** One source cell driven to spike once (at about 2 ms) onto one target through {@code channel}. */
    private static Network single(int channel, float weightPa, NeuronModel target) {
        NetworkBuilder b = new NetworkBuilder(H).threads(1).seed(5);
        NeuronRange src = b.addPopulation("source", 1, IafPscExp.Parameters.pd14());
        NeuronRange tgt = b.addPopulation("target", 1, target);
        if (channel != Receptor.BY_SIGN) {
            b.receptorChannel(src, channel);
        }
        b.connect("source -> target", new int[] {src.offset()}, new int[] {tgt.offset()}, new float[] {weightPa},
                new int[] {DELAY_STEPS});
        Network net = b.build();
        net.addDevice(new DcStimulus(new int[] {src.offset()}, 5000, 0, 25));
        return net;
    }

    /** The step in which the source's only spike arrives at the target. */
    private static long arrivalStep(Network net) {
        SpikeRecorder r = new SpikeRecorder();
        net.addSpikeObserver(r);
        net.simulate(100);
        assertEquals(1, r.size(), "the source spikes once");
        return r.step(0) + DELAY_STEPS;
    }

    @Test
    void channelTwoDecaysWithItsOwnTimeConstantAndDrivesTheMembrane() {
        float w = -80f;
        IafPscExp.Parameters p = withSlowTau(TAU_SLOW_MS);
        long arrival;
        try (Network probe = single(Receptor.SLOW_INHIBITORY, w, p)) {
            arrival = arrivalStep(probe);
        }
        try (Network net = single(Receptor.SLOW_INHIBITORY, w, p)) {
            net.addStepObserver((n, s) -> { }); // one-step slices: check after every step
            IafPscExp target = (IafPscExp) net.population("target").dynamics();
            double tm = p.tauMMs();
            double minV = 0;
            for (long step = 0; step < 600; step++) {
                net.simulate(1);
                // after step `step`, the current holds the input of steps up to `step`
                double expected = step < arrival ? 0 : w * Math.exp(-(step - arrival) * H / TAU_SLOW_MS);
                assertEquals(expected, target.synapticCurrentPa(Receptor.SLOW_INHIBITORY, 0),
                        1e-12 * Math.abs(w), "I_slow after step " + step);
                assertEquals(0, target.excitatoryCurrentPa(0), "channel 0 stays silent");
                assertEquals(0, target.inhibitoryCurrentPa(0), "channel 1 stays silent");
                // The membrane sees the current from the step after its arrival on (NEST's order):
                // V(t) = w/C · τs·τm/(τm − τs) · (e^(−t/τm) − e^(−t/τs)), t from the end of the arrival step.
                double t = (step - arrival) * H;
                double v = step <= arrival ? 0 : w / p.cMPf() * TAU_SLOW_MS * tm / (tm - TAU_SLOW_MS)
                        * (Math.exp(-t / tm) - Math.exp(-t / TAU_SLOW_MS));
                assertEquals(p.eLMv() + v, net.membranePotentialMv(1), 1e-9, "V after step " + step);
                minV = Math.min(minV, net.membranePotentialMv(1));
            }
            assertTrue(minV < -65.5, "the slow IPSP hyperpolarises the target, V_min " + minV);
        }
    }

    @Test
    void explicitRoutingOverridesTheSignAndTakesTheChannelsGain() {
        float w = 50f; // positive, but routed to the inhibitory channel
        try (Network net = single(Receptor.INHIBITORY, w, IafPscExp.Parameters.pd14())) {
            net.population("target").setInhibitoryGain(0.5);
            net.population("target").setExcitatoryGain(3);
            SpikeRecorder r = new SpikeRecorder();
            net.addSpikeObserver(r);
            net.addStepObserver((n, s) -> { });
            IafPscExp target = (IafPscExp) net.population("target").dynamics();
            double peak = 0;
            for (int step = 0; step < 100; step++) {
                net.simulate(1);
                assertEquals(0, target.excitatoryCurrentPa(0));
                peak = Math.max(peak, target.inhibitoryCurrentPa(0));
            }
            assertEquals(0.5 * w, peak, 0, "the gain of channel 1 scales the synapse");
        }
    }

    @Test
    void routingToAChannelSomeModelLacksIsRefused() {
        NetworkBuilder b = new NetworkBuilder(H).threads(1);
        NeuronRange src = b.addPopulation("source", 2, IafPscExp.Parameters.pd14());
        b.addPopulation("two", 2, new Channels(2));
        b.receptorChannel(src, Receptor.SLOW_INHIBITORY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("two (channels) has 2 receptor channels"), e.getMessage());
        NetworkBuilder ok = new NetworkBuilder(H).threads(1);
        ok.addPopulation("source", 2, IafPscExp.Parameters.pd14());
        ok.addPopulation("two", 2, new Channels(2));
        try (Network net = ok.build()) {
            net.simulate(10); // two channels suffice without routing
        }
        assertThrows(IllegalArgumentException.class, () -> ok.receptorChannel(src, Receptor.MAX_CHANNELS));
        assertThrows(IllegalArgumentException.class, () -> ok.receptorChannel(src, -1));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ok.receptorChannel(new NeuronRange("LTS", 0, 0, 1), 2));
        assertTrue(unknown.getMessage().contains("no such population"), unknown.getMessage());
    }

    @Test
    void aModelMustDeclareTwoToEightChannels() {
        for (int channels : new int[] {1, Receptor.MAX_CHANNELS + 1}) {
            NetworkBuilder b = new NetworkBuilder(H).threads(1);
            b.addPopulation("odd", 2, new Channels(channels));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().contains("declares " + channels + " receptor channels"), e.getMessage());
        }
    }

    /** A model that declares {@code channels} channels (its dynamics are iaf_psc_exp's). */
    private record Channels(int channels) implements NeuronModel {
        @Override
        public String modelName() {
            return "channels";
        }

        @Override
        public int receptorChannels() {
            return channels;
        }

        @Override
        public NeuronDynamics createDynamics(int size, double dtMs) {
            return IafPscExp.Parameters.pd14().createDynamics(size, dtMs);
        }
    }

    /** E and LTS cells, LTS routed to the slow channel: the network of the next tests. */
    private static Network slowNetwork(int threads, int partitionSize) {
        long seed = 17;
        NetworkBuilder b = new NetworkBuilder(H).seed(seed).threads(threads).partitionSize(partitionSize);
        NeuronRange e = b.addPopulation("E", 600, withSlowTau(12));
        NeuronRange i = b.addPopulation("LTS", 150, withSlowTau(12));
        b.slowInhibitionFrom(i);
        b.connect(new PairwiseBernoulli(new Projection(e, e, WeightDistribution.normalRelative(90, 0.1),
                new DelayDistribution(1.2, 0.5), H, seed, 1), 0.1, true));
        b.connect(new PairwiseBernoulli(new Projection(e, i, WeightDistribution.constant(90),
                DelayDistribution.constant(1.5), H, seed, 2), 0.1, true));
        b.connect(new PairwiseBernoulli(new Projection(i, e, WeightDistribution.normalRelative(-100, 0.1),
                new DelayDistribution(0.8, 0.4), H, seed, 3), 0.2, true));
        Network net = b.build();
        net.population("E").setBackground(8000, 87.8);
        net.population("LTS").setBackground(7000, 87.8);
        net.population("E").drawMembranePotentialsUniform(-65, -50, seed);
        return net;
    }

    private static int[][] spikes(Network net, long steps) {
        SpikeRecorder r = new SpikeRecorder();
        net.addSpikeObserver(r);
        net.simulate(steps);
        return new int[][] {r.neurons(), r.steps()};
    }

    @Test
    void routedSpikesDoNotDependOnThreadsPartitionsOrSnapshots() throws IOException {
        int[][] reference;
        try (Network net = slowNetwork(1, 5000)) {
            reference = spikes(net, 1500);
        }
        assertTrue(reference[0].length > 300, "active network, got " + reference[0].length + " spikes");
        try (Network net = slowNetwork(3, 97)) {
            int[][] other = spikes(net, 1500);
            assertArrayEquals(reference[0], other[0]);
            assertArrayEquals(reference[1], other[1]);
        }
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        int before;
        try (Network net = slowNetwork(2, 0)) {
            before = spikes(net, 611)[0].length;
            net.saveState(snapshot);
        }
        try (Network net = slowNetwork(2, 0)) {
            net.restoreState(new ByteArrayInputStream(snapshot.toByteArray()));
            int[][] after = spikes(net, 1500 - 611);
            assertEquals(reference[0].length, before + after[0].length);
            for (int k = 0; k < after[0].length; k++) {
                assertEquals(reference[0][before + k], after[0][k], "spike " + k + " after restore");
                assertEquals(reference[1][before + k], after[1][k], "spike " + k + " after restore");
            }
        }
    }
}
