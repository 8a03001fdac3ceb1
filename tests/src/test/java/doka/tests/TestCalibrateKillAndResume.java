package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.Manifest;

/**
 * {@code ./doka calibrate} in a JVM of its own, killed for real (SIGKILL at a random moment after a checkpoint,
 * SIGTERM) and continued with {@code ./doka resume}: the outputs are byte for byte those of the calibration run
 * straight through (Lorenz-96 moments averaged over 1000 time units, so that an iteration takes about 0.2 s and a
 * kill lands mid-calibration; 8 members, 12 ES-MDA iterations, a checkpoint per iteration).
 */
class TestCalibrateKillAndResume {
    private static final List<String> OUTPUTS = List.of("iterations.csv", "parameters.csv", "predictions.csv",
            "targets.csv", "fitted.json");

    @TempDir
    static Path dir;
    static Path config;
    static Path reference;

    @BeforeAll
    static void calibrateStraightThrough() throws Exception {
        config = dir.resolve("cal.json");
        Files.writeString(config, """
                {"name": "cal-resume", "members": 8, "seed": 3, "model": {"kind": "lorenz96"},
                 "protocol": {"duration": 1000},
                 "parameters": [{"name": "forcing", "priorMean": 10, "priorSd": 2, "transform": "log"}],
                 "targets": {"truth": {"forcing": 8}}, "noise": {"replicates": 20},
                 "method": {"kind": "esmda", "iterations": 12, "ratio": 0.8}}
                """);
        reference = dir.resolve("straight");
        DokaProcess p = DokaProcess.run(dir, "straight", "calibrate", config.toString(), "--run-dir",
                reference.toString(), "--quiet");
        assertEquals(0, p.waitFor(), p.err());
    }

    private static Path manifest(Path run, int done) {
        return run.resolve("checkpoints").resolve(CheckpointStore.name(done)).resolve(Manifest.FILE);
    }

    private static DokaProcess start(Path run, String name) throws Exception {
        return DokaProcess.start(dir, name, "calibrate", config.toString(), "--run-dir", run.toString(), "--quiet");
    }

    @Test
    void aCalibrationKilledAtARandomMomentResumesBitForBit() throws Exception {
        Random random = new Random(15);
        Path run = dir.resolve("killed");
        DokaProcess p = start(run, "killed");
        p.awaitFile(manifest(run, 2 + random.nextInt(4)));
        Thread.sleep(random.nextInt(100));
        assertTrue(p.isAlive(), "the calibration finished before it could be killed: give it more iterations");
        p.kill();
        assertFalse(Files.exists(run.resolve("summary.json")));

        DokaProcess r = DokaProcess.run(dir, "resume-killed", "resume", run.toString());
        assertEquals(0, r.waitFor(), r.err());
        assertTrue(Files.readString(run.resolve("log.txt")).contains("resumed from checkpoint"));
        RunDirs.assertSameOutputs(reference, run, OUTPUTS);
    }

    @Test
    void sigtermStopsACalibrationAtACheckpointAndResumeFinishesIt() throws Exception {
        Path run = dir.resolve("terminated");
        DokaProcess p = start(run, "terminated");
        p.awaitFile(manifest(run, 2));
        p.terminate();
        assertEquals(75, p.waitFor(), p.err());
        assertTrue(p.out().contains("stopped on request"), p.out());
        assertFalse(Files.exists(run.resolve("summary.json")), "a stopped calibration has no summary yet");

        DokaProcess r = DokaProcess.run(dir, "resume-terminated", "resume", run.toString());
        assertEquals(0, r.waitFor(), r.err());
        RunDirs.assertSameOutputs(reference, run, OUTPUTS);
        assertTrue(Files.exists(run.resolve("report.html")));
        DokaProcess again = DokaProcess.run(dir, "resume-finished", "resume", run.toString());
        assertEquals(0, again.waitFor(), again.err());
        assertTrue(again.out().contains("nothing to resume"), again.out());
        RunDirs.assertSameOutputs(reference, run, OUTPUTS);
    }
}
