package doka.launcher.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import doka.engine.cortex.CortexModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's acceptance of {@code ensembles/models/gamma-mop-full.json} (MOp-L + MOs-L at density 1, fitted by
 * {@code ./doka calibrate ensembles/gamma-mop-full-calibrate.json}) on seeds 11–15, which no calibration run used,
 * judged on the area-level read-out {@code simulate --json} prints ({@link GammaTargets}): at least 4 of 5 seeds hold
 * every target. Slow (73,556 neurons, 232 M synapses, about 8 GB and 40 s per seed): {@code mvn -Pslow}.
 */
@Tag("slow")
@org.junit.jupiter.api.Disabled("issue 15 is open: the fitted model (round 4) holds every target on 0 of seeds 11–15"
        + " (each misses 1–5 of 10: L2/3 E rests at 0.12–0.16 Hz on 3 seeds; docs/cortex.md, \"Full density\");"
        + " enable when a fit holds them")
class TestGammaFullDensity {
    static final long FIRST_UNSEEN_SEED = 11;
    static final int SEEDS = 5;

    @Test
    void theFittedFullDensityModelHoldsTheTargetsOnUnseenSeeds() throws IOException {
        Path f = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles/models/gamma-mop-full.json");
        CortexModel model = CortexModel.read(f, Map.of());
        assertTrue(model.cells().densityScale() == 1.0, "full density");
        int held = 0;
        List<String> seen = new ArrayList<>();
        for (long seed = FIRST_UNSEEN_SEED; seed < FIRST_UNSEEN_SEED + SEEDS; seed++) {
            CortexModel.RunSpec r = model.run();
            JsonNode summary = new ObjectMapper().readTree(CortexRun.run(model.withRun(new CortexModel.RunSpec(r.dtMs(),
                    r.tSimMs(), r.warmupMs(), r.binMs(), seed, r.threads())), null).toJson());
            List<String> missed = GammaTargets.missed(summary);
            held += missed.isEmpty() ? 1 : 0;
            seen.add("seed " + seed + ": " + (missed.isEmpty() ? "all targets held" : "missed " + missed));
        }
        System.out.println("gamma-mop-full: " + String.join("; ", seen));
        assertTrue(held >= SEEDS - 1, held + " of " + SEEDS + " seeds hold every target: " + seen);
    }
}
