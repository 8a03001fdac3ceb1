package doka.launcher.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import sun.misc.Signal;

/**
 * A request to stop at the next window boundary with a checkpoint: SIGTERM (what batch systems send
 * before they kill a job), or a file {@value #FILE} in the run directory (a user's {@code touch}).
 *
 * <p>The signal handler only creates that file: it is the one flag every rank can see, whether the
 * ranks are threads of one JVM (each with its own class loader, so no static field is shared) or
 * processes of their own (a batch system signals all of a job's processes; each installs the same
 * handler, so none dies mid-window). The analysis root checks the file at each boundary and sends
 * the decision to every rank with the analysis, so that all stop after the same window.
 */
public final class StopRequest {
    public static final String FILE = "STOP";
    /** Exit code of a run that stopped at a checkpoint on request and can be resumed (sysexits' EX_TEMPFAIL). */
    public static final int EXIT_CODE = 75;

    private StopRequest() {
    }

    /** Installs the SIGTERM handler for a run directory (once per JVM is enough; again is harmless). */
    public static void install(Path runDir) {
        Path flag = runDir.resolve(FILE);
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                try {
                    Files.writeString(flag, "SIGTERM\n");
                } catch (IOException e) {
                    // Nothing better to do in a signal handler: the batch system's kill follows.
                    System.err.println("doka: SIGTERM received but " + flag + " cannot be written: " + e.getMessage());
                    return;
                }
                System.err.println("doka: SIGTERM received: finishing the current window, writing a checkpoint,"
                        + " then stopping (resume with ./doka resume " + runDir + ")");
            });
        } catch (IllegalArgumentException e) {
            // The JVM reserves SIGTERM (-Xrs): requests then come through the file only.
        }
    }

    /** Whether a stop was requested (checked by the analysis root at window boundaries). */
    public static boolean requested(Path runDir) {
        return Files.exists(runDir.resolve(FILE));
    }

    /** Forgets a request that has been served (before a resume, or after the stop). */
    public static void clear(Path runDir) throws IOException {
        Files.deleteIfExists(runDir.resolve(FILE));
    }
}
