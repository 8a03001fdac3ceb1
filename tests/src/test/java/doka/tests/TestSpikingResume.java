package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.Manifest;

/**
 * Spiking members resume bit for bit: a small PD14 twin (n-scale 0.01) of 4 windows, killed with
 * SIGKILL after its first checkpoint, resumed to its end, then extended to 5 windows (more
 * windows: a safe change; the twin's truth is generated again) gives the parameters, diagnostics,
 * predictions, summary and spikes of member 0 of a 5-window run straight through.
 */
class TestSpikingResume {
    @TempDir
    Path dir;

    @Test
    void aKilledPd14TwinResumesAndExtendsBitForBitIncludingTheSpikesOfMemberZero() throws Exception {
        String json = """
                {"name": "pd14-resume", "members": 3, "seed": 11,
                 "model": {"kind": "pd14", "nScale": 0.01, "kScale": 1.0, "background": "poisson"},
                 "parameters": [
                   {"name": "bgRateScaleL23", "priorMean": 0.9, "priorSd": 0.1, "lower": 0.5, "upper": 1.5, "transform": "logit"},
                   {"name": "bgRateScaleL4", "priorMean": 1.1, "priorSd": 0.1, "lower": 0.5, "upper": 1.5, "transform": "logit"}],
                 "observations": {"truth": {"bgRateScaleL23": 1.0, "bgRateScaleL4": 1.0}, "binMs": 100,
                                  "relativeError": 0.1, "errorFloor": 0.5},
                 "filter": {"kind": "etkf", "inflation": 1.0, "rtps": 0.8, "jitter": 0.02},
                 "windows": {"lengthMs": 200, "count": %d, "warmupMs": 100},
                 "checkpoint": {"everyWindows": 1, "keep": 2}}
                """;
        Path config = dir.resolve("pd14.json");
        Files.writeString(config, json.formatted(5));
        Path shorter = dir.resolve("pd14-4.json");
        Files.writeString(shorter, json.formatted(4));
        Path straight = dir.resolve("straight");
        DokaProcess s = DokaProcess.run(dir, "straight", "run", config.toString(), "--run-dir", straight.toString(),
                "--quiet");
        assertEquals(0, s.waitFor(), s.err());

        Path killed = dir.resolve("killed");
        DokaProcess k = DokaProcess.start(dir, "killed", "run", shorter.toString(), "--run-dir", killed.toString(),
                "--quiet");
        // a checkpoint's manifest is written during the next window (its files are written in the background):
        // the one after window 1 appears during window 2, leaving the kill two windows of a 4-window run
        k.awaitFile(killed.resolve("checkpoints").resolve(CheckpointStore.name(1)).resolve(Manifest.FILE));
        Thread.sleep(new Random(3).nextInt(200));
        assertTrue(k.isAlive(), "the run finished before it could be killed");
        k.kill();

        DokaProcess r = DokaProcess.run(dir, "resume", "resume", killed.toString());
        assertEquals(0, r.waitFor(), r.err());
        assertTrue(Files.readString(killed.resolve("log.txt")).contains("resumed from checkpoint window-00000"));

        RunDirs.editConfig(killed, "windows", "count", 5);
        DokaProcess more = DokaProcess.run(dir, "more", "resume", killed.toString(), "--allow-config-change");
        assertEquals(0, more.waitFor(), more.err());
        assertTrue(Files.readString(killed.resolve("log.txt")).contains("resumed from checkpoint window-000004"));
        RunDirs.assertSameOutputs(straight, killed,
                List.of("parameters.csv", "diagnostics.csv", "observations.csv", "raster-member0.csv",
                        "observations-input.csv"));
    }
}
