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
            RateRecorder r = m.recorder();
            long[] spikes = new long[r.keptCount()];
            for (int i = 0; i < spikes.length; i++) {
                spikes[i] = r.keptStep(i) << 32 | r.keptNeuron(i);
            }
            return new Result(Arrays.stream(w.rateHz()).flatMapToDouble(Arrays::stream).toArray(), spikes);
        }
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
                RateRecorder r = m.recorder();
                long[] spikes = new long[r.keptCount()];
                for (int i = 0; i < spikes.length; i++) {
                    spikes[i] = r.keptStep(i) << 32 | r.keptNeuron(i);
                }
                return spikes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertArrayEquals(whole.spikes, resumed.get(0));
    }
}
