package doka.launcher.cycle;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Progress lines: in the run's log file, always; on the terminal unless quiet, window lines at most
 * once a second (thousands of short Lorenz-96 windows would flood it).
 */
public final class Progress implements AutoCloseable {
    private final BufferedWriter log;
    private final boolean quiet;
    private long lastTerminalNanos;

    public Progress(Path logFile, boolean quiet) {
        this.quiet = quiet;
        try {
            log = Files.newBufferedWriter(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log " + logFile, e);
        }
    }

    public void line(String text) {
        write(text, true);
    }

    /** A window's line: on the terminal when a second has passed since the last one, or when {@code last}. */
    public void window(String text, boolean last) {
        write(text, last || System.nanoTime() - lastTerminalNanos > 1_000_000_000L);
    }

    private void write(String text, boolean terminal) {
        if (!quiet && terminal) {
            System.out.println(text);
            lastTerminalNanos = System.nanoTime();
        }
        try {
            log.write(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + text);
            log.newLine();
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log", e);
        }
    }

    @Override
    public void close() {
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
