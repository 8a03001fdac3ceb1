package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.launcher.EnsembleRunner;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.config.EnsembleConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collapsed filter does not pass silently (issue 18, bad input 3): members whose forcing prior is far from the
 * truth with almost no spread cannot follow a Lorenz-96 truth; the normalised innovation climbs far above 1, the
 * run warns (and with {@code faults.onCollapse = "stop"} stops with a checkpoint); a working filter does not warn.
 */
class TestCollapseWatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A collapsed filter: 8 members, no inflation, a forcing prior of 12 ± 0.001 against the truth's 8. */
    private static final String COLLAPSED = "\"members\": 8, \"filter\": {\"kind\": \"etkf\", \"inflation\": 1.0},"
            + " \"parameters\": [{\"name\": \"forcing\", \"priorMean\": 12.0, \"priorSd\": 0.001}]";

    private static JsonNode run(Path dir, String name, String ensemble, String faults) throws Exception {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "seed": 3, "model": {"kind": "lorenz96", "forcing": 8.0}, %s, "observations": {},
                 "windows": {"count": 60}, "checkpoint": {"everyWindows": 50}, "faults": {%s}}
                """.formatted(name, ensemble, faults));
        Path run = dir.resolve(name);
        EnsembleConfig c = EnsembleRunner.prepare(file, run, true);
        return JSON.readTree(EnsembleRunner.run(c, run, EnsembleRunner.Device.MULTICORE));
    }

    @Test
    void aCollapsedFilterWarnsAndAWorkingOneDoesNot(@TempDir Path dir) throws Exception {
        JsonNode collapsed = run(dir, "collapsed", COLLAPSED, "");
        JsonNode warnings = collapsed.get("warnings");
        assertTrue(warnings.size() >= 1, collapsed.toString());
        assertTrue(warnings.get(0).asText().contains("normalised innovation has been above faults.innovationAbove = 25"),
                warnings.toString());
        assertTrue(Files.readString(dir.resolve("collapsed").resolve("log.txt")).contains("warning: window"));

        // ensembles/lorenz96-forcing.json's filter, its prior nearer the truth
        JsonNode working = run(dir, "working", "\"members\": 20, \"filter\": {\"kind\": \"etkf\", \"inflation\": 1.04,"
                + " \"jitter\": 0.01}, \"parameters\": [{\"name\": \"forcing\", \"priorMean\": 7.0, \"priorSd\": 1.0}]", "");
        assertEquals(0, working.get("warnings").size(), working.get("warnings").toString());
    }

    @Test
    void onCollapseStopStopsWithACheckpoint(@TempDir Path dir) throws Exception {
        JsonNode s = run(dir, "stop", COLLAPSED, "\"onCollapse\": \"stop\"");
        assertTrue(s.get("stopped").asBoolean(), s.toString());
        assertTrue(s.get("reason").asText().contains("normalised innovation"), s.toString());
        int done = s.get("windowsDone").asInt();
        assertTrue(done > 0 && done < 60, s.toString());
        assertTrue(Files.exists(dir.resolve("stop").resolve("checkpoints").resolve(CheckpointStore.name(done))
                .resolve("manifest.json")), "the checkpoint at the stop is complete");
    }

    @Test
    void aSpreadThatStaysBelowTheFloorWarnsOncePerStretch() {
        EnsembleConfig.Faults limits = new EnsembleConfig.Faults(0.01, 200, 0.25, 25, 2, 1e-6, "warn");
        CollapseWatch watch = new CollapseWatch(limits);
        assertNull(watch.check(0, stats(1, 1e-7)));
        assertTrue(watch.check(1, stats(1, 1e-7)).contains("analysis spread has been below faults.spreadBelow"));
        assertNull(watch.check(2, stats(1, 1e-7)), "once per stretch");
        assertNull(watch.check(3, stats(1, 1e-3)));
        assertNull(watch.check(4, stats(30, 1e-3)));
        assertTrue(watch.check(5, stats(30, 1e-3)).contains("normalised innovation"));
        assertEquals(2, watch.warnings().size());
    }

    private static RunOutputs.Health stats(double normalisedInnovation, double analysisSpread) {
        return new RunOutputs.Health(normalisedInnovation, analysisSpread);
    }
}
