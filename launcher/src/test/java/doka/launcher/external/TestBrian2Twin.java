package doka.launcher.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.launcher.EnsembleRunner;
import doka.launcher.command.TwinVerdict;
import doka.launcher.config.EnsembleConfig;

/**
 * {@code ensembles/brian2-twin.json} end to end through the launcher: 4 Brian 2 processes (and a fifth for
 * the truth) driven over the member protocol recover the background rate and the inhibitory gain, with
 * the twin verdict's criteria: truth within 3 final sd, final error at most half the prior's.
 */
class TestBrian2Twin {
    @Test
    void fourBrian2MembersRecoverTheBackgroundRateAndTheInhibitoryGain(@TempDir Path dir) throws Exception {
        TestBrian2Adapter.assumeBrian2();
        Path run = dir.resolve("run");
        EnsembleConfig c = EnsembleRunner.prepare(TestBrian2Adapter.ROOT.resolve("ensembles/brian2-twin.json"), run, true);
        JsonNode summary = new ObjectMapper().readTree(EnsembleRunner.run(c, run, EnsembleRunner.Device.MULTICORE));
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("parameters").fields(); it.hasNext(); checked++) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            assertTrue(TwinVerdict.zScore(p) <= TwinVerdict.Z_MAX, e.getKey() + ": truth more than 3 sd from the final mean " + p);
            assertTrue(p.get("final_rmse").asDouble() <= 0.5 * p.get("prior_rmse").asDouble(),
                    e.getKey() + ": final error above half the prior's " + p);
        }
        assertEquals(2, checked);
        assertEquals(8 * 4 + 1, Files.readAllLines(run.resolve("parameters.csv")).size());
        // 8 windows of 2 bins of rate_E and rate_I, beside the members' predictions
        assertEquals(8 * 2 * 2 + 1, Files.readAllLines(run.resolve("observations.csv")).size());
        assertTrue(Files.readAllLines(run.resolve("raster-member0.csv")).size() > 100, "member 0's raster");
    }

    /** Each niodev rank, a JVM of its own, starts its member's process: the same bytes as the multicore device. */
    @Test
    @Tag("slow")
    void onNiodevEachRankStartsItsMemberAndTheOutputsAreTheSame(@TempDir Path dir) throws Exception {
        TestBrian2Adapter.assumeBrian2();
        Path file = TestBrian2Adapter.ROOT.resolve("ensembles/brian2-twin.json");
        for (EnsembleRunner.Device device : EnsembleRunner.Device.values()) {
            Path run = dir.resolve(device.name());
            EnsembleRunner.run(EnsembleRunner.prepare(file, run, true), run, device);
        }
        for (String f : new String[] {"parameters.csv", "observations.csv", "raster-member0.csv"}) {
            assertEquals(Files.readString(dir.resolve("MULTICORE").resolve(f)), Files.readString(dir.resolve("NIODEV").resolve(f)), f);
        }
    }
}
