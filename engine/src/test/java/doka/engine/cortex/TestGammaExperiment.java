package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seed's Fig. 1 set-up on the synthetic cortex (gamma-mop.json, ≈ 30–60 s): DC into the L2/3
 * cells of one MOp-L column. Asserts what held for every seed tried (docs/cortex.md): the
 * non-driven cells around the column fire faster. A rise of 30–50 Hz power, a 30–50 Hz spectral
 * peak and the E/FS-before-LTS phase order did not hold across seeds and are not asserted.
 */
@Tag("slow")
class TestGammaExperiment {
    @Test
    void stimulatedColumnRaisesTheRateAroundIt() throws IOException {
        Path f = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles/models/gamma-mop.json");
        CortexRun.Summary s = CortexRun.run(CortexModel.read(f, Map.of()), null);
        CortexRun.StimulusSummary st = s.stimulus();
        assertTrue(st.localRateDuringHz() > 1.3 * st.localRatePreHz(),
                "local rate " + st.localRatePreHz() + " → " + st.localRateDuringHz());
        assertTrue(st.localCells() > 500 && st.stimulatedCells() > 10, st.toString());
    }
}
