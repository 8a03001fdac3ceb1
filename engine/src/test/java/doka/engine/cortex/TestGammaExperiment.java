package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seed's Fig. 1 on the synthetic cortex (gamma-mop.json, ≈ 30 s): DC into the L2/3 cells of
 * one MOp-L column gives a 30–50 Hz peak in the rate spectrum of the cells around the column,
 * with more gamma power than before the stimulus; in L2/3, E and FS fire at closer gamma phases
 * than E and LTS, and LTS after FS.
 */
@Tag("slow")
class TestGammaExperiment {
    @Test
    void stimulatedColumnOscillatesInGammaWithLtsLate() throws IOException {
        Path f = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles/models/gamma-mop.json");
        CortexRun.Summary s = CortexRun.run(CortexModel.read(f, Map.of()), null);
        CortexRun.StimulusSummary st = s.stimulus();
        assertTrue(st.localPeakDuringHz() >= 30 && st.localPeakDuringHz() <= 50, "peak " + st.localPeakDuringHz());
        assertTrue(st.localGammaDuring() > 1.5 * st.localGammaPre(),
                "gamma power " + st.localGammaPre() + " → " + st.localGammaDuring());
        assertTrue(st.localRateDuringHz() > 2 * st.localRatePreHz());
        Map<String, Double> ph = st.meanPhaseRad();
        double e = ph.get("L2/3 E"), fs = ph.get("L2/3 FS"), lts = ph.get("L2/3 LTS");
        assertTrue(Math.abs(fs - e) < lts - e, "E–FS closer than E–LTS: " + ph);
        assertTrue(lts > fs, "LTS after FS: " + ph);
    }
}
