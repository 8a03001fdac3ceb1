package doka.launcher.external;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A program speaking Doka's member protocol ({@code docs/external.md}) on its standard streams: one
 * JSON object per line each way, one answer per request, in order. Every failure (the program could
 * not start, exited, took longer than the timeout, answered an error or something outside the
 * protocol) is an {@link ExternalMemberException} naming the member, the request and what happened,
 * with the last lines the program wrote to stderr.
 */
public final class ExternalProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EOF = "\u0000eof";
    private static final int STDERR_LINES = 20;

    private final String member;
    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Duration timeout;
    private boolean closed;

    /** Starts {@code command} in {@code directory}; {@code member} names it in every message ("member 3"). */
    public ExternalProcess(String member, List<String> command, Path directory, Duration timeout) {
        this.member = member;
        this.timeout = timeout;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).start();
        } catch (IOException e) {
            throw new ExternalMemberException(member + ": cannot start " + command + " in " + directory + ": " + e.getMessage(), e);
        }
        in = process.getOutputStream();
        Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), true), member + " stdout");
        Thread err = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), false), member + " stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /**
     * Sends {@code request} (its {@code op} field names it) and returns the answer, whose {@code op} must
     * be the request's.
     */
    public JsonNode request(ObjectNode request) {
        String op = request.path("op").asText();
        String line;
        try {
            line = JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw failure(op, "cannot send the request (" + e.getMessage() + ")");
        }
        String answer;
        try {
            answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(op, "interrupted while waiting for the answer");
        }
        if (answer == null) {
            process.destroyForcibly();
            throw failure(op, "no answer within " + timeout.toSeconds() + " s (model.timeoutS); the process was killed");
        }
        if (answer == EOF) {
            throw failure(op, "the process ended without answering");
        }
        JsonNode node;
        try {
            node = JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("op").isTextual()) {
            throw failure(op, "answered out of protocol (expected one JSON object with an \"op\" field): " + shorten(answer));
        }
        String got = node.get("op").asText();
        if ("error".equals(got)) {
            throw failure(op, "the program reports an error: " + node.path("message").asText(answer));
        }
        if (!op.equals(got)) {
            throw failure(op, "answered out of protocol (expected op \"" + op + "\"): " + shorten(answer));
        }
        return node;
    }

    /** A new request object for {@code op}. */
    public static ObjectNode op(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    /** The process's resident memory (Linux: VmRSS of /proc/<pid>/status), or -1 where that cannot be read. */
    public long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** The member's name, as in every message. */
    public String member() {
        return member;
    }

    /** Asks the program to shut down and waits for it (at most the timeout); kills it if it does not. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process.isAlive()) {
                request(op("shutdown"));
                in.close();
                if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (ExternalMemberException | IOException e) {
            // it is going away either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
        }
    }

    private ExternalMemberException failure(String op, String what) {
        String code = "";
        try {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                code = " (the process exited with code " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String err;
        synchronized (stderr) {
            err = stderr.isEmpty() ? "" : "; its last lines on stderr:\n  " + String.join("\n  ", stderr);
        }
        return new ExternalMemberException(member + ": request '" + op + "': " + what + code + err);
    }

    private void pump(BufferedReader reader, boolean protocol) {
        try (reader) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (protocol) {
                    answers.add(line);
                } else {
                    synchronized (stderr) {
                        stderr.addLast(line);
                        if (stderr.size() > STDERR_LINES) {
                            stderr.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the stream closed: the process is gone
        }
        if (protocol) {
            answers.add(EOF);
        }
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
