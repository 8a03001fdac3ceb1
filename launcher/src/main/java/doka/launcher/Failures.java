package doka.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import doka.launcher.checkpoint.CheckpointException;
import doka.launcher.config.ConfigException;
import doka.launcher.mpi.MulticoreWorld;

/**
 * A run that fails inside its MPI world ends with one line that gives the root cause first (the operating system's
 * word, "No space left on device", with the file it concerns) and what was being done; the full traces (the
 * failing rank's, and the MPJ Express traces of the ranks woken to end) go to the run's log file, not the terminal.
 */
public final class Failures {
    /** A line of a Java stack trace, as MPJ Express's interrupted ranks print them. */
    private static final Pattern TRACE_LINE = Pattern.compile(
            "^(\\s+at \\S.*|\\s+\\.\\.\\. \\d+ more|\\s*Caused by: .*|\\s*Suppressed: .*|Exception in thread .*"
                    + "|[\\w$.]+(Exception|Error|Throwable)(: .*)?)$");
    private static final Pattern RANK_FAILED = Pattern.compile("^rank (\\d+) of (\\d+) .*");
    private static final Pattern EXCEPTION_HEADER = Pattern.compile("^[\\w$.]+(?:Exception|Error): (.*)$");
    private static final Pattern CAUSED_BY = Pattern.compile("^\\s*Caused by: ([\\w$.]+): (.*)$");

    private Failures() {
    }

    /**
     * The failure in one line, root cause first: the deepest cause's message (a file system error names its file),
     * then the outermost message that says what was being done, then the rank, e.g. "No space left on device —
     * cannot complete the checkpoint /runs/x/checkpoints/window-000043 (rank 0 of 4)".
     */
    public static String oneLine(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        String rank = null;
        int first = 0;
        Matcher m = RANK_FAILED.matcher(firstLine(e.getMessage()));
        if (e instanceof MulticoreWorld.RankFailedException && m.matches()) {
            rank = "rank " + m.group(1) + " of " + m.group(2);
            first = chain.size() > 1 ? 1 : 0;
        }
        Throwable root = chain.get(chain.size() - 1);
        String cause = describe(root);
        String doing = first < chain.size() - 1 ? firstLine(chain.get(first).getMessage()) : null;
        if (doing != null) {
            // "x: java.io.IOException: y" repeats the cause: keep what precedes it
            String tail = String.valueOf(chain.get(first).getCause());
            if (doing.endsWith(tail)) {
                doing = doing.substring(0, doing.length() - tail.length()).replaceAll("[:;,\\s]+$", "");
            }
        }
        if (root == e && rank != null) {
            // a rank process's failure arrives as text, its error output: the first exception line says what it was
            // doing, the last "Caused by" why
            String header = textHeader(e.getMessage());
            String deepest = textCause(e.getMessage());
            cause = deepest != null ? deepest : header != null ? header : firstLine(e.getMessage());
            doing = deepest != null ? header : null;
        }
        StringBuilder b = new StringBuilder(cause);
        if (doing != null && !doing.isBlank() && !cause.contains(doing)) {
            b.append(" — ").append(doing);
        }
        if (rank != null) {
            b.append(" (").append(rank).append(")");
        }
        return b.toString();
    }

    /** A throwable's own message, with the file of a file system error and the type when it says nothing else. */
    private static String describe(Throwable t) {
        String message = firstLine(t.getMessage());
        if (t instanceof FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason() : t.getClass().getSimpleName().replace("Exception", "")
                    .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
            return reason + ": " + f.getFile() + (f.getOtherFile() == null ? "" : " → " + f.getOtherFile());
        }
        if (message.isBlank() || t instanceof NullPointerException || t instanceof ArrayIndexOutOfBoundsException) {
            return t.getClass().getName() + (message.isBlank() ? "" : ": " + message);
        }
        return message;
    }

    private static String textCause(String text) {
        String found = null;
        for (String line : text.split("\n")) {
            Matcher m = CAUSED_BY.matcher(line);
            if (m.matches()) {
                found = m.group(2);
            }
        }
        return found;
    }

    /** The message of the first exception line in a rank process's error output (what it was doing). */
    private static String textHeader(String text) {
        for (String line : text.split("\n")) {
            Matcher m = EXCEPTION_HEADER.matcher(line);
            if (m.matches()) {
                return m.group(1).replaceAll(":? ?[\\w$.]+(Exception|Error): .*$", "");
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n", 2)[0].trim();
    }

    /** Appends {@code e}'s full trace to {@code log}, stamped; a log that cannot be written is skipped (the run already failed). */
    public static void appendTrace(Path log, Throwable e) {
        StringWriter w = new StringWriter();
        try (PrintWriter p = new PrintWriter(w)) {
            p.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " failed: " + oneLine(e));
            e.printStackTrace(p);
        }
        try {
            Files.writeString(log, w.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // e.g. the full disk that failed the run: the one line on the terminal is what is left
        }
    }

    /**
     * Sends the stack-trace lines written to standard error from now on to {@code log} (other lines still reach
     * the terminal), until closed. Closing waits (at most 5 s) for a failed multicore world's rank threads to end,
     * so the traces they print as they are woken land in the log too.
     */
    public static Diversion divertTraces(Path log) {
        return new Diversion(log);
    }

    /** Standard error with its stack-trace lines diverted to a log file. */
    public static final class Diversion implements AutoCloseable {
        private final PrintStream original = System.err;
        private final Path log;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        private Diversion(Path log) {
            this.log = log;
            System.setErr(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    Diversion.this.write(b);
                }
            }, true, StandardCharsets.UTF_8));
        }

        private synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (TRACE_LINE.matcher(text).matches()) {
                try {
                    Files.writeString(log, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    return;
                } catch (IOException e) {
                    // the log cannot take it: the terminal shows it
                }
            }
            original.println(text);
        }

        @Override
        public void close() {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.isAlive() && t.getName().startsWith("mpj-rank-") && t != Thread.currentThread())) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            synchronized (this) {
                if (line.size() > 0) {
                    write('\n');
                }
            }
            System.setErr(original);
        }
    }

    /**
     * Runs an MPI world ({@code world}) with its traces diverted to {@code log}; a failure's trace is appended to the
     * log and it is rethrown as one line ({@link #oneLine}, then where the traces are). Configuration and checkpoint
     * errors keep their own message, which already names the file.
     */
    public static <T> T reported(Path log, Supplier<T> world) {
        try (Diversion traces = divertTraces(log)) {
            return world.get();
        } catch (RuntimeException e) {
            appendTrace(log, e);
            if (e instanceof ConfigException || e instanceof CheckpointException) {
                throw e;
            }
            throw new RunFailed(oneLine(e) + "; the full traces are in " + log, e);
        }
    }

    /** A run that failed; its message is the one line to show. */
    public static final class RunFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RunFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
