package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.Manifest;

/**
 * A rank's process lost in the middle of a run on niodev (one JVM per rank, as on a cluster): the launcher
 * ends with an error naming the rank, leaves its last checkpoint intact and no rank behind, and resume
 * finishes the run bit for bit as a run straight through.
 */
class TestLostRank {
    private static final List<String> OUTPUTS = List.of("parameters.csv", "diagnostics.csv", "observations.csv");
    private static final int LOST = 2;

    @Test
    void aKilledRankEndsTheRunCleanlyAndResumeFinishesItBitForBit(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("l96.json");
        Files.writeString(config, """
                {"name": "l96-lost", "members": 4, "seed": 5, "model": {"kind": "lorenz96", "variables": 40},
                 "parameters": [{"name": "forcing", "priorMean": 7.0, "priorSd": 1.0}],
                 "observations": {}, "filter": {"kind": "etkf", "inflation": 1.04, "jitter": 0.01},
                 "windows": {"count": 500}, "checkpoint": {"everyWindows": 100, "keep": 3}}
                """);
        Path reference = dir.resolve("straight");
        DokaProcess straight = DokaProcess.run(dir, "straight", "run", config.toString(), "--run-dir", reference.toString(), "--quiet");
        assertEquals(0, straight.waitFor(), straight.err());

        Path run = dir.resolve("lost");
        DokaProcess p = DokaProcess.start(dir, "lost", "run", config.toString(), "--run-dir", run.toString(), "--quiet",
                "--device", "niodev");
        p.awaitFile(run.resolve("checkpoints").resolve(CheckpointStore.name(200)).resolve(Manifest.FILE));
        ProcessHandle rank = p.descendants().stream()
                .filter(h -> commandLine(h).contains("doka.launcher.mpi.NioRankMain " + LOST + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no process of rank " + LOST + " among the launcher's"));
        assertTrue(p.isAlive(), "the run finished before its rank could be killed: give it more windows");
        rank.destroyForcibly();

        int code = p.waitFor();
        assertNotEquals(0, code);
        String err = p.err();
        assertTrue(err.contains("rank " + LOST + " of 4 (process " + rank.pid() + ") was lost: killed by signal 9"), err);
        assertTrue(err.contains("continue with ./doka resume"), err);
        assertTrue(p.descendants().isEmpty(), "ranks left running: " + p.descendants());

        CheckpointStore.Found newest = new CheckpointStore(run).newestValid(w -> { throw new AssertionError(w); }, false);
        assertNotNull(newest, "no valid checkpoint after the loss");
        // the checkpoint does not depend on the device: resumed on the multicore device, in one JVM
        DokaProcess resumed = DokaProcess.run(dir, "resume", "resume", run.toString());
        assertEquals(0, resumed.waitFor(), resumed.err());
        RunDirs.assertSameOutputs(reference, run, OUTPUTS);
    }

    /** A process's command line, from /proc (ProcessHandle.Info shortens long ones). */
    private static String commandLine(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return h.info().commandLine().orElse("");
        }
    }
}
