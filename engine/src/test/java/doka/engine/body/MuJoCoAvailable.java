package doka.engine.body;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Skips a test, saying why, where MuJoCo cannot be loaded (./doka test installs it where it may). */
final class MuJoCoAvailable {
    private MuJoCoAvailable() {
    }

    static void assume() {
        String why = MuJoCo.missing();
        Assumptions.assumeTrue(why == null, () -> "MuJoCo is not available, test skipped: " + why);
    }

    /** A small MJCF text written to a temporary file. */
    static Path mjcf(Path dir, String xml) throws java.io.IOException {
        Path f = dir.resolve("model.xml");
        Files.writeString(f, xml);
        return f;
    }

    /** The project's forelimb (the tests run from the module directory). */
    static Path forelimb() {
        return Path.of("..", "ensembles", "models", "forelimb.xml").toAbsolutePath().normalize();
    }
}
