package doka.launcher.cycle;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines: on the terminal (unless quiet) and, always, in the run's log file. */
final class Progress implements AutoCloseable {
    private final BufferedWriter log;
    private final boolean quiet;

    Progress(Path logFile, boolean quiet) {
        this.quiet = quiet;
        try {
            log = Files.newBufferedWriter(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log " + logFile, e);
        }
    }

    void line(String text) {
        if (!quiet) {
            System.out.println(text);
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
