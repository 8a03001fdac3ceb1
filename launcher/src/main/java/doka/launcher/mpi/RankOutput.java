package doka.launcher.mpi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Drains a rank process's output stream on a thread of its own, so that the process never blocks on a
 * full pipe, keeping the lines for the result and the error message; lines that are neither a result nor
 * MPJ's start-up chatter can be passed on as they come (a native world's progress lines).
 */
final class RankOutput {
    /** MPJ's native device prints this on every rank at start-up. */
    private static final String MPJ_STARTING = "Starting process <";

    private final List<String> lines = new ArrayList<>();
    private final Thread thread;

    RankOutput(InputStream in, PrintStream echo) {
        thread = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (echo != null && !line.startsWith(NioRankMain.RESULT_MARKER) && !line.startsWith(MPJ_STARTING)) {
                        echo.println(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        }, "rank-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every line, once the stream has ended (or after 5 s). */
    List<String> finished() {
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The text after the first {@link NioRankMain#RESULT_MARKER}, or null. */
    String resultLine() {
        for (String line : finished()) {
            if (line.startsWith(NioRankMain.RESULT_MARKER)) {
                return line.substring(NioRankMain.RESULT_MARKER.length());
            }
        }
        return null;
    }

    /** The last {@code n} lines. */
    String tail(int n) {
        List<String> all = finished();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
    }
}
