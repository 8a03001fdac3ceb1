package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.Manifest;

/**
 * Checkpoints and resume of the real launcher, each run in a JVM of its own and killed for real
 * (Lorenz-96 members: fast). Every resumed run is compared byte for byte with one run straight
 * through: the guarantees of {@code docs/checkpoints.md}.
 */
class TestKillAndResume {
    private static final int WINDOWS = 1000;
    private static final List<String> OUTPUTS = List.of("parameters.csv", "diagnostics.csv", "observations.csv");

    @TempDir
    static Path dir;
    static Path config;
    static Path reference;

    @BeforeAll
    static void runStraightThrough() throws Exception {
        config = dir.resolve("l96.json");
        Files.writeString(config, """
                {"name": "l96-resume", "members": 8, "seed": 5, "model": {"kind": "lorenz96", "variables": 40},
                 "parameters": [{"name": "forcing", "priorMean": 7.0, "priorSd": 1.0}],
                 "observations": {}, "filter": {"kind": "etkf", "inflation": 1.04, "jitter": 0.01},
                 "windows": {"count": %d}, "checkpoint": {"everyWindows": 100, "keep": 3}}
                """.formatted(WINDOWS));
        reference = dir.resolve("straight");
        DokaProcess p = DokaProcess.run(dir, "straight", "run", config.toString(), "--run-dir", reference.toString(),
                "--quiet");
        assertEquals(0, p.waitFor(), p.err());
    }

    private static DokaProcess startRun(Path run, String name, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("run", config.toString(), "--run-dir", run.toString(), "--quiet"));
        args.addAll(List.of(extra));
        return DokaProcess.start(dir, name, args.toArray(String[]::new));
    }

    private static DokaProcess resume(Path run, String name, String... extra) throws Exception {
        String[] args = new String[2 + extra.length];
        args[0] = "resume";
        args[1] = run.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return DokaProcess.run(dir, name, args);
    }

    private static String log(Path run) throws IOException {
        return Files.readString(run.resolve("log.txt"));
    }

    private static Path manifest(Path run, int windowsDone) {
        return run.resolve("checkpoints").resolve(CheckpointStore.name(windowsDone)).resolve(Manifest.FILE);
    }

    @Test
    void aRunKilledAtARandomMomentResumesBitForBit() throws Exception {
        Random random = new Random(8);
        Path run = dir.resolve("killed");
        DokaProcess p = startRun(run, "killed");
        // a random checkpoint among the first six, then a random delay: mid-window or mid-write
        p.awaitFile(manifest(run, 100 * (1 + random.nextInt(6))));
        Thread.sleep(random.nextInt(60));
        assertTrue(p.isAlive(), "the run finished before it could be killed: give it more windows");
        p.kill();

        DokaProcess r = resume(run, "resume-killed");
        assertEquals(0, r.waitFor(), r.err());
        assertTrue(log(run).contains("resumed from checkpoint"), log(run));
        RunDirs.assertSameOutputs(reference, run, OUTPUTS);
    }

    @Test
    void aResumeWhileTheRunLivesIsRefusedAndSigtermStopsItAtACheckpointWithItsOwnExitCode() throws Exception {
        Path run = dir.resolve("terminated");
        DokaProcess p = startRun(run, "terminated");
        p.awaitFile(manifest(run, 100));
        DokaProcess early = resume(run, "resume-while-running");
        assertEquals(2, early.waitFor());
        assertTrue(early.err().contains("run directory " + run + " is in use by another doka process"), early.err());
        assertTrue(p.isAlive(), "the run goes on, untouched, while the early resume is refused");
        p.terminate();
        assertEquals(75, p.waitFor(), p.err());
        assertTrue(p.out().contains("stopped on request after window"), p.out());
        assertFalse(Files.exists(run.resolve("summary.json")), "a stopped run has no summary yet");
        CheckpointStore.Found newest = new CheckpointStore(run).newestValid(w -> { }, false);
        assertTrue(newest.manifest().windowsDone() > 100 && newest.manifest().windowsDone() < WINDOWS);

        DokaProcess r = resume(run, "resume-terminated");
        assertEquals(0, r.waitFor(), r.err());
        RunDirs.assertSameOutputs(reference, run, OUTPUTS);
    }

    @Test
    void aCorruptedNewestCheckpointIsSkippedWithAWarningAndThePreviousOneUsed() throws Exception {
        Path run = copyWithoutTheEnd("corrupted");
        Path newest = manifest(run, WINDOWS - 100).getParent();
        Path member = newest.resolve(CheckpointStore.memberFile(2));
        byte[] bytes = Files.readAllBytes(member);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(member, bytes);

        DokaProcess r = resume(run, "resume-corrupted");
        assertEquals(0, r.waitFor(), r.err());
        assertTrue(r.err().contains("warning: skipping checkpoint " + newest.getFileName()), r.err());
        assertTrue(r.err().contains("member-0002.state: checksum mismatch"), r.err());
        assertTrue(log(run).contains("resumed from checkpoint " + CheckpointStore.name(WINDOWS - 200)), log(run));
        assertTrue(Files.isDirectory(newest.resolveSibling(newest.getFileName() + ".corrupt")), "kept for inspection");
        RunDirs.assertSameOutputs(reference, run, OUTPUTS);
    }

    @Test
    void aTruncatedNewestCheckpointIsSkippedWithAWarningAndThePreviousOneUsed() throws Exception {
        Path run = copyWithoutTheEnd("truncated");
        Path newest = manifest(run, WINDOWS - 100).getParent();
        try (FileChannel ch = FileChannel.open(newest.resolve(CheckpointStore.FILTER_FILE), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        DokaProcess r = resume(run, "resume-truncated");
        assertEquals(0, r.waitFor(), r.err());
        assertTrue(r.err().contains("filter.state:") && r.err().contains("(truncated)"), r.err());
        assertTrue(log(run).contains("resumed from checkpoint " + CheckpointStore.name(WINDOWS - 200)), log(run));
        RunDirs.assertSameOutputs(reference, run, OUTPUTS);
    }

    /**
     * The straight run as a run killed just before its end: its last checkpoint removed, so that the
     * newest is {@code WINDOWS - 100} and the one before it {@code WINDOWS - 200}.
     */
    private static Path copyWithoutTheEnd(String name) throws IOException {
        Path run = dir.resolve(name);
        RunDirs.copy(reference, run);
        Path last = manifest(run, WINDOWS).getParent();
        try (var s = Files.walk(last)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.delete(run.resolve("summary.json"));
        return run;
    }

    @Test
    void aKillDuringACheckpointWriteLosesNothingComplete() throws Exception {
        Path run = dir.resolve("killed-in-write");
        Path held = dir.resolve("held");
        DokaProcess p = startRun(run, "killed-in-write", "--hold-before-manifest", "300:" + held);
        p.awaitFile(held);
        p.kill();
        Path partial = manifest(run, 300).getParent();
        assertTrue(Files.exists(partial.resolve(CheckpointStore.memberFile(7))), "members had written their files");
        assertFalse(Files.exists(partial.resolve(Manifest.FILE)));
        assertEquals(200, CheckpointStore.verify(manifest(run, 200).getParent()).windowsDone());
        assertEquals(100, CheckpointStore.verify(manifest(run, 100).getParent()).windowsDone());

        DokaProcess r = resume(run, "resume-killed-in-write");
        assertEquals(0, r.waitFor(), r.err());
        assertTrue(r.err().contains("skipping checkpoint window-000300: incomplete"), r.err());
        assertTrue(log(run).contains("resumed from checkpoint window-000200"), log(run));
        RunDirs.assertSameOutputs(reference, run, OUTPUTS);
    }

    @Test
    void aDifferentNumberOfRanksPerMemberIsRefused() throws Exception {
        Path run = copyWithoutTheEnd("ranks");
        RunDirs.editConfig(run, null, "ranksPerMember", 2);
        for (String[] flags : new String[][] {{}, {"--allow-config-change"}}) {
            DokaProcess r = resume(run, "resume-ranks-" + flags.length, flags);
            assertEquals(2, r.waitFor());
            assertTrue(r.err().contains("ranksPerMember is 2 but checkpoint " + CheckpointStore.name(WINDOWS - 100)
                    + " was written with 1"), r.err());
        }
        assertEquals(Files.readString(reference.resolve("diagnostics.csv")), Files.readString(run.resolve("diagnostics.csv")),
                "a refused resume leaves the outputs alone");
    }

    @Test
    void configurationChangesAreRefusedUnlessSafeAndAllowed() throws Exception {
        Path run = copyWithoutTheEnd("config");
        RunDirs.editConfig(run, "filter", "inflation", 1.05);
        DokaProcess unsafe = resume(run, "resume-inflation", "--allow-config-change");
        assertEquals(2, unsafe.waitFor());
        assertTrue(unsafe.err().contains("filter.inflation 1.04 → 1.05"), unsafe.err());
        RunDirs.editConfig(run, "filter", "inflation", 1.04);

        RunDirs.editConfig(run, "windows", "count", WINDOWS + 100);
        DokaProcess notAllowed = resume(run, "resume-more-windows");
        assertEquals(2, notAllowed.waitFor());
        assertTrue(notAllowed.err().contains("windows.count " + WINDOWS + " → " + (WINDOWS + 100)) && notAllowed.err().contains(
                "--allow-config-change"), notAllowed.err());

        DokaProcess allowed = resume(run, "resume-more-windows-allowed", "--allow-config-change");
        assertEquals(0, allowed.waitFor(), allowed.err());
        String before = Files.readString(reference.resolve("diagnostics.csv"));
        String after = Files.readString(run.resolve("diagnostics.csv"));
        assertTrue(after.startsWith(before), "the first windows are the straight run's, bit for bit");
        assertEquals(WINDOWS + 100 + 1, after.lines().count());
    }

    @Test
    void withoutACheckpointAFinishedRunIsLeftAloneAndAnUnfinishedOneStartsAgain() throws Exception {
        Path noCheckpoints = dir.resolve("no-checkpoints.json");
        Files.writeString(noCheckpoints, Files.readString(config).replace("\"everyWindows\": 100", "\"everyWindows\": 0")
                .replace("\"count\": " + WINDOWS, "\"count\": 50"));
        Path run = dir.resolve("no-checkpoints");
        DokaProcess p = DokaProcess.run(dir, "no-checkpoints", "run", noCheckpoints.toString(), "--run-dir",
                run.toString(), "--quiet");
        assertEquals(0, p.waitFor(), p.err());
        assertFalse(Files.exists(run.resolve("checkpoints")), "no policy, no checkpoint");
        Path first = dir.resolve("no-checkpoints-first");
        RunDirs.copy(run, first);

        DokaProcess finished = resume(run, "resume-finished");
        assertEquals(2, finished.waitFor());
        assertTrue(finished.err().contains("holds a finished run (summary.json) and no checkpoint"), finished.err());

        // as if killed before the end: no summary yet, the outputs half written
        Files.delete(run.resolve("summary.json"));
        Files.writeString(run.resolve("diagnostics.csv"), "damaged");
        DokaProcess again = resume(run, "resume-again");
        assertEquals(0, again.waitFor(), again.err());
        assertTrue(again.err().contains("no complete checkpoint in " + run.resolve("checkpoints")
                + ": starting the run again from window 1"), again.err());
        RunDirs.assertSameOutputs(first, run, OUTPUTS);
    }

    @Test
    void selectOnlyNamesTheCheckpointForBatchScriptsAndRunsNothing() throws Exception {
        Path run = copyWithoutTheEnd("select");
        Files.writeString(run.resolve("STOP"), "left by the previous job\n");
        String before = Files.readString(run.resolve("diagnostics.csv"));
        DokaProcess r = resume(run, "select", "--select-only");
        assertEquals(0, r.waitFor(), r.err());
        assertEquals(CheckpointStore.name(WINDOWS - 100) + "\n", r.out());
        assertFalse(Files.exists(run.resolve("STOP")), "the next job's ranks must not stop at once");
        assertEquals(before, Files.readString(run.resolve("diagnostics.csv")), "nothing ran");
    }
}
