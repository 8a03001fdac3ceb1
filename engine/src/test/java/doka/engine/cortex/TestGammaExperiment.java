package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's Fig. 1 and 2 on the synthetic cortex ({@code gamma-mop.json}: MOp-L and MOs-L at
 * s = 0.25, ≈ 10 s per seed): DC into the L2/3 E cells of one MOp-L column, simulation seeds 1–3.
 * Every seed must show what held for all twelve seeds recorded in docs/cortex.md: the 30–50 Hz
 * power rises around the column, over MOp-L and in MOs-L, and the phases shift later from L2/3 E
 * to L5 E to L6 E. The spectral peak lies in 30–50 Hz and LTS fire after E and FS (L2/3 and L5)
 * for ten seeds of twelve; seed 1 is one of the two exceptions for both, so those are asserted on
 * the median peak and for two seeds of three.
 */
class TestGammaExperiment {
    private static final int SEEDS = 3;

    @Test
    void stimulatedColumnDrivesGammaThatPropagatesAndDeepLayersFireLater() throws IOException {
        Path f = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles/models/gamma-mop.json");
        CortexModel model = CortexModel.read(f, Map.of());
        double[] peaksHz = new double[SEEDS];
        int ltsLater = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            CortexModel.RunSpec r = model.run();
            CortexModel m = model.withRun(new CortexModel.RunSpec(r.dtMs(), r.tSimMs(), r.warmupMs(), r.binMs(),
                    (long) seed, r.threads()));
            CortexRun.StimulusSummary st = CortexRun.run(m, null).stimulus();
            String at = "seed " + seed + ": ";
            assertTrue(st.localCells() > 1000 && st.stimulatedCells() > 20, at + st);
            assertTrue(st.localGammaDuring() > 10 * st.localGammaPre(),
                    at + "local 30–50 Hz power " + st.localGammaPre() + " → " + st.localGammaDuring());
            for (String area : new String[] {"MOp-L", "MOs-L"}) {
                double[] p = st.areaGammaPreDuring().get(area);
                double factor = area.equals("MOp-L") ? 3 : 2;
                assertTrue(p[1] > factor * p[0], at + area + " 30–50 Hz power before → during: " + p[0] + " → " + p[1]);
            }
            Map<String, Double> ph = st.meanPhaseRad();
            assertTrue(lag(ph, "L5 E", "L2/3 E") > 0 && lag(ph, "L6 E", "L5 E") > 0,
                    at + "phases L2/3 E < L5 E < L6 E: " + ph);
            boolean later = true;
            for (String layer : new String[] {"L2/3", "L5"}) {
                later &= lag(ph, layer + " LTS", layer + " E") > 0 && lag(ph, layer + " LTS", layer + " FS") > 0;
            }
            ltsLater += later ? 1 : 0;
            peaksHz[seed - 1] = st.localPeakDuringHz();
        }
        double[] sorted = peaksHz.clone();
        Arrays.sort(sorted);
        assertTrue(sorted[SEEDS / 2] >= 30 && sorted[SEEDS / 2] <= 50, "median local peak, Hz: " + Arrays.toString(peaksHz));
        assertTrue(ltsLater >= SEEDS - 1, "LTS after E and FS in L2/3 and L5 for " + ltsLater + " seeds of " + SEEDS);
    }

    /** Phase of {@code a} minus phase of {@code b}, wrapped into (−π, π]. */
    private static double lag(Map<String, Double> phases, String a, String b) {
        assertTrue(phases.containsKey(a) && phases.containsKey(b), "phases of " + a + " and " + b + ": " + phases);
        double d = phases.get(a) - phases.get(b);
        return Math.atan2(Math.sin(d), Math.cos(d));
    }
}
