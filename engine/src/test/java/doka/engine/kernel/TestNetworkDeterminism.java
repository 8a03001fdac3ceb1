package doka.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import doka.engine.connect.DelayDistribution;
import doka.engine.connect.FixedTotalNumber;
import doka.engine.connect.PairwiseBernoulli;
import doka.engine.connect.Projection;
import doka.engine.connect.WeightDistribution;
import doka.engine.input.DcStimulus;
import doka.engine.input.PoissonGenerator;
import doka.engine.model.IafPscExp;
import doka.engine.model.Izhikevich;
import doka.engine.record.SpikeRecorder;

/** Same seed, same spikes: for any thread count, partition size, cut into windows, or snapshot. */
class TestNetworkDeterminism {
    private static final long SEED = 20240607;

    /** A small E/FS network with random delays, Poisson background, a generator and a DC pulse. */
    static Network build(int threads, int partitionSize) {
        return build(threads, partitionSize, null, null);
    }

    /** The same network, split over the ranks of {@code comm} when it is not null. */
    static Network build(int threads, int partitionSize, RankComm comm, Ownership[] ownership) {
        return build(threads, partitionSize, comm, ownership, 120);
    }

    /** With excitatory weights of mean {@code weightEPa} (the same synapses otherwise). */
    private static Network build(int threads, int partitionSize, RankComm comm, Ownership[] ownership, double weightEPa) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(SEED).threads(threads).partitionSize(partitionSize);
        if (comm != null) {
            b.distributed(comm, ownership);
        }
        NeuronRange e = b.addPopulation("E", 1000, IafPscExp.Parameters.pd14());
        NeuronRange i = b.addPopulation("FS", 250, Izhikevich.Parameters.fastSpiking());
        WeightDistribution we = WeightDistribution.normalRelative(weightEPa, 0.1);
        WeightDistribution wi = WeightDistribution.normalRelative(-500, 0.1);
        DelayDistribution de = new DelayDistribution(1.5, 0.75);
        DelayDistribution di = new DelayDistribution(0.8, 0.4);
        b.connect(new PairwiseBernoulli(new Projection(e, e, we, de, 0.1, SEED, 1), 0.1, false));
        b.connect(new FixedTotalNumber(new Projection(e, i, we, de, 0.1, SEED, 2), 25_000));
        b.connect(new PairwiseBernoulli(new Projection(i, e, wi, di, 0.1, SEED, 3), 0.2, true));
        b.connect(new FixedTotalNumber(new Projection(i, i, wi, di, 0.1, SEED, 4), 6_000));
        Network net = b.build();
        net.population("E").setBackground(7000, 87.8);
        net.population("FS").setBackground(5000, 87.8);
        net.population("E").drawMembranePotentialsUniform(-65, -50, SEED);
        net.population("FS").drawMembranePotentialsNormal(-65, 3, SEED);
        int[] targets = new int[60];
        for (int k = 0; k < targets.length; k++) {
            targets[k] = 3 * k + 7;
        }
        net.addDevice(new DcStimulus(targets, 150, 500, 800));
        net.addDevice(new PoissonGenerator(targets, 300, 50, 200, 1500, 0.1, SEED, 9));
        return net;
    }

    private static int[][] run(int threads, int partitionSize, long... windows) {
        try (Network net = build(threads, partitionSize)) {
            SpikeRecorder r = new SpikeRecorder();
            net.addSpikeObserver(r);
            for (long w : windows) {
                net.simulate(w);
            }
            return new int[][] {r.neurons(), r.steps()};
        }
    }

    @Test
    void spikesDoNotDependOnThreadsPartitionsOrWindows() {
        int[][] reference = run(1, 2000, 2000);
        assertTrue(reference[0].length > 1000, "the network should be active, got " + reference[0].length + " spikes");
        int[][] threaded = run(3, 137, 2000);
        assertArrayEquals(reference[0], threaded[0]);
        assertArrayEquals(reference[1], threaded[1]);
        int[][] windowed = run(2, 512, 1, 499, 7, 743, 750);
        assertArrayEquals(reference[0], windowed[0]);
        assertArrayEquals(reference[1], windowed[1]);
        int[][] again = run(2, 0, 2000);
        assertArrayEquals(reference[1], again[1]);
        assertArrayEquals(reference[0], again[0]);
    }

    /** Slices of one step (forced by a step observer) and of eight steps take different model loops. */
    @Test
    void oneStepAndMultiStepSlicesGiveTheSameSpikes() {
        int[][] runs = new int[2][];
        for (int k = 0; k < 2; k++) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(SEED).threads(2).partitionSize(300);
            NeuronRange e = b.addPopulation("E", 800, IafPscExp.Parameters.pd14());
            NeuronRange i = b.addPopulation("I", 200, Izhikevich.Parameters.lowThresholdSpiking());
            b.connect(new PairwiseBernoulli(new Projection(e, i, WeightDistribution.constant(90),
                    DelayDistribution.constant(1.5), 0.1, SEED, 1), 0.1, true));
            b.connect(new PairwiseBernoulli(new Projection(e, e, WeightDistribution.constant(90),
                    DelayDistribution.constant(1.2), 0.1, SEED, 3), 0.1, true));
            b.connect(new PairwiseBernoulli(new Projection(i, e, WeightDistribution.constant(-450),
                    DelayDistribution.constant(0.8), 0.1, SEED, 2), 0.1, true));
            try (Network net = b.build()) {
                net.population("E").setBackground(7000, 87.8);
                net.population("I").setBackground(6000, 87.8);
                net.population("E").drawMembranePotentialsUniform(-65, -50, SEED);
                assertEquals(8, net.sliceSteps());
                if (k == 1) {
                    net.addStepObserver((network, step) -> { });
                    assertEquals(1, net.sliceSteps());
                }
                SpikeRecorder r = new SpikeRecorder();
                net.addSpikeObserver(r);
                net.simulate(1500);
                runs[k] = r.neurons();
                assertTrue(r.size() > 200, "active network, got " + r.size());
            }
        }
        assertArrayEquals(runs[0], runs[1]);
    }

    @Test
    void buildDoesNotDependOnThreads() {
        try (Network a = build(1, 300); Network c = build(3, 300)) {
            assertEquals(a.synapses().synapseCount(), c.synapses().synapseCount());
            long[] ha = hash(a.synapses());
            long[] hc = hash(c.synapses());
            assertArrayEquals(ha, hc);
        }
    }

    private static long[] hash(SynapseStore s) {
        long[] h = new long[1];
        s.forEach((src, tgt, w, d) -> h[0] = Rng.mix64(h[0] ^ src) + Rng.mix64(tgt ^ ((long) d << 40))
                + Float.floatToRawIntBits(w));
        return h;
    }

    @Test
    void restoredRunContinuesWithTheSameSpikes() throws IOException {
        int[][] reference = run(2, 0, 2000);
        byte[] snapshot;
        int[][] first;
        try (Network net = build(2, 0)) {
            SpikeRecorder r = new SpikeRecorder();
            net.addSpikeObserver(r);
            net.simulate(734);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            net.saveState(out);
            snapshot = out.toByteArray();
            first = new int[][] {r.neurons(), r.steps()};
        }
        try (Network net = build(1, 0)) {
            net.population("E").setBackground(1, 1); // overwritten by the snapshot
            net.restoreState(new ByteArrayInputStream(snapshot));
            assertEquals(734, net.step());
            SpikeRecorder r = new SpikeRecorder();
            net.addSpikeObserver(r);
            net.simulate(2000 - 734);
            int n1 = first[0].length;
            int n2 = r.size();
            assertEquals(reference[0].length, n1 + n2);
            for (int k = 0; k < n2; k++) {
                assertEquals(reference[0][n1 + k], r.neuron(k), "spike " + k + " after restore");
                assertEquals(reference[1][n1 + k], r.step(k), "spike " + k + " after restore");
            }
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            net.saveState(again);
            assertTrue(again.size() > snapshot.length / 2);
        }
    }

    @Test
    void snapshotOfAnotherNetworkIsRejected() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Network net = build(1, 0)) {
            net.saveState(out);
        }
        NetworkBuilder b = new NetworkBuilder(0.1).seed(SEED).threads(1);
        b.addPopulation("E", 10, IafPscExp.Parameters.pd14());
        try (Network other = b.build()) {
            IOException e = assertThrows(IOException.class,
                    () -> other.restoreState(new ByteArrayInputStream(out.toByteArray())));
            assertTrue(e.getMessage().contains("neuron count"), e.getMessage());
        }
        IOException bad = assertThrows(IOException.class, () -> build(1, 0).restoreState(
                new ByteArrayInputStream(new byte[64])));
        assertTrue(bad.getMessage().contains("magic"));
    }

    @Test
    void snapshotOfTheSameShapeWithOtherWeightsIsRejected() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count;
        long digest;
        try (Network net = build(2, 0)) {
            net.simulate(100);
            net.saveState(out);
            count = net.synapses().synapseCount();
            digest = net.synapses().digest();
        }
        try (Network same = build(1, 137)) { // other threads and partitions, the same synapses
            assertEquals(digest, same.synapses().digest());
            same.restoreState(new ByteArrayInputStream(out.toByteArray()));
            assertEquals(100, same.step());
        }
        try (Network heavier = build(2, 0, null, null, 121)) {
            assertEquals(count, heavier.synapses().synapseCount());
            assertNotEquals(digest, heavier.synapses().digest());
            IOException e = assertThrows(IOException.class,
                    () -> heavier.restoreState(new ByteArrayInputStream(out.toByteArray())));
            assertTrue(e.getMessage().contains("the synapses differ from this network's"), e.getMessage());
            assertTrue(e.getMessage().contains("built differently"), e.getMessage());
        }
        // Format 2 (before the digest) is refused as too old.
        ByteArrayOutputStream v2 = new ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(v2);
        d.writeLong(0x444f4b41534e4150L);
        d.writeInt(2);
        try (Network net = build(1, 0)) {
            IOException e = assertThrows(IOException.class, () -> net.restoreState(new ByteArrayInputStream(v2.toByteArray())));
            assertTrue(e.getMessage().contains("snapshot format 2 is too old"), e.getMessage());
        }
    }

    @Test
    void gainsScaleInputExactly() {
        // A gain of 2 on the excitatory channel equals doubled excitatory weights.
        try (Network a = single(87.8, 1); Network b = single(2 * 87.8, 0)) {
            a.population("n").setExcitatoryGain(2);
            a.simulate(60);
            b.simulate(60);
            assertEquals(b.membranePotentialMv(1), a.membranePotentialMv(1), 1e-12);
            assertTrue(a.membranePotentialMv(1) > -64.9);
        }
    }

    private static Network single(double weight, int dummy) {
        NetworkBuilder b = new NetworkBuilder(0.1).threads(1);
        b.addPopulation("n", 2, IafPscExp.Parameters.pd14());
        Network net = b.build();
        net.addDevice(new doka.engine.input.SpikeGenerator(new int[] {1, 1}, new long[] {10, 50},
                new double[] {weight, weight}));
        return net;
    }
}
