package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.atlas.Atlas;
import doka.engine.atlas.Connectome;
import doka.engine.pd14.Pd14Tables;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestCortexWiring {
    private static CortexModel model(double s, double kLr) {
        return CortexModel.defaults().withDensityScale(s)
                .withRun(new CortexModel.RunSpec(0.1, 100.0, 0.0, 1.0, 5L, 2))
                .withLongRange(new CortexModel.LongRangeSpec(kLr, 1.5));
    }

    /** A network of the atlas's areas without long-range wiring. */
    private static CortexNetwork localOnly(Atlas atlas, CortexModel m) {
        return CortexNetwork.build(m, new CortexNetwork.Inputs(atlas, none(), CellComposition.defaults(), List.of(), null));
    }

    private static Connectome none() {
        return new Connectome("none", List.of("MOp", "MOs"), new double[4], new double[4], List.of());
    }

    @Test
    void localInDegreesMatchPd14TimesDensityAndProfileIsGaussian() {
        Atlas atlas = FlatSheets.sheet(30, 30, 99);
        double s = 0.02;
        try (CortexNetwork net = localOnly(atlas, model(s, 0))) {
            Cells cells = net.cells();
            int tp = Cells.population(0, 0, CellClass.E), sp = tp; // L2/3e → L2/3e
            int sFs = Cells.population(0, 1, CellClass.FS);       // L4 FS → L2/3e
            double sigma = 300, r = 900, dt = 0.1;
            long[] count = new long[2];
            double[] r2sum = new double[1];
            long[] interior = new long[1];
            int[] badDelay = new int[1];
            net.network().synapses().forEach((src, tgt, w, d) -> {
                if (tgt < cells.offset(tp) || tgt >= cells.offset(tp + 1)) {
                    return;
                }
                boolean inner = Math.abs(cells.tangentialUm(tgt, 0) - 1500) < 500 && Math.abs(cells.tangentialUm(tgt, 2) - 1500) < 500;
                double r2 = cells.tangentialDistanceSqUm2(src, tgt);
                if (src >= cells.offset(sp) && src < cells.offset(sp + 1)) {
                    count[0]++;
                    if (inner) {
                        r2sum[0] += r2;
                        interior[0]++;
                    }
                    long want = Math.round((1.5 + Math.sqrt(r2) * 1e-3 / 0.3) / dt);
                    if (d != want || w <= 0) {
                        badDelay[0]++;
                    }
                } else if (src >= cells.offset(sFs) && src < cells.offset(sFs + 1)) {
                    count[1]++;
                    if (w >= 0 || d != Math.round((0.75 + Math.sqrt(r2) * 1e-3 / 0.3) / dt)) {
                        badDelay[0]++;
                    }
                }
            });
            int nt = cells.size(tp);
            double k = Pd14Tables.inDegree(0, 0) * s;
            double kFs = Pd14Tables.inDegree(0, 3) * 0.63 * s; // L4i → L2/3e, FS share 0.63 in L4
            // Sum of independent Bernoullis: sd of the total ≤ √(mean).
            assertEquals(k * nt, count[0], 5 * Math.sqrt(k * nt), "L2/3e → L2/3e in-degree");
            assertEquals(kFs * nt, count[1], 5 * Math.sqrt(kFs * nt) + 0.02 * kFs * nt, "L4 FS → L2/3e in-degree");
            assertEquals(0, badDelay[0], "delays are synaptic + distance / 0.3 mm/ms, signs by class");
            // Truncated 2-D Gaussian: E[r²] = 2σ² (1 − a e^{−a} / (1 − e^{−a})), a = R²/2σ².
            double a = r * r / (2 * sigma * sigma);
            double expected = 2 * sigma * sigma * (1 - a * Math.exp(-a) / (1 - Math.exp(-a)));
            double mean = r2sum[0] / interior[0];
            assertEquals(expected, mean, 0.06 * expected, "mean squared distance of connected pairs");
        }
    }

    @Test
    void longRangeGainHitsTheTargetInDegreeFromEOnly() {
        Atlas atlas = FlatSheets.sheet(20, 10, 10);
        double s = 0.01;
        double[] ipsi = {0, 1.0, 0.25, 0};
        Connectome c = new Connectome("test", List.of("MOp", "MOs"), ipsi, new double[4], List.of());
        CortexModel m = model(s, 300);
        try (CortexNetwork net = CortexNetwork.build(m, new CortexNetwork.Inputs(atlas, c, CellComposition.defaults(), List.of(), null))) {
            Cells cells = net.cells();
            int mopEnd = cells.areaEnd(0);
            long[] lr = new long[2];
            int[] wrong = new int[1];
            net.network().synapses().forEach((src, tgt, w, d) -> {
                boolean cross = (src < mopEnd) != (tgt < mopEnd);
                if (!cross) {
                    return;
                }
                lr[src < mopEnd ? 0 : 1]++;
                int p = net.network().populationOf(src).index();
                long want = Math.round((1.5 + cells.distanceUm(src, tgt) * 1e-3 / 2.0) / 0.1);
                if (Cells.classOf(p) != CellClass.E || w < 0 || d != want) {
                    wrong[0]++;
                }
            });
            assertEquals(0, wrong[0], "long-range: E sources, excitatory, delay 1.5 ms + d / 2 m/s");
            double want = 300 * s * cells.count();
            assertEquals(want, lr[0] + lr[1], 5 * Math.sqrt(want));
            // MOp → MOs four times MOs → MOp (sparse limit: expected synapses ∝ γW).
            assertEquals(4.0, (double) lr[0] / lr[1], 0.6);
            double[] perArea = net.longRangeInDegreeFull();
            int nMos = cells.count() - mopEnd;
            assertEquals(lr[0] / (double) nMos / s, perArea[1], 0.15 * perArea[1], "expected vs realised into MOs");
        }
    }

    @Test
    void compensationKeepsTheMeanInputAtFullScale() {
        // The DC of a down-scaled network plus its recurrent mean equals the full-scale mean.
        Atlas atlas = FlatSheets.sheet(10, 10, 99);
        CellComposition comp = CellComposition.defaults();
        double s = 0.04;
        CortexModel m = model(s, 0);
        Cells cells = Cells.place(atlas, comp, s, 1);
        LocalPathways lp = new LocalPathways(atlas, cells, comp, m.local(), s, pd14Taus());
        double[] rates = Pd14Tables.REFERENCE_RATES_HZ;
        int tp = Cells.population(0, 2, CellClass.E);
        double[] dc = lp.compensationPa(tp, atlas.voxelsPerAreaLayer()[0], 87.81, 0.5, rates, s);
        double full = 0, scaled = 0;
        for (int k = 0; k < 12; k++) {
            int sp = k;
            boolean inh = Cells.classOf(sp).inhibitory();
            double nu = rates[Pd14Tables.index(Cells.layerOf(sp), inh)];
            double w = 87.81 * lp.weightFactor(tp, sp);
            full += lp.inDegree(tp, sp) * w * 0.5e-3 * nu;
            scaled += lp.expectedInDegree(tp, sp) * (w / Math.sqrt(s)) * 0.5e-3 * nu;
        }
        assertEquals(full, scaled + dc[0] + dc[1], 1e-9 * Math.abs(full));
        assertTrue(Math.abs(full) > 10, "non-trivial mean input: " + full);
    }

    @Test
    void cappedPathwaysKeepTheMeanInputThroughDc() {
        // A small area at a low density: many pathways need p0 > 1. The realised synapses plus the
        // DC still carry the full-scale mean input of every target population (E and I parts).
        Atlas atlas = FlatSheets.sheet(8, 8, 99);
        double s = 0.003;
        CortexModel m = model(s, 0);
        CellComposition comp = CellComposition.defaults();
        double[] rates = Pd14Tables.REFERENCE_RATES_HZ;
        try (CortexNetwork net = localOnly(atlas, m)) {
            Cells cells = net.cells();
            assertTrue(net.notes().stream().anyMatch(n -> n.contains("capped at 1")), "pathways are capped: " + net.notes());
            double[][] realised = new double[12][2]; // per target population: Σ w·τ·ν over its synapses, E and I
            net.network().synapses().forEach((src, tgt, w, d) -> {
                int sp = populationOf(cells, src), tp = populationOf(cells, tgt);
                boolean inh = Cells.classOf(sp).inhibitory();
                realised[tp][inh ? 1 : 0] += w * 0.5e-3 * rates[Pd14Tables.index(Cells.layerOf(sp), inh)];
            });
            LocalPathways lp = new LocalPathways(atlas, cells, comp, m.local(), s, pd14Taus());
            for (int tp = 0; tp < 12; tp++) {
                if (cells.size(tp) < 20 || Cells.layerOf(tp) == 1) {
                    continue; // too few cells for the statistics
                }
                double[] full = new double[2];
                for (int sp = 0; sp < 12; sp++) {
                    boolean inh = Cells.classOf(sp).inhibitory();
                    full[inh ? 1 : 0] += lp.inDegree(tp, sp) * 87.81 * lp.weightFactor(tp, sp) * 0.5e-3
                            * rates[Pd14Tables.index(Cells.layerOf(sp), inh)];
                }
                double[] dc = net.compensationPa(tp);
                for (int k = 0; k < 2; k++) {
                    double got = realised[tp][k] / cells.size(tp) + dc[k];
                    assertEquals(full[k], got, 0.05 * Math.abs(full[k]), "population " + tp + (k == 0 ? " E" : " I") + " input");
                }
            }
        }
    }

    @Test
    void fsLtsSplitFollowsPfeffer() {
        Atlas atlas = FlatSheets.sheet(6, 6, 99);
        CellComposition comp = CellComposition.defaults();
        CortexModel m = model(0.05, 0);
        Cells cells = Cells.place(atlas, comp, 0.05, 1);
        LocalPathways lp = new LocalPathways(atlas, cells, comp, m.local(), 0.05, pd14Taus());
        int lts = Cells.population(0, 0, CellClass.LTS), fs = Cells.population(0, 0, CellClass.FS);
        int e = Cells.population(0, 0, CellClass.E);
        double kII = Pd14Tables.inDegree(1, 1);
        assertEquals(0, lp.inDegree(lts, lts), "LTS do not inhibit LTS");
        assertEquals(kII, lp.inDegree(lts, fs), 1e-12, "LTS take the I → I in-degree from FS");
        assertEquals(kII * 0.49, lp.inDegree(fs, fs), 1e-12, "FS → FS: FS share");
        assertEquals(Pd14Tables.inDegree(0, 1) * 0.51, lp.inDegree(e, lts), 1e-12, "LTS → E: LTS share");
    }

    @Test
    void inhibitionTheInterneuronRulesLeaveOutOfLtsIsGivenAsDc() {
        // Recurrent mean + DC onto LTS is the same for every setting of the two rules: what they
        // take from the PD14 I → I in-degree comes back as DC.
        Atlas atlas = FlatSheets.sheet(6, 6, 99);
        CellComposition comp = CellComposition.defaults();
        Cells cells = Cells.place(atlas, comp, 1, 1);
        double[] rates = Pd14Tables.REFERENCE_RATES_HZ;
        int lts = Cells.population(0, 2, CellClass.LTS);
        double[] total = new double[3];
        double[][] rules = {{1, 0}, {0.2, 0}, {0.5, 1}};
        for (int r = 0; r < rules.length; r++) {
            CortexModel.LocalSpec d = CortexModel.defaults().local();
            CortexModel.LocalSpec spec = new CortexModel.LocalSpec(d.sigmaUm(), d.truncationSigmas(),
                    d.lateralVelocityMmPerMs(), d.delayExcMs(), d.delayInhMs(), d.weightPa(), d.relativeWeightSd(),
                    rules[r][0], rules[r][1], d.referenceRatesHz());
            LocalPathways lp = new LocalPathways(atlas, cells, comp, spec, 1, pd14Taus());
            double[] dc = lp.compensationPa(lts, atlas.voxelsPerAreaLayer()[0], 87.81, 0.5, rates, 1);
            double recurrentI = 0;
            for (int sp = 0; sp < 12; sp++) {
                if (Cells.classOf(sp).inhibitory()) {
                    double nu = rates[Pd14Tables.index(Cells.layerOf(sp), true)];
                    recurrentI += lp.expectedInDegree(lts, sp) * 87.81 * lp.weightFactor(lts, sp) * 0.5e-3 * nu;
                }
            }
            total[r] = recurrentI + dc[1];
        }
        assertTrue(total[0] < -10, "non-trivial inhibition: " + total[0]);
        assertEquals(total[0], total[1], 1e-9 * Math.abs(total[0]));
        assertEquals(total[0], total[2], 1e-9 * Math.abs(total[0]));
    }

    private static int populationOf(Cells cells, int cell) {
        int p = 0;
        while (cell >= cells.offset(p + 1)) {
            p++;
        }
        return p;
    }

    /** PD14's inhibitory time constant (0.5 ms) for every target and source class: charge factor 1. */
    private static double[][] pd14Taus() {
        double[][] t = new double[3][3];
        for (double[] row : t) {
            java.util.Arrays.fill(row, CortexNetwork.PD14_TAU_SYN_MS);
        }
        return t;
    }
}
