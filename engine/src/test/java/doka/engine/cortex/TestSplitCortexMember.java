package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.atlas.Hemisphere;
import doka.engine.kernel.Ownership;
import doka.engine.kernel.RankComm;
import doka.engine.kernel.ThreadRanks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A cortex member split into tiles over ranks gives the single-rank member's spikes and rates. */
class TestSplitCortexMember {
    /** Rates of two windows (flattened) and every spike of the second, from one rank's view. */
    private record Result(double[] rates, long[] spikes) {
    }

    private static Result run(CortexModel model, CortexNetwork.Inputs inputs, RankComm comm, boolean rebuild) {
        try (CortexMember m = CortexMember.build(model, inputs, comm)) {
            m.advance(100);
            if (rebuild) {
                m.setParameter(CortexModel.LONG_RANGE_GAIN, "L", 2.0);
            }
            m.recorder().keepSpikes(0, m.network().cells().count());
            CortexMember.Window w = m.advance(150);
            return new Result(Arrays.stream(w.rateHz()).flatMapToDouble(Arrays::stream).toArray(), kept(m.recorder()));
        }
    }

    /** The recorder's kept spikes as (step, neuron) keys. */
    private static long[] kept(RateRecorder r) {
        long[] spikes = new long[r.keptCount()];
        for (int i = 0; i < spikes.length; i++) {
            spikes[i] = r.keptStep(i) << 32 | r.keptNeuron(i);
        }
        return spikes;
    }

    @Test
    void oneTwoAndFourRanksGiveTheSameSpikes() throws Exception {
        CortexModel model = TestCortexMember.small(1);
        CortexNetwork.Inputs inputs = CortexNetwork.loadInputs(model);
        Result whole = run(model, inputs, null, false);
        assertTrue(whole.spikes.length > 500, "active member, got " + whole.spikes.length + " spikes");
        for (int ranks : new int[] {2, 4}) {
            List<Result> split = ThreadRanks.run(ranks, comm -> run(model, inputs, comm, false));
            for (int r = 0; r < ranks; r++) {
                assertArrayEquals(whole.spikes, split.get(r).spikes, ranks + " ranks, rank " + r);
                assertArrayEquals(whole.rates, split.get(r).rates, 0, ranks + " ranks, rank " + r);
            }
        }
    }

    @Test
    void rebuildingAfterAStructuralChangeStaysTheSame() throws Exception {
        CortexModel model = TestCortexMember.small(1);
        CortexNetwork.Inputs inputs = CortexNetwork.loadInputs(model);
        Result whole = run(model, inputs, null, true);
        List<Result> split = ThreadRanks.run(2, comm -> run(model, inputs, comm, true));
        assertArrayEquals(whole.spikes, split.get(1).spikes);
    }

    @Test
    void tilesAreCompactAndSplitEachHemisphere() throws Exception {
        CortexModel model = TestCortexMember.small(1);
        CortexNetwork.Inputs inputs = CortexNetwork.loadInputs(model);
        Cells cells = Cells.place(inputs.atlas(), inputs.composition(), model.cells().densityScale(), model.cells().seed());
        Ownership[] tiles = Tiling.split(inputs.atlas(), cells, 4);
        Ownership.checkCover(tiles);
        Set<Hemisphere> seen = new HashSet<>();
        for (Ownership t : tiles) {
            Set<Hemisphere> h = new HashSet<>();
            for (int i = 0; i < t.count(); i++) {
                h.add(inputs.atlas().areas().get(Cells.areaOf(populationOf(cells, t.globalIndex(i)))).hemisphere());
            }
            assertEquals(1, h.size(), "a tile of 4 lies in one hemisphere");
            seen.addAll(h);
            assertEquals(cells.count() / 4.0, t.count(), 0.15 * cells.count(), "balanced tiles");
        }
        assertEquals(2, seen.size());
        // Most synapses (local wiring is within 3σ) connect cells of the same tile.
        List<double[]> within = ThreadRanks.run(4, comm -> {
            try (CortexNetwork net = CortexNetwork.build(model, inputs, comm)) {
                Ownership own = net.network().owned();
                long[] n = new long[2];
                net.network().synapses().forEach((src, tgt, w, d) -> n[own.owns(src) ? 0 : 1]++);
                return new double[] {n[0], n[1], net.network().synapses().synapseCount(), net.synapseCount()};
            }
        });
        double inside = within.stream().mapToDouble(x -> x[0]).sum();
        double total = within.stream().mapToDouble(x -> x[2]).sum();
        assertEquals(within.get(0)[3], total, 0, "the ranks' synapses add up to the member's");
        assertTrue(inside / total > 0.6, "share of synapses within a tile: " + inside / total);
    }

    /** An order-independent hash of every synapse (source, target, weight bits, delay). */
    private static long synapseHash(CortexNetwork net) {
        long[] h = new long[1];
        net.network().synapses().forEach((src, tgt, w, d) -> h[0] += doka.engine.kernel.Rng.mix64(
                doka.engine.kernel.Rng.mix64(((long) src << 32) | tgt) ^ ((long) Float.floatToRawIntBits(w) << 8 | d)));
        return h[0];
    }

    @Test
    void theRanksTogetherHoldExactlyTheWholeMembersSynapses() throws Exception {
        CortexModel model = TestCortexMember.small(1);
        CortexNetwork.Inputs inputs = CortexNetwork.loadInputs(model);
        long whole;
        try (CortexNetwork net = CortexNetwork.build(model, inputs)) {
            whole = synapseHash(net);
        }
        for (int ranks : new int[] {2, 3}) {
            List<Long> parts = ThreadRanks.run(ranks, comm -> {
                try (CortexNetwork net = CortexNetwork.build(model, inputs, comm)) {
                    return synapseHash(net);
                }
            });
            assertEquals(whole, parts.stream().mapToLong(Long::longValue).sum(), ranks + " ranks");
        }
    }

    /** LTS inhibition with its own, slower kinetics (tau_syn_in_slow) on one and on two ranks. */
    @Test
    void slowLtsInhibitionGivesTheSameSpikesOnTwoRanks() throws Exception {
        CortexModel base = TestCortexMember.small(1);
        java.util.Map<String, CortexModel.NeuronSpec> neurons = new java.util.LinkedHashMap<>();
        base.neurons().forEach((cls, spec) -> {
            java.util.Map<String, Double> params = new java.util.LinkedHashMap<>(spec.params());
            params.put("tau_syn_in", 4.0);
            params.put("tau_syn_in_slow", 15.0);
            neurons.put(cls, new CortexModel.NeuronSpec(spec.model(), spec.preset(), params));
        });
        CortexModel model = new CortexModel(base.name(), base.atlas(), base.connectome(), base.cells(), neurons,
                base.local(), base.longRange(), base.background(), base.parameters(), base.stimulation(), base.run());
        CortexNetwork.Inputs inputs = CortexNetwork.loadInputs(model);
        Result whole = run(model, inputs, null, false);
        assertTrue(whole.spikes.length > 500, "active member, got " + whole.spikes.length + " spikes");
        try (CortexNetwork net = CortexNetwork.build(model, inputs)) {
            assertTrue(net.network().populations().stream().filter(p -> p.name().endsWith("/LTS"))
                    .allMatch(doka.engine.kernel.Population::slowInhibitory));
            assertTrue(net.network().populations().stream().filter(p -> !p.name().endsWith("/LTS"))
                    .noneMatch(doka.engine.kernel.Population::slowInhibitory));
        }
        List<Result> split = ThreadRanks.run(2, comm -> run(model, inputs, comm, false));
        assertArrayEquals(whole.spikes, split.get(1).spikes);
        Result fast = run(TestCortexMember.small(1), CortexNetwork.loadInputs(TestCortexMember.small(1)), null, false);
        assertTrue(!Arrays.equals(fast.spikes, whole.spikes), "the kinetics change the activity");
    }

    private static int populationOf(Cells cells, int cell) {
        int p = 0;
        while (cells.offset(p + 1) <= cell) {
            p++;
        }
        return p;
    }

    @Test
    void eachRankRestoresItsOwnPart() throws Exception {
        CortexModel model = TestCortexMember.small(1);
        CortexNetwork.Inputs inputs = CortexNetwork.loadInputs(model);
        Result whole = run(model, inputs, null, false);
        List<byte[]> saved = ThreadRanks.run(2, comm -> {
            try (CortexMember m = CortexMember.build(model, inputs, comm)) {
                m.advance(100);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                m.saveState(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<long[]> resumed = ThreadRanks.run(2, comm -> {
            try (CortexMember m = CortexMember.build(model, inputs, comm)) {
                m.restoreState(new ByteArrayInputStream(saved.get(comm.rank())));
                m.recorder().keepSpikes(0, m.network().cells().count());
                m.advance(150);
                return kept(m.recorder());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertArrayEquals(whole.spikes, resumed.get(0));
    }
}
