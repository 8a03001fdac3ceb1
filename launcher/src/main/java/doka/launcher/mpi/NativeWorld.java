package doka.launcher.mpi;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an MPI world of {@code n} ranks on MPJ Express's native device over the system's MPI: starts
 * {@code mpiexec -n n java … NativeRankMain <program> [args…]}, as {@link ProcessWorld} starts its niodev
 * JVMs. Here the MPI is Debian's Open MPI; on Fugaku it is Fujitsu MPI, with the same command line. The
 * JNI library {@value #LIBRARY} is found by {@link #libraryDir}; {@code $DOKA_MPIEXEC} replaces {@code mpiexec}; {@code $DOKA_RANK_JAVA_OPTS}
 * replaces the ranks' JVM options.
 */
public final class NativeWorld {
    /** MPJ's native device loads it with {@code System.loadLibrary("nativempjdev")}. */
    public static final String LIBRARY = "libnativempjdev.so";
    /** Open MPI's and Fujitsu MPI's report of a rank that died: "process rank 1 with PID 1234 on node …". */
    private static final Pattern LOST_RANK = Pattern.compile("process rank (\\d+) with PID (\\d+)[^\\n]*?(exited on signal \\d+[^\\n]*|exited)");

    /** Open MPI's report of a rank that exited with an error: "Process name: [[5678,1],1] Exit code: 1". */
    private static final Pattern FAILED_RANK = Pattern.compile("Process name: \\[\\[\\d+,\\d+\\],(\\d+)\\]\\s+Exit code:\\s+(\\d+)");

    private final int size;
    private final Duration timeout;
    private final List<String> jvmOptions;

    public NativeWorld(int size, Duration timeout, List<String> jvmOptions) {
        if (size < 1) {
            throw new IllegalArgumentException("an MPI world needs at least 1 rank, got " + size);
        }
        this.size = size;
        this.timeout = timeout;
        String fromEnv = System.getenv("DOKA_RANK_JAVA_OPTS");
        this.jvmOptions = fromEnv == null || fromEnv.isBlank() ? List.copyOf(jvmOptions) : List.of(fromEnv.trim().split("\\s+"));
    }

    /**
     * The folder that holds {@value #LIBRARY}, checked: {@code $DOKA_NATIVE_LIB} when given, else {@code native/}
     * beside {@code $MPJ_HOME} (where ./doka builds it: target/native), else {@code $MPJ_HOME/lib} (where MPJ
     * Express's own installation puts it).
     */
    public static Path libraryDir() {
        String given = System.getenv("DOKA_NATIVE_LIB");
        List<Path> candidates = given != null && !given.isBlank() ? List.of(Path.of(given))
                : List.of(MpjHome.require().resolveSibling("native"), MpjHome.require().resolve("lib"));
        for (Path dir : candidates) {
            if (Files.isRegularFile(dir.resolve(LIBRARY))) {
                return dir.toAbsolutePath();
            }
        }
        throw new IllegalStateException("the native device needs MPJ Express's JNI library " + LIBRARY + ", built against"
                + " this machine's MPI; there is none in " + candidates + ". ./doka run/resume --device native builds it"
                + " (Open MPI from apt, MPJ's sources from Debian; see docs/launcher.md); on Fugaku see docs/fugaku.md.");
    }

    /**
     * Why a native world cannot start here (no {@code mpiexec} on the PATH, no {@value #LIBRARY}), or null when
     * it can: for the tests, which skip saying so.
     */
    public static String unavailable() {
        String mpiexec = System.getenv().getOrDefault("DOKA_MPIEXEC", "mpiexec").split("\\s+")[0];
        boolean found = mpiexec.contains(File.separator) ? Files.isExecutable(Path.of(mpiexec))
                : java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, mpiexec)));
        if (!found) {
            return mpiexec + " is not on the PATH";
        }
        try {
            libraryDir();
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** The command that starts the world: {@code mpiexec -n <size> java <options> … NativeRankMain <program> [args…]}. */
    List<String> command(Path libraryDir, Path resultDir, String programClass, String... args) {
        String mpiexec = System.getenv().getOrDefault("DOKA_MPIEXEC", "mpiexec");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(mpiexec.split("\\s+")));
        cmd.addAll(List.of("-n", Integer.toString(size), java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Djava.library.path=" + libraryDir, "-D" + NativeRankMain.RESULT_DIR + "=" + resultDir,
                "-cp", System.getProperty("java.class.path"),
                NativeRankMain.class.getName(), programClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Starts the world, passes the ranks' other output on as it comes, waits, and returns each rank's
     * result line by world rank.
     *
     * @throws MulticoreWorld.RankFailedException naming the lost or failed rank where the MPI names it,
     *                                            with the end of the error output; or the timeout
     */
    public List<String> run(String programClass, String... args) {
        Path lib = libraryDir();
        Path resultDir = resultDir();
        try {
            return run(lib, resultDir, programClass, args);
        } finally {
            try (var files = Files.list(resultDir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(resultDir);
            } catch (IOException e) {
                // a leftover folder of result lines harms nothing
            }
        }
    }

    /**
     * A new folder for the ranks' result lines beside {@code $MPJ_HOME} (Doka's {@code target/}): on a cluster it
     * must be on the file system the launcher's and the ranks' nodes share, as Doka's folder is on Fugaku.
     */
    private static Path resultDir() {
        try {
            return Files.createTempDirectory(MpjHome.require().toAbsolutePath().getParent(), "native-results-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the native ranks' results beside " + MpjHome.require(), e);
        }
    }

    private List<String> run(Path lib, Path resultDir, String programClass, String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(lib, resultDir, programClass, args));
        openMpiSettings(pb.environment(), size);
        pb.environment().put("MPJ_HOME", MpjHome.require().toString());
        Process mpiexec;
        try {
            mpiexec = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + pb.command().get(0) + " for the native device (is an MPI"
                    + " installed? ./doka installs Debian's Open MPI for --device native)", e);
        }
        RankOutput out = new RankOutput(mpiexec.getInputStream(), System.out);
        RankOutput err = new RankOutput(mpiexec.getErrorStream(), null);
        // a launcher ended by a signal must not leave mpiexec and its ranks running on their own
        Thread onExit = new Thread(() -> stop(mpiexec), "native-world-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            if (!mpiexec.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new MulticoreWorld.RankFailedException("the " + size + "-rank native world running " + programClass
                        + " did not finish within " + timeout, null);
            }
            if (mpiexec.exitValue() != 0) {
                throw new MulticoreWorld.RankFailedException(failure(mpiexec.exitValue(), err.tail(40)), null);
            }
            out.finished();
            return results(resultDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MulticoreWorld.RankFailedException("interrupted while waiting for the native world", e);
        } finally {
            stop(mpiexec);
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /**
     * Open MPI refuses to start as root and to place more ranks than cores unless told; these are its
     * environment forms of {@code --allow-run-as-root} and {@code --oversubscribe}, set only where needed
     * (a batch job on Fugaku needs neither).
     */
    static void openMpiSettings(Map<String, String> env, int size) {
        if ("root".equals(System.getProperty("user.name"))) {
            env.putIfAbsent("OMPI_ALLOW_RUN_AS_ROOT", "1");
            env.putIfAbsent("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        }
        if (size > Runtime.getRuntime().availableProcessors()) {
            env.putIfAbsent("OMPI_MCA_rmaps_base_oversubscribe", "1");
            // ranks that wait in MPI give their core to one that computes, instead of spinning on it
            env.putIfAbsent("OMPI_MCA_mpi_yield_when_idle", "1");
        }
    }

    /** The message for a world that ended badly: the lost rank first where the MPI's report names it. */
    String failure(int exitCode, String errorTail) {
        Matcher lost = LOST_RANK.matcher(errorTail);
        Matcher failed = FAILED_RANK.matcher(errorTail);
        String what;
        if (lost.find()) {
            // Open MPI in a container may report PID 0
            String pid = lost.group(2).equals("0") ? "" : " (process " + lost.group(2) + ")";
            what = "rank " + lost.group(1) + " of " + size + pid + " was lost: " + lost.group(3).replaceAll("\\.$", "")
                    + ProcessWorld.AFTER_A_LOSS;
        } else if (failed.find()) {
            what = "rank " + failed.group(1) + " of " + size + " exited with " + failed.group(2);
        } else {
            what = "the " + size + "-rank native world ended with exit code " + exitCode;
        }
        return what + "; the MPI's error output ends:\n" + errorTail;
    }

    private List<String> results(Path resultDir) {
        List<String> byRank = new ArrayList<>(size);
        for (int rank = 0; rank < size; rank++) {
            Path file = resultDir.resolve(NativeRankMain.resultFile(rank));
            try {
                byRank.add(Files.readString(file));
            } catch (IOException e) {
                throw new MulticoreWorld.RankFailedException("rank " + rank + " of the " + size + "-rank native world"
                        + " ended without its result line (" + file + ")", null);
            }
        }
        return List.copyOf(byRank);
    }

    /** Ends mpiexec and whatever it left: politely first (it passes SIGTERM on to the ranks), then by force. */
    private static void stop(Process mpiexec) {
        if (!mpiexec.isAlive()) {
            return;
        }
        List<ProcessHandle> ranks = mpiexec.descendants().toList();
        mpiexec.destroy();
        try {
            mpiexec.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mpiexec.destroyForcibly();
        ranks.forEach(ProcessHandle::destroyForcibly);
    }
}
