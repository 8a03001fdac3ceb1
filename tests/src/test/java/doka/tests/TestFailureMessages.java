package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails for real inside the MPI world (a full disk, a path that cannot be created) ends the launcher
 * with one line on standard error, root cause first and naming the file, and no stack trace on the terminal: the
 * traces are in the run's log (issue 18, case 4). The launcher runs in a JVM of its own, so what is checked is what
 * a user's terminal shows.
 */
class TestFailureMessages {
    private static final String L96 = """
            {"name": "full", "members": 4, "membersPerRank": 1, "model": {"kind": "lorenz96"}, "observations": {},
             "windows": {"count": 400}, "checkpoint": {"everyWindows": 1, "keep": 2}}
            """;

    private static void assertOneLineThenTracesInTheLog(DokaProcess p, Path run, String rootCause, String file)
            throws Exception {
        assertEquals(2, p.waitFor(), p.err());
        List<String> lines = p.err().strip().lines().toList();
        assertEquals(1, lines.size(), "one line, no trace on the terminal:\n" + p.err());
        assertTrue(lines.get(0).startsWith("doka run: " + rootCause), lines.get(0));
        assertTrue(lines.get(0).contains(file), lines.get(0));
        String log = Files.readString(run.resolve("log.txt"));
        assertTrue(log.contains("\tat doka.launcher."), "the full trace is in the log:\n" + log);
    }

    @Test
    void aFullDiskIsNamedFirstWithTheCheckpoint(@TempDir Path dir) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tiny"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean mounted = m.waitFor(30, TimeUnit.SECONDS) && m.exitValue() == 0;
        assumeTrue(mounted, "a full disk needs a tiny tmpfs, and mounting one needs root: "
                + new String(m.getInputStream().readAllBytes()).strip());
        try {
            Path config = dir.resolve("full.json");
            Files.writeString(config, L96);
            Path run = mount.resolve("run");
            DokaProcess p = DokaProcess.start(dir, "full", "run", config.toString(), "--run-dir", run.toString(), "--quiet");
            assertOneLineThenTracesInTheLog(p, run, "No space left on device — cannot complete the checkpoint "
                    + run.resolve("checkpoints/window-"), "(rank 0 of 4)");
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCheckpointFolderThatCannotBeMadeIsNamedFirst(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("blocked.json");
        Files.writeString(config, L96);
        Path run = dir.resolve("run");
        // a start that failed left the run directory; a file stands where the checkpoints go (root or not)
        DokaProcess.run(dir, "prepare", "prepare", config.toString(), "--run-dir", run.toString());
        Files.writeString(run.resolve("checkpoints"), "not a folder");
        DokaProcess p = DokaProcess.start(dir, "blocked", "run", config.toString(), "--run-dir", run.toString(), "--quiet");
        assertEquals(2, p.waitFor(), p.err());
        List<String> lines = p.err().strip().lines().toList();
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("\tat ") || l.contains("XDevException")), p.err());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("doka run: ") && last.contains(run.resolve("checkpoints").toString()), p.err());
        assertTrue(last.indexOf(run.resolve("checkpoints").toString()) < last.indexOf(" — "),
                "the file system's complaint, with its file, comes first: " + last);
        assertTrue(Files.readString(run.resolve("log.txt")).contains("\tat doka.launcher."));
    }
}
