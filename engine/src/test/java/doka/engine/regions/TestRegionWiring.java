package doka.engine.regions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.cortex.CellClass;
import doka.engine.cortex.Cells;
import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.engine.cortex.RateRecorder;
import doka.engine.kernel.ThreadRanks;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The regions' wiring: the report's cell-type rule, the named pathways, and determinism across ranks. */
class TestRegionWiring {
    /** A small cortico-cerebellar-basal-ganglia model on the synthetic atlas. */
    static CortexModel small() {
        CortexModel base = CortexModel.defaults();
        CortexModel.AtlasSpec a = base.atlas();
        CortexModel m = new CortexModel("regions-test", new CortexModel.AtlasSpec("synthetic", 1L, 40, 28, null, null,
                List.of("MOp-L", "MOs-L")), base.connectome(), base.cells(), base.neurons(), base.local(), base.longRange(),
                base.background(), base.parameters(), null, new CortexModel.RunSpec(0.1, 100.0, 0.0, 1.0, 1L, 1),
                new RegionsSpec(List.of("VAL-L", "PG-L", "SIM-L", "DN-L", "CP-L", "GPe-L", "GPi-L"), 0.004, null, null, null));
        return m.withDensityScale(0.01).completed(Map.of());
    }

    /** Class of every neuron: a cortical class stand-in or a region class. */
    private static RegionClass[] classes(CortexNetwork net) {
        Cells cells = net.cells();
        Regions regions = net.regions();
        RegionClass[] out = new RegionClass[net.network().neuronCount()];
        RegionClass cortexInhibitory = new RegionClass("cortex I", false, null, 0, 0, 0, 0, 0);
        for (int p = 0; p < cells.populationCount(); p++) {
            Arrays.fill(out, cells.offset(p), cells.offset(p) + cells.size(p),
                    Cells.classOf(p) == CellClass.E ? RegionWiring.CORTEX_E : cortexInhibitory);
        }
        for (int p = 0; p < regions.cells().populationCount(); p++) {
            int from = regions.base() + regions.cells().offset(p);
            Arrays.fill(out, from, from + regions.cells().size(p), regions.cells().populations().get(p).cls());
        }
        return out;
    }

    @Test
    void longRangeSynapsesFollowTheReportsCellTypeRule() throws Exception {
        CortexModel model = small();
        try (CortexNetwork net = CortexNetwork.build(model)) {
            RegionClass[] cls = classes(net);
            Regions regions = net.regions();
            int base = regions.base();
            // Region (or cortical area) of every neuron: cortex areas 0.., regions after them.
            int[] area = new int[cls.length];
            for (int c = 0; c < base; c++) {
                area[c] = Cells.areaOf(net.network().populationOf(c).index());
            }
            for (int p = 0; p < regions.cells().populationCount(); p++) {
                int from = base + regions.cells().offset(p);
                Arrays.fill(area, from, from + regions.cells().size(p), 1000 + regions.cells().populations().get(p).area());
            }
            Set<List<RegionClass>> basalGanglia = Set.of(List.of(RegionWiring.CORTEX_E, RegionClass.D1),
                    List.of(RegionWiring.CORTEX_E, RegionClass.D2), List.of(RegionWiring.CORTEX_E, RegionClass.STRIATAL_FS),
                    List.of(RegionClass.D1, RegionClass.GPI_SNR), List.of(RegionClass.D2, RegionClass.GPE),
                    List.of(RegionClass.GPE, RegionClass.GPI_SNR), List.of(RegionClass.GPI_SNR, RegionClass.TC));
            Map<List<RegionClass>, Long> count = new HashMap<>();
            long[] broken = new long[1];
            net.network().synapses().forEach((src, tgt, w, d) -> {
                if (area[src] == area[tgt] || (src < base && tgt < base)) {
                    return; // local, or the cortex's own long range
                }
                List<RegionClass> pair = List.of(cls[src], cls[tgt]);
                RegionClass tgtCls = tgt < base ? RegionWiring.CORTEX_ALL : cls[tgt];
                boolean rule = RegionWiring.PRESYNAPTIC.contains(cls[src]) && RegionWiring.POSTSYNAPTIC.contains(tgtCls);
                boolean sameKindLocal = src >= base && tgt >= base
                        && regions.atlas().kind(area[src] - 1000) == regions.atlas().kind(area[tgt] - 1000);
                if (!rule && !basalGanglia.contains(pair) && !sameKindLocal) {
                    broken[0]++;
                }
                if ((w > 0) != cls[src].excitatory()) {
                    broken[0]++;
                }
                count.merge(List.of(cls[src], tgtCls), 1L, Long::sum);
            });
            assertEquals(0, broken[0], "synapses outside the cell-type rule and the basal-ganglia pathways, or of the wrong sign");
            for (List<RegionClass> needed : List.of(List.of(RegionWiring.CORTEX_E, RegionClass.PONTINE),
                    List.of(RegionClass.PONTINE, RegionClass.GRANULE), List.of(RegionClass.PURKINJE, RegionClass.NUCLEI),
                    List.of(RegionClass.NUCLEI, RegionClass.TC), List.of(RegionClass.TC, RegionWiring.CORTEX_ALL),
                    List.of(RegionWiring.CORTEX_E, RegionClass.D1), List.of(RegionClass.D2, RegionClass.GPE),
                    List.of(RegionClass.GPE, RegionClass.GPI_SNR), List.of(RegionClass.D1, RegionClass.GPI_SNR))) {
                assertTrue(count.getOrDefault(needed, 0L) > 0, "no synapses " + needed.get(0).label() + " -> "
                        + needed.get(1).label());
            }
        }
    }

    /** Granule → Purkinje synapses lie in the band of the parallel fibre: ±1000 µm along it, ±75 µm across. */
    @Test
    void parallelFibresRunAlongTheSurfaceAcrossThePurkinjeDendrites() throws Exception {
        try (CortexNetwork net = CortexNetwork.build(small())) {
            RegionClass[] cls = classes(net);
            RegionCells cells = net.regions().cells();
            int base = net.regions().base();
            long[] seen = new long[2];
            net.network().synapses().forEach((src, tgt, w, d) -> {
                if (cls[src] != RegionClass.GRANULE || cls[tgt] != RegionClass.PURKINJE) {
                    return;
                }
                int s = src - base, t = tgt - base;
                double[] n = {cells.normal(t, 0), cells.normal(t, 1), cells.normal(t, 2)};
                double[] f = {-n[2] * n[0], -n[2] * n[1], 1 - n[2] * n[2]};
                double len = Math.sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]);
                double[] g = {n[1] * f[2] - n[2] * f[1], n[2] * f[0] - n[0] * f[2], n[0] * f[1] - n[1] * f[0]};
                double along = 0, across = 0;
                for (int ax = 0; ax < 3; ax++) {
                    double dx = cells.posUm(s, ax) - cells.posUm(t, ax);
                    along += dx * f[ax] / len;
                    across += dx * g[ax] / len;
                }
                seen[0]++;
                if (Math.abs(along) > 1000 + 1e-3 || Math.abs(across) > 75 + 1e-3) {
                    seen[1]++;
                }
            });
            assertTrue(seen[0] > 1000, "granule -> Purkinje synapses: " + seen[0]);
            assertEquals(0, seen[1], "synapses outside the parallel-fibre band");
        }
    }

    /** A parameter scoped to a region population acts on it alone: less background, fewer spikes. */
    @Test
    void parametersAreScopedPerRegionAndClass() throws Exception {
        CortexModel model = small();
        try (CortexMember m = CortexMember.build(model)) {
            int pons = m.network().regions().cells().population(m.network().regions().atlas().area("PG-L").index(),
                    RegionClass.PONTINE);
            int quantity = m.network().atlas().areas().size() + pons;
            double before = mean(m.advance(200).rateHz()[quantity]);
            m.setParameter(CortexModel.BACKGROUND_SCALE, "PG-L/E", 0.5);
            assertEquals(0.5, m.parameter(CortexModel.BACKGROUND_SCALE).area().get("PG-L/E"));
            double after = mean(m.advance(200).rateHz()[quantity]);
            assertTrue(before > 2 && after < 0.5 * before, "PG-L/E rate " + before + " -> " + after + " Hz");
        }
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(0);
    }

    @Test
    void aRuleBreakingTheCellTypeRuleIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RegionWiring.Rule.longRange(
                "granule out", List.of(RegionClass.GRANULE), RegionClass.TC, 1, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RegionWiring.Rule.longRange(
                "onto Purkinje", List.of(RegionClass.PONTINE), RegionClass.PURKINJE, 1, 1));
    }

    /** Every spike of 100 ms, as (step, neuron) keys, and the rates. */
    private record Run(long[] spikes, double[] rates) {
    }

    private static Run run(CortexModel model, CortexNetwork.Inputs inputs, doka.engine.kernel.RankComm comm) {
        try (CortexMember m = CortexMember.build(model, inputs, comm)) {
            m.recorder().keepSpikes(0, m.network().network().neuronCount());
            CortexMember.Window w = m.advance(100);
            RateRecorder r = m.recorder();
            long[] spikes = new long[r.keptCount()];
            for (int i = 0; i < spikes.length; i++) {
                spikes[i] = r.keptStep(i) << 32 | r.keptNeuron(i);
            }
            return new Run(spikes, Arrays.stream(w.rateHz()).flatMapToDouble(Arrays::stream).toArray());
        }
    }

    @Test
    void oneAndTwoRanksGiveTheSameSpikes() throws Exception {
        CortexModel model = small();
        CortexNetwork.Inputs inputs = CortexNetwork.loadInputs(model);
        Run whole = run(model, inputs, null);
        int regionSpikes = 0;
        int base = inputs.atlas() == null ? 0 : -1;
        try (CortexNetwork net = CortexNetwork.build(model, inputs)) {
            base = net.regions().base();
        }
        for (long s : whole.spikes) {
            regionSpikes += (int) s >= base ? 1 : 0;
        }
        assertTrue(regionSpikes > 100, "regions active, got " + regionSpikes + " spikes");
        List<Run> split = ThreadRanks.run(2, comm -> run(model, inputs, comm));
        for (Run r : split) {
            assertArrayEquals(whole.spikes, r.spikes);
            assertArrayEquals(whole.rates, r.rates, 0);
        }
    }
}
