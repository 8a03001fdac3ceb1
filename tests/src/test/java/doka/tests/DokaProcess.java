package doka.tests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real launcher in a JVM of its own ({@code java -cp <test class path> doka.launcher.Main …}),
 * so that a test can kill it for real: SIGKILL ({@link Process#destroyForcibly()}) or SIGTERM
 * ({@link Process#destroy()}). Its output goes to files, so that a full pipe never blocks it.
 */
final class DokaProcess {
    /** Generous bound on one launcher run; a run that takes longer is a hang, reported as such. */
    private static final long HANG_MINUTES = 10;

    private final Process process;
    private final Path out;
    private final Path err;

    private DokaProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code doka <args>} with extra JVM options; output goes to {@code logDir/<name>.out|.err}. */
    static DokaProcess start(Path logDir, String name, List<String> jvmOptions, String... args) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "doka.launcher.Main"));
        cmd.addAll(List.of(args));
        Files.createDirectories(logDir);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        return new DokaProcess(pb.start(), out, err);
    }

    static DokaProcess start(Path logDir, String name, String... args) throws IOException {
        return start(logDir, name, List.of(), args);
    }

    /** Runs {@code doka <args>} to its end and returns it. */
    static DokaProcess run(Path logDir, String name, String... args) throws IOException, InterruptedException {
        DokaProcess p = start(logDir, name, args);
        p.waitFor();
        return p;
    }

    int waitFor() throws InterruptedException, IOException {
        if (!process.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the launcher did not end within " + HANG_MINUTES + " minutes; its errors: "
                    + err());
        }
        return process.exitValue();
    }

    /** The processes the launcher started (the ranks of a niodev or native world). */
    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, as a node failure or a batch system's hard kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as a batch system sends before its wall-clock limit. */
    void terminate() {
        process.destroy();
    }

    String out() throws IOException {
        return Files.readString(out);
    }

    String err() throws IOException {
        return Files.readString(err);
    }

    /** Waits (polling the file system) until {@code file} exists or the process ended. */
    void awaitFile(Path file) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(HANG_MINUTES);
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the launcher ended (exit " + process.exitValue() + ") before "
                        + file + " appeared; its errors: " + err());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(file + " did not appear within " + HANG_MINUTES + " minutes");
            }
            Thread.sleep(5);
        }
    }
}
