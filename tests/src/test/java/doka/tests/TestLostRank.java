package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.Manifest;
import doka.launcher.mpi.NativeWorld;

/**
 * A rank's process lost in the middle of a run with one JVM per rank, as on a cluster (niodev; the native device
 * under mpiexec, as on Fugaku): the launcher ends with an error naming the rank, leaves its last checkpoint intact
 * and no rank behind, and resume finishes the run bit for bit as a run straight through.
 */
class TestLostRank {
    private static final List<String> OUTPUTS = List.of("parameters.csv", "diagnostics.csv", "observations.csv");
    private static final int LOST = 2;

    @Test
    void aKilledRankEndsTheRunCleanlyAndResumeFinishesItBitForBit(@TempDir Path dir) throws Exception {
        ProcessHandle rank = killRankAndResume(dir, "niodev",
                h -> commandLine(h).contains("doka.launcher.mpi.NioRankMain " + LOST + " "), "multicore");
        assertTrue(err(dir).contains("rank " + LOST + " of 4 (process " + rank.pid() + ") was lost: killed by signal 9"),
                err(dir));
    }

    /** mpiexec reports the loss; the checkpoint is the native device's own, resumed on it. */
    @Test
    void aKilledRankOnTheNativeDeviceEndsTheRunCleanlyAndResumeFinishesItBitForBit(@TempDir Path dir) throws Exception {
        String unavailable = NativeWorld.unavailable();
        assumeTrue(unavailable == null, "skipped: the native device cannot start here (./doka test installs Open MPI and"
                + " builds libnativempjdev where apt-get may be used): " + unavailable);
        killRankAndResume(dir, "native", h -> commandLine(h).contains("doka.launcher.mpi.NativeRankMain ")
                && environment(h).contains("OMPI_COMM_WORLD_RANK=" + LOST + "\0"), "native");
        assertTrue(err(dir).matches("(?s).*rank " + LOST + " of 4 (\\(process \\d+\\) )?was lost: exited on signal 9.*"),
                err(dir));
    }

    /**
     * Runs a Lorenz-96 ensemble on {@code device}, kills the rank {@code isLost} picks once the checkpoint after 200
     * windows is written, checks the launcher ended cleanly, resumes on {@code resumeDevice} and compares with a run
     * straight through; returns the killed process.
     */
    private static ProcessHandle killRankAndResume(Path dir, String device, Predicate<ProcessHandle> isLost,
                                                   String resumeDevice) throws Exception {
        Path config = dir.resolve("l96.json");
        Files.writeString(config, """
                {"name": "l96-lost", "members": 4, "membersPerRank": 1, "seed": 5, "model": {"kind": "lorenz96", "variables": 40},
                 "parameters": [{"name": "forcing", "priorMean": 7.0, "priorSd": 1.0}],
                 "observations": {}, "filter": {"kind": "etkf", "inflation": 1.04, "jitter": 0.01},
                 "windows": {"count": 500}, "checkpoint": {"everyWindows": 100, "keep": 3}}
                """);
        Path reference = dir.resolve("straight");
        DokaProcess straight = DokaProcess.run(dir, "straight", "run", config.toString(), "--run-dir", reference.toString(), "--quiet");
        assertEquals(0, straight.waitFor(), straight.err());

        Path run = dir.resolve("lost");
        DokaProcess p = DokaProcess.start(dir, "lost", "run", config.toString(), "--run-dir", run.toString(), "--quiet",
                "--device", device);
        p.awaitFile(run.resolve("checkpoints").resolve(CheckpointStore.name(200)).resolve(Manifest.FILE));
        ProcessHandle rank = p.descendants().stream().filter(isLost)
                .findFirst().orElseThrow(() -> new AssertionError("no process of rank " + LOST + " among the launcher's"));
        assertTrue(p.isAlive(), "the run finished before its rank could be killed: give it more windows");
        rank.destroyForcibly();

        int code = p.waitFor();
        assertNotEquals(0, code);
        String err = p.err();
        assertTrue(err.contains("continue with ./doka resume"), err);
        assertTrue(p.descendants().isEmpty(), "ranks left running: " + p.descendants());

        CheckpointStore.Found newest = new CheckpointStore(run).newestValid(w -> { throw new AssertionError(w); }, false);
        assertNotNull(newest, "no valid checkpoint after the loss");
        // the checkpoint does not depend on the device (one member per rank on all, as the summary says)
        DokaProcess resumed = DokaProcess.run(dir, "resume", "resume", run.toString(), "--device", resumeDevice);
        assertEquals(0, resumed.waitFor(), resumed.err());
        RunDirs.assertSameOutputs(reference, run, OUTPUTS);
        return rank;
    }

    private static String err(Path dir) throws java.io.IOException {
        return Files.readString(dir.resolve("lost.err"));
    }

    /** A process's command line, from /proc (ProcessHandle.Info shortens long ones). */
    private static String commandLine(ProcessHandle h) {
        return proc(h, "cmdline").replace('\0', ' ');
    }

    /** A process's environment, NUL-separated, from /proc: mpiexec gives each rank its OMPI_COMM_WORLD_RANK. */
    private static String environment(ProcessHandle h) {
        return proc(h, "environ");
    }

    private static String proc(ProcessHandle h, String file) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), file)),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return file.equals("cmdline") ? h.info().commandLine().orElse("") : "";
        }
    }
}
