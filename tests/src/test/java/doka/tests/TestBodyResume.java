package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.engine.body.MuJoCo;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.Manifest;

/**
 * Members with a body resume bit for bit: an ensemble of two members of the forelimb model, each
 * on two ranks (its brain and its body), killed with SIGKILL after its second checkpoint and
 * resumed, gives the parameters, diagnostics, predictions (rates and joint angles) and spikes of
 * member 0 of a run straight through.
 */
class TestBodyResume {
    @TempDir
    Path dir;

    @Test
    void aKilledRunWithBodiesResumesBitForBit() throws Exception {
        String why = MuJoCo.missing();
        Assumptions.assumeTrue(why == null, () -> "MuJoCo is not available, test skipped: " + why);
        Path model = Path.of("..", "ensembles", "models", "body-forelimb.json").toAbsolutePath().normalize();
        String json = """
                {"name": "body-resume", "members": 2, "ranksPerMember": 2, "seed": 5,
                 "model": {"kind": "cortex", "file": "%s", "densityScale": 0.02},
                 "parameters": [
                   {"name": "background_rate_scale@MOp-R", "priorMean": 0.95, "priorSd": 0.04, "lower": 0.7, "upper": 1.3,
                    "transform": "logit"}],
                 "observations": {"truth": {"background_rate_scale@MOp-R": 1.0}, "binMs": 50,
                                  "relativeError": 0.1, "errorFloor": 0.5},
                 "filter": {"kind": "etkf", "inflation": 1.0, "rtps": 0.8, "jitter": 0.02},
                 "windows": {"lengthMs": 100, "count": 5, "warmupMs": 400},
                 "checkpoint": {"everyWindows": 1, "keep": 2}}
                """.formatted(model);
        Path config = dir.resolve("body.json");
        Files.writeString(config, json);
        Path straight = dir.resolve("straight");
        DokaProcess s = DokaProcess.run(dir, "straight", "run", config.toString(), "--run-dir", straight.toString(),
                "--quiet");
        assertEquals(0, s.waitFor(), s.err());
        List<String> predictions = Files.readAllLines(straight.resolve("observations.csv"));
        assertTrue(predictions.stream().anyMatch(l -> l.contains(",body/elbow@")), "joint angles are predicted");

        Path killed = dir.resolve("killed");
        DokaProcess k = DokaProcess.start(dir, "killed", "run", config.toString(), "--run-dir", killed.toString(),
                "--quiet");
        k.awaitFile(killed.resolve("checkpoints").resolve(CheckpointStore.name(2)).resolve(Manifest.FILE));
        Thread.sleep(new Random(17).nextInt(100));
        assertTrue(k.isAlive(), "the run finished before it could be killed");
        k.kill();

        DokaProcess r = DokaProcess.run(dir, "resume", "resume", killed.toString());
        assertEquals(0, r.waitFor(), r.err());
        assertTrue(Files.readString(killed.resolve("log.txt")).contains("resumed from checkpoint window-00000"));
        RunDirs.assertSameOutputs(straight, killed,
                List.of("parameters.csv", "diagnostics.csv", "observations.csv", "raster-member0.csv"));
    }
}
