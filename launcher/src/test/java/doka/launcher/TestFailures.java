package doka.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure's one line puts the operating system's reason and its file first, what was being done after. */
class TestFailures {
    @Test
    void aFailedWriteNamesTheReasonAndTheFileFirst(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("checkpoints"), "a file where a folder goes");
        Path target = dir.resolve("checkpoints/window-000001");
        IOException real = assertThrows(IOException.class, () -> Files.createDirectories(target));
        UncheckedIOException wrapped = new UncheckedIOException("cannot make the checkpoint directory " + target, real);
        String line = Failures.oneLine(wrapped);
        assertTrue(line.contains(dir.resolve("checkpoints").toString()), line);
        assertTrue(line.endsWith(" — cannot make the checkpoint directory " + target), line);
        assertTrue(line.indexOf(dir.resolve("checkpoints").toString()) < line.indexOf(" — "), line);
    }

    @Test
    void theLogKeepsTheFullTrace(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log.txt");
        Files.writeString(log, "12:00:00 run x\n");
        Failures.appendTrace(log, new IllegalStateException("outer", new IOException("No space left on device")));
        String text = Files.readString(log);
        assertTrue(text.startsWith("12:00:00 run x\n"), text);
        assertTrue(text.contains("failed: No space left on device — outer"), text);
        assertTrue(text.contains("Caused by: java.io.IOException: No space left on device"), text);
        assertTrue(text.contains("\tat doka.launcher.TestFailures."), text);
    }

    @Test
    void aMessageWithoutCauseIsItself() {
        assertEquals("observation 0 is NaN", Failures.oneLine(new IllegalArgumentException("observation 0 is NaN")));
    }
}
