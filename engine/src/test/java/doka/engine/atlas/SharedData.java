package doka.engine.atlas;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates {@code ../shared/data/allen} for tests (system property doka.shared) or skips. */
public final class SharedData {
    private SharedData() {
    }

    /** A file under ../shared/data/allen, or the test is skipped saying so. */
    public static Path allen(String relative) {
        String root = System.getProperty("doka.shared");
        Path shared = root != null ? Path.of(root) : Path.of("../shared");
        Path p = shared.resolve("data/allen").resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "Allen data: ../shared/data/allen/" + relative + " absent, skipped");
        return p;
    }
}
