package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestCortexMember {
    static CortexModel small(int threads) throws IOException {
        Path f = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles/models/cortex-small.json");
        CortexModel m = CortexModel.read(f, Map.of());
        CortexModel.RunSpec r = m.run();
        return m.withRun(new CortexModel.RunSpec(r.dtMs(), r.tSimMs(), r.warmupMs(), r.binMs(), r.seed(), threads));
    }

    private static double mean(double[][] r) {
        double s = 0;
        int n = 0;
        for (double[] a : r) {
            for (double v : a) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    @Test
    void sameSeedSameRatesWhateverTheThreadCount() throws IOException {
        double[][] a;
        double[][] b;
        try (CortexMember m = CortexMember.build(small(1))) {
            m.advance(100);
            a = m.advance(200).rateHz();
        }
        try (CortexMember m = CortexMember.build(small(2))) {
            m.advance(100);
            b = m.advance(200).rateHz();
        }
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0, "area " + i);
        }
        assertTrue(mean(a) > 0);
    }

    @Test
    void liveParametersChangeRatesWithoutRebuilding() throws IOException {
        try (CortexMember m = CortexMember.build(small(2))) {
            m.advance(200);
            CortexMember.Window base = m.advance(300);
            assertEquals(300.0, base.rateHz()[0].length * base.binMs(), 1e-9);
            assertEquals(m.network().atlas().areas().size(), base.areas().size());
            CortexNetwork before = m.network();
            m.setParameter(CortexModel.BACKGROUND_SCALE, "global", 0.6);
            m.advance(100);
            CortexMember.Window low = m.advance(300);
            assertTrue(m.network() == before, "live parameters keep the network");
            assertTrue(mean(low.rateHz()) < 0.7 * mean(base.rateHz()),
                    "less background, lower rates: " + mean(low.rateHz()) + " vs " + mean(base.rateHz()));
            assertEquals(900.0, m.timeMs(), 1e-9);
            assertEquals(0.6, m.parameter(CortexModel.BACKGROUND_SCALE).value());
        }
    }

    @Test
    void savedStateContinuesExactly() throws IOException {
        java.io.ByteArrayOutputStream saved = new java.io.ByteArrayOutputStream();
        double[][] expected;
        try (CortexMember m = CortexMember.build(small(2))) {
            m.setParameter(CortexModel.G_E, "global", 3.8);
            m.advance(150);
            m.saveState(saved);
            expected = m.advance(100).rateHz();
        }
        try (CortexMember m = CortexMember.build(small(1))) {
            m.setParameter(CortexModel.G_E, "global", 3.8);
            m.restoreState(new java.io.ByteArrayInputStream(saved.toByteArray()));
            assertEquals(150.0, m.timeMs(), 1e-9);
            double[][] got = m.advance(100).rateHz();
            for (int i = 0; i < got.length; i++) {
                assertArrayEquals(expected[i], got[i], 0, "area " + i);
            }
        }
    }

    @Test
    void structuralParametersRebuildAndTimeContinues() throws IOException {
        try (CortexMember m = CortexMember.build(small(2))) {
            m.advance(100);
            CortexNetwork before = m.network();
            double v0 = before.network().membranePotentialMv(17);
            m.setParameter(CortexModel.VELOCITY, "MOp-L", 1.0);
            m.setParameter(CortexModel.LONG_RANGE_GAIN, "L", 2.0);
            CortexMember.Window w = m.advance(50);
            assertFalse(m.network() == before, "rebuilt");
            assertEquals(100.0, w.startMs(), 1e-9);
            assertEquals(150.0, m.timeMs(), 1e-9);
            assertTrue(Double.isFinite(v0));
            assertEquals(1.0, m.parameter(CortexModel.VELOCITY).area().get("MOp-L"));
        }
    }

    @Test
    void parameterErrorsNameTheParameterAndBounds() throws IOException {
        try (CortexMember m = CortexMember.build(small(1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.setParameter(CortexModel.G_FS, "global", 12));
            assertTrue(e.getMessage().contains("g_FS[global] = 12.0 is outside its bounds [2.0, 8.0]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> m.setParameter("tau", "global", 1));
            assertTrue(e.getMessage().contains("unknown cortex parameter 'tau'"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> m.setParameter(CortexModel.G_E, "XYZ-L", 4));
            assertTrue(e.getMessage().contains("no area 'XYZ-L'"), e.getMessage());
            assertTrue(CortexMember.structural(CortexModel.VELOCITY) && !CortexMember.structural(CortexModel.G_E));
        }
    }

    @Test
    void stimulationRaisesTheRateOfTheStimulatedColumn() throws IOException {
        CortexModel base = small(2).withDensityScale(0.02);
        CortexModel m = new CortexModel(base.name(), base.atlas(), base.connectome(), base.cells(), base.neurons(),
                base.local(), base.longRange(), base.background(), base.parameters(),
                new CortexModel.StimulationSpec("MOp-L", null, 100.0, 300.0, null), base.run()).completed(Map.of());
        try (CortexMember member = CortexMember.build(m)) {
            member.setParameter(CortexModel.STIM_AMPLITUDE, "global", 1500);
            int[] stim = member.stimulus().neurons();
            assertTrue(stim.length > 0);
            for (int n : stim) {
                assertEquals("MOp-L/L2/3", member.network().network().populationOf(n).name().substring(0, 10));
            }
            member.recorder().keepSpikes(0, member.network().cells().count());
            member.advance(300);
            RateRecorder rec = member.recorder();
            int before = 0, during = 0;
            java.util.Set<Integer> s = new java.util.HashSet<>();
            for (int n : stim) {
                s.add(n);
            }
            for (int i = 0; i < rec.keptCount(); i++) {
                if (s.contains(rec.keptNeuron(i))) {
                    if (rec.keptStep(i) < 1000) {
                        before++;
                    } else {
                        during++;
                    }
                }
            }
            assertTrue(during > 10 * Math.max(1, before), "stimulated cells fire: " + before + " → " + during);
        }
    }

    /** {@code stimulation.classes} limits the driven cells to the named classes of the column's L2/3. */
    @Test
    void stimulationCanDriveOnlyTheNamedClasses() throws IOException {
        CortexModel base = small(2).withDensityScale(0.02);
        int[] counts = new int[2];
        for (int k = 0; k < 2; k++) {
            CortexModel m = new CortexModel(base.name(), base.atlas(), base.connectome(), base.cells(), base.neurons(),
                    base.local(), base.longRange(), base.background(), base.parameters(),
                    new CortexModel.StimulationSpec("MOp-L", null, 100.0, 300.0, k == 0 ? null : java.util.List.of("E")),
                    base.run()).completed(Map.of());
            try (CortexMember member = CortexMember.build(m)) {
                for (int n : member.stimulus().neurons()) {
                    String pop = member.network().network().populationOf(n).name();
                    assertTrue(pop.startsWith("MOp-L/L2/3/") && (k == 0 || pop.endsWith("/E")), pop);
                    counts[k]++;
                }
            }
        }
        assertTrue(counts[1] > 0 && counts[1] < counts[0], "E only: " + counts[1] + " of " + counts[0] + " cells");
    }

    /** A focused model keeps two areas, with the whole atlas's long-range gain. */
    @Test
    void focusedModelKeepsTheNamedAreasAndTheWholeAtlasGain() throws IOException {
        CortexModel base = small(1);
        CortexModel.AtlasSpec a = base.atlas();
        CortexModel focused = new CortexModel(base.name(), new CortexModel.AtlasSpec(a.kind(), a.seed(), a.apVoxels(),
                a.mlVoxels(), a.annotation(), a.structureGraph(), java.util.List.of("MOp-L", "MOs-L")), base.connectome(),
                base.cells(), base.neurons(), base.local(), base.longRange(), base.background(), base.parameters(),
                base.stimulation(), base.run()).completed(Map.of());
        try (CortexNetwork whole = CortexNetwork.build(base); CortexNetwork part = CortexNetwork.build(focused)) {
            assertEquals(java.util.List.of("MOs-L", "MOp-L"),
                    part.atlas().areas().stream().map(doka.engine.atlas.Area::name).toList());
            assertEquals(whole.gamma(), part.gamma(), 0, "γ of the whole atlas");
            int mop = part.atlas().area("MOp-L").index();
            double lrPart = part.longRangeInDegreeFull()[mop];
            double lrWhole = whole.longRangeInDegreeFull()[whole.atlas().area("MOp-L").index()];
            assertTrue(lrPart > 0 && lrPart < 0.5 * lrWhole, "MOp-L long-range in-degree " + lrPart + " of " + lrWhole);
            assertTrue(part.notes().stream().anyMatch(n -> n.startsWith("focused model")), part.notes().toString());
        }
    }
}
