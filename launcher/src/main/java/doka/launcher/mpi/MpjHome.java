package doka.launcher.mpi;

import java.nio.file.Files;
import java.nio.file.Path;

/** The MPJ Express installation that {@code mpi.MPI.Init} reads its settings from ({@code MPJ_HOME}). */
public final class MpjHome {
    private MpjHome() {
    }

    /**
     * Returns {@code $MPJ_HOME}, checked to hold {@code conf/mpjexpress.conf}.
     *
     * @throws IllegalStateException naming the variable and what it must point to
     */
    public static Path require() {
        String value = System.getenv("MPJ_HOME");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("MPJ_HOME is not set: MPJ Express reads its settings from"
                    + " $MPJ_HOME/conf/mpjexpress.conf. ./doka sets it to the private MPJ home that the build"
                    + " assembles in target/mpj-home (run ./doka build, or set MPJ_HOME yourself).");
        }
        Path home = Path.of(value);
        if (!Files.isRegularFile(home.resolve("conf/mpjexpress.conf"))) {
            throw new IllegalStateException("MPJ_HOME=" + value + " holds no conf/mpjexpress.conf;"
                    + " expected an MPJ Express home such as the one the build assembles in target/mpj-home.");
        }
        return home;
    }
}
