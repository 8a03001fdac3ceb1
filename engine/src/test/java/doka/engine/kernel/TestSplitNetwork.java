package doka.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import doka.engine.record.SpikeRecorder;

/** A network split over ranks: the same synapses and the same spikes for any split. */
class TestSplitNetwork {
    private static final int NEURONS = 1250;

    /** Ownership tables that cut across the E/FS border and interleave ranges. */
    static Ownership[] split(int ranks) {
        Ownership[] o = new Ownership[ranks];
        int chunk = 97;
        for (int r = 0; r < ranks; r++) {
            int n = 0;
            int[] s = new int[NEURONS / chunk + 2];
            int[] e = new int[s.length];
            for (int c = 0, lo = 0; lo < NEURONS; c++, lo += chunk) {
                if (c % ranks == r) {
                    s[n] = lo;
                    e[n++] = Math.min(NEURONS, lo + chunk);
                }
            }
            o[r] = Ownership.ofRanges(NEURONS, Arrays.copyOf(s, n), Arrays.copyOf(e, n));
        }
        return o;
    }

    /** Every rank's own spikes, merged in (step, neuron) order, and the spikes each rank sent. */
    private static long[] runSplit(int ranks, int threads, long steps) throws Exception {
        Ownership[] table = split(ranks);
        List<long[]> perRank = ThreadRanks.run(ranks, comm -> {
            try (Network net = TestNetworkDeterminism.build(threads, 200, comm, table)) {
                SpikeRecorder r = new SpikeRecorder();
                net.addSpikeObserver(r);
                net.simulate(steps);
                return keys(r);
            }
        });
        return merge(perRank);
    }

    static long[] keys(SpikeRecorder r) {
        long[] k = new long[r.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = (long) r.step(i) << 32 | r.neuron(i);
        }
        return k;
    }

    static long[] merge(List<long[]> perRank) {
        long[] all = perRank.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static long[] runWhole(long steps) {
        try (Network net = TestNetworkDeterminism.build(2, 0)) {
            SpikeRecorder r = new SpikeRecorder();
            net.addSpikeObserver(r);
            net.simulate(steps);
            return keys(r);
        }
    }

    @Test
    void spikesAreTheSameForOneTwoAndFourRanks() throws Exception {
        long[] whole = runWhole(2000);
        assertTrue(whole.length > 1000, "the network should be active, got " + whole.length + " spikes");
        assertArrayEquals(whole, runSplit(1, 2, 2000));
        assertArrayEquals(whole, runSplit(2, 1, 2000));
        assertArrayEquals(whole, runSplit(4, 2, 2000));
        assertArrayEquals(whole, runSplit(3, 1, 2000));
    }

    @Test
    void eachRankStoresOnlyTheSynapsesOntoItsNeurons() throws Exception {
        long total;
        try (Network net = TestNetworkDeterminism.build(1, 0)) {
            total = net.synapses().synapseCount();
        }
        Ownership[] table = split(4);
        List<long[]> counts = ThreadRanks.run(4, comm -> {
            try (Network net = TestNetworkDeterminism.build(1, 0, comm, table)) {
                int[] k = net.synapses().inDegrees();
                long foreign = 0;
                for (int g = 0; g < k.length; g++) {
                    foreign += table[comm.rank()].owns(g) ? 0 : k[g];
                }
                return new long[] {net.synapses().synapseCount(), foreign, net.owned().count()};
            }
        });
        long sum = 0;
        for (long[] c : counts) {
            assertEquals(0, c[1], "synapses onto neurons of other ranks");
            assertTrue(c[0] < total, "a rank holds " + c[0] + " of " + total + " synapses");
            sum += c[0];
        }
        assertEquals(total, sum);
    }

    @Test
    void onlyNeededSpikesAreSent() throws Exception {
        // Rank 1 owns only neurons without outgoing synapses onto rank 0: nothing to send there.
        Ownership[] table = {Ownership.ofRanges(NEURONS, new int[] {0}, new int[] {1000}),
            Ownership.ofRanges(NEURONS, new int[] {1000}, new int[] {NEURONS})};
        List<long[]> sent = ThreadRanks.run(2, comm -> {
            try (Network net = TestNetworkDeterminism.build(1, 0, comm, table)) {
                SpikeRecorder r = new SpikeRecorder();
                net.addSpikeObserver(r);
                net.simulate(1000);
                return new long[] {net.spikesSent(), r.size()};
            }
        });
        // Every FS cell projects onto E (rank 0), and every E cell onto FS: each spike is sent once.
        assertEquals(sent.get(0)[1], sent.get(0)[0]);
        assertEquals(sent.get(1)[1], sent.get(1)[0]);
    }

    @Test
    void eachRankRestoresItsOwnSnapshot() throws Exception {
        long[] whole = runWhole(2000);
        Ownership[] table = split(2);
        List<byte[]> snapshots = ThreadRanks.run(2, comm -> {
            try (Network net = TestNetworkDeterminism.build(1, 0, comm, table)) {
                net.simulate(734);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                net.saveState(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<long[]> after = ThreadRanks.run(2, comm -> {
            try (Network net = TestNetworkDeterminism.build(2, 0, comm, table)) {
                net.restoreState(new ByteArrayInputStream(snapshots.get(comm.rank())));
                SpikeRecorder r = new SpikeRecorder();
                net.addSpikeObserver(r);
                net.simulate(2000 - 734);
                return keys(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long[] tail = Arrays.stream(whole).filter(k -> (k >>> 32) >= 734).toArray();
        assertArrayEquals(tail, merge(after));
        // Rank 0's snapshot does not fit rank 1.
        List<String> errors = ThreadRanks.run(2, comm -> {
            try (Network net = TestNetworkDeterminism.build(1, 0, comm, table)) {
                net.restoreState(new ByteArrayInputStream(snapshots.get(1 - comm.rank())));
                return "restored";
            } catch (IOException e) {
                return e.getMessage();
            }
        });
        assertTrue(errors.get(0).contains("other neurons"), errors.get(0));
    }

    @Test
    void badOwnershipTablesAreRefused() {
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> Ownership.checkCover(new Ownership[] {Ownership.ofRanges(10, new int[] {0}, new int[] {6}),
                    Ownership.ofRanges(10, new int[] {5}, new int[] {10})}));
        assertTrue(overlap.getMessage().contains("neuron 5 is claimed by ranks 0 and 1"), overlap.getMessage());
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> Ownership.checkCover(new Ownership[] {Ownership.ofRanges(10, new int[] {0}, new int[] {4}),
                    Ownership.ofRanges(10, new int[] {5}, new int[] {10})}));
        assertTrue(gap.getMessage().contains("neuron 4 belongs to no rank"), gap.getMessage());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> Ownership.ofRanges(10, new int[] {5, 0}, new int[] {8, 3}));
        assertTrue(order.getMessage().contains("overlaps or precedes"), order.getMessage());
        Ownership o = Ownership.ofRanges(10, new int[] {2, 4, 7}, new int[] {4, 6, 9});
        assertEquals(2, o.rangeCount());
        assertEquals(6, o.count());
        assertEquals(-1, o.localIndex(6));
        assertEquals(4, o.localIndex(7));
        assertEquals(7, o.globalIndex(4));
    }
}
