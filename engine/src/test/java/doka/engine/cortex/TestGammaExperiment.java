package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's Fig. 1 on the synthetic cortex ({@code gamma-mop.json}: MOp-L and MOs-L at s = 0.25,
 * ≈ 10 s): DC into the L2/3 E cells of one MOp-L column. Asserts what held for all five seeds
 * recorded in docs/cortex.md: an asynchronous rest, a 30–50 Hz rhythm around the column during
 * the stimulus with its spectral peak in that band, E and FS at close phases, L5 LTS later than
 * L5 E and FS, L6 FS later than L2/3 FS and L6 E later than L5 E. Not asserted, because they did
 * not hold for every seed: LTS later in L2/3 and L6, L6 E later than L2/3 E; L5 fires earliest;
 * and MOs (Fig. 2) oscillates before the stimulus.
 */
class TestGammaExperiment {
    @Test
    void stimulatedColumnDrivesGammaWithThePhaseOrderOfTheSeed() throws IOException {
        Path f = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles/models/gamma-mop.json");
        CortexRun.StimulusSummary st = CortexRun.run(CortexModel.read(f, Map.of()), null).stimulus();
        assertTrue(st.localCells() > 1000 && st.stimulatedCells() > 20, st.toString());
        double[] mop = st.areaGammaPreDuring().get("MOp-L");
        assertTrue(mop[1] > 10 * mop[0], "MOp-L 30–50 Hz power before → during: " + mop[0] + " → " + mop[1]);
        assertTrue(st.localGammaDuring() > 10 * st.localGammaPre(),
                "local 30–50 Hz power " + st.localGammaPre() + " → " + st.localGammaDuring());
        assertTrue(st.localPeakDuringHz() >= 30 && st.localPeakDuringHz() <= 50, "local peak " + st.localPeakDuringHz() + " Hz");
        Map<String, Double> ph = st.meanPhaseRad();
        for (String layer : new String[] {"L2/3", "L5", "L6"}) {
            double d = lag(ph, layer + " E", layer + " FS");
            assertTrue(Math.abs(d) < 0.3, layer + ": E − FS phase " + d + " rad");
        }
        assertTrue(lag(ph, "L5 LTS", "L5 E") > 0.1 && lag(ph, "L5 LTS", "L5 FS") > 0.1, "L5 LTS after E and FS: " + ph);
        assertTrue(lag(ph, "L6 FS", "L2/3 FS") > 0.1 && lag(ph, "L6 E", "L5 E") > 0.1, "L6 after L2/3 and L5: " + ph);
    }

    /** Phase of {@code a} minus phase of {@code b}, wrapped into (−π, π]. */
    private static double lag(Map<String, Double> phases, String a, String b) {
        assertTrue(phases.containsKey(a) && phases.containsKey(b), "phases of " + a + " and " + b + ": " + phases);
        double d = phases.get(a) - phases.get(b);
        return Math.atan2(Math.sin(d), Math.cos(d));
    }
}
