package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Comparing and copying run directories. */
final class RunDirs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunDirs() {
    }

    /**
     * Asserts that {@code files} are byte for byte the same in both runs, and the summaries except timings and
     * the checkpoints this process wrote.
     */
    static void assertSameOutputs(Path expected, Path actual, List<String> files) throws IOException {
        for (String f : files) {
            assertEquals(Files.readString(expected.resolve(f)), Files.readString(actual.resolve(f)),
                    f + " of the resumed run differs from the straight run");
        }
        assertEquals(summaryWithoutTimings(expected), summaryWithoutTimings(actual),
                "summary.json (timings left out) differs");
    }

    static ObjectNode summaryWithoutTimings(Path run) throws IOException {
        ObjectNode s = (ObjectNode) JSON.readTree(run.resolve("summary.json").toFile());
        s.remove(List.of("wall_s", "overhead_fraction", "timing_s", "checkpoint"));
        return s;
    }

    /** Copies a whole run directory (checkpoints included). */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Rewrites one top-level or nested field of {@code run/config.json}. */
    static void editConfig(Path run, String section, String field, int value) throws IOException {
        Path file = run.resolve("config.json");
        ObjectNode c = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode target = section == null ? c : (ObjectNode) c.get(section);
        target.put(field, value);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c));
    }

    static void editConfig(Path run, String section, String field, double value) throws IOException {
        Path file = run.resolve("config.json");
        ObjectNode c = (ObjectNode) JSON.readTree(file.toFile());
        ((ObjectNode) c.get(section)).put(field, value);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c));
    }
}
