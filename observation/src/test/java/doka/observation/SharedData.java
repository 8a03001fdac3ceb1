package doka.observation;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Real recordings under {@code ../shared/data/recordings}; tests that need them are skipped when absent. */
public final class SharedData {
    private SharedData() {
    }

    public static Path recording(String name) {
        String root = System.getProperty("doka.shared");
        Path shared = root != null ? Path.of(root) : Path.of("../shared");
        Path file = shared.resolve("data/recordings").resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), name + ": ../shared/data/recordings/" + name + " absent, skipped");
        return file;
    }
}
