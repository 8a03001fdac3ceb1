package doka.launcher.cycle;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Progress lines: in the run's log file, always; on the terminal unless quiet, window lines at most
 * once a second (thousands of short Lorenz-96 windows would flood it). A long simulation outside the
 * windows (a twin's truth run, {@code simulate}) reports tenths of its simulated time ({@link #simulation}).
 */
public final class Progress implements AutoCloseable {
    /** A simulation reports its progress only once it has taken this long: short ones stay silent. */
    static final double SILENT_SECONDS = 3;

    private final BufferedWriter log;
    private final boolean quiet;
    private final PrintStream terminal;
    private long lastTerminalNanos;

    /** Lines to {@code logFile} and, unless quiet, standard output (a run's windows). */
    public Progress(Path logFile, boolean quiet) {
        this(logFile, quiet, System.out);
    }

    /** Lines to {@code logFile} (none when null) and, unless quiet, {@code terminal}. */
    public Progress(Path logFile, boolean quiet, PrintStream terminal) {
        this.quiet = quiet;
        this.terminal = terminal;
        try {
            log = logFile == null ? null
                    : Files.newBufferedWriter(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log " + logFile, e);
        }
    }

    /** Progress of a command without a log file, on standard error (which keeps standard output for results). */
    public static Progress onStandardError(boolean quiet) {
        return new Progress(null, quiet, System.err);
    }

    /**
     * Tracks a simulation of {@code totalMs} of biological time: {@link Simulation#at} prints a line when the
     * simulated time passes a tenth of the total, with the time since its first call and the ETA, once the
     * simulation has run for {@value #SILENT_SECONDS} s.
     */
    public Simulation simulation(String what, double totalMs) {
        return new Simulation(what, totalMs, SILENT_SECONDS);
    }

    /** The same, silent for {@code silentSeconds} (the tests' 0). */
    Simulation simulation(String what, double totalMs, double silentSeconds) {
        return new Simulation(what, totalMs, silentSeconds);
    }

    /** The progress of one simulation. */
    public final class Simulation {
        private final String what;
        private final double totalMs;
        private final double silentSeconds;
        /** Clock and simulated time at the first report: a build before it is not simulation. */
        private long startNanos = -1;
        private double startMs;
        private int tenthsDone;

        private Simulation(String what, double totalMs, double silentSeconds) {
            this.what = what;
            this.totalMs = totalMs;
            this.silentSeconds = silentSeconds;
        }

        /** {@code doneMs} of the total are simulated. */
        public void at(double doneMs) {
            if (startNanos < 0) {
                startNanos = System.nanoTime();
                startMs = doneMs;
            }
            int tenths = totalMs > 0 ? (int) Math.min(10, Math.floor(10 * doneMs / totalMs + 1e-9)) : 10;
            if (tenths <= tenthsDone) {
                return;
            }
            tenthsDone = tenths;
            double elapsed = (System.nanoTime() - startNanos) * 1e-9;
            if (elapsed < silentSeconds) {
                return;
            }
            double eta = elapsed * (totalMs - doneMs) / Math.max(doneMs - startMs, 1e-9);
            line(String.format(Locale.ROOT, "%s: %d %% of %.0f ms simulated | elapsed %.0f s, ETA %.0f s", what,
                    10 * tenths, totalMs, elapsed, eta));
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
            this.terminal.println(text);
            lastTerminalNanos = System.nanoTime();
        }
        if (log == null) {
            return;
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
        if (log == null) {
            return;
        }
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
