package doka.launcher.command;

import doka.launcher.EnsembleRunner;
import doka.launcher.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.RunLock;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.ConfigException;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.config.RunPlan;
import doka.launcher.experiment.MemberEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./doka run <ensemble.json>}: runs an ensemble assimilation. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an ensemble assimilation described by a configuration file (see ensembles/).")
public final class RunCommand implements Callable<Integer> {
    /** The heap of one niodev rank JVM, in GB. */
    static final double NIODEV_RANK_HEAP_GB = 1.0;

    @Parameters(index = "0", paramLabel = "<ensemble.json>", description = "The ensemble configuration.")
    Path config;

    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.RunOutput output;

    @Mixin
    SharedOptions.Device device;

    @Option(names = "--hold-before-manifest", hidden = true, paramLabel = "WINDOW:FILE",
            description = "For the tests of a kill during a checkpoint write: before the manifest of checkpoint WINDOW,"
                    + " create FILE and wait to be killed.")
    String holdBeforeManifest;

    @Option(names = "--strict", description = "Refuse a parameter that no observation reaches under the localization"
            + " (by default a warning at start-up).")
    boolean strict;

    @Override
    public Integer call() throws IOException {
        EnsembleConfig probe = ConfigReader.read(config);
        RunPlan.checkRanks(config.toString(), probe.members(), probe.ranksPerMember(), rankCost(device.value()),
                RunPlan.Machine.here());
        Path dir = EnsembleRunner.runDir(probe, output.runDir);
        // everything is checked before the run directory is touched, so a refused start leaves nothing behind
        EnsembleConfig checked = EnsembleRunner.check(config, dir, output.quiet, strict);
        checkMemory(checked, device.value());
        RunLock lock = reclaimFailedStart(dir, spec.commandLine().getErr());
        try {
            EnsembleConfig resolved = EnsembleRunner.create(dir, checked);
            if (lock == null) {
                lock = RunLock.acquire(dir);
            }
            return run(resolved, dir, device.value(), output.quiet, null, holdBeforeManifest);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** What a rank of {@code device} costs the machine: a thread of this JVM, or a JVM of its own. */
    static RunPlan.RankCost rankCost(EnsembleRunner.Device device) {
        return device == EnsembleRunner.Device.MULTICORE ? RunPlan.RankCost.MULTICORE : RunPlan.RankCost.PROCESS;
    }

    /**
     * {@code validate}'s memory check, before anything is built: one member is built (a scaled-down copy of a large
     * one) and measured, then the whole ensemble is weighed against this JVM's heap (the multicore device), or a
     * rank JVM's heap (niodev: {@value #NIODEV_RANK_HEAP_GB} GB each, {@code -Xmx1g} in {@code EnsembleRunner.run}).
     */
    private void checkMemory(EnsembleConfig c, EnsembleRunner.Device device) throws IOException {
        int ranks = c.members() * c.ranksPerMember();
        Path scratch = Files.createTempDirectory("doka-run-check");
        try {
            MemberEstimate e = MemberEstimate.measureMemory(c, scratch,
                    Math.max(1, Runtime.getRuntime().availableProcessors() / ranks));
            if (e == null) {
                return;
            }
            RunPlan.MemoryNeed memory = RunPlan.memory(e.bytes(), e.outsideJvm(), c.members(), c.ranksPerMember(),
                    device == EnsembleRunner.Device.MULTICORE ? null : NIODEV_RANK_HEAP_GB);
            if (!memory.fits()) {
                throw new ConfigException(config + ": refused before anything is built: " + memory.describe() + " ("
                        + e.describe() + "); " + memory.refusal());
            }
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * Lets the same {@code run} start again in a directory whose run never completed a window (its start failed):
     * locks it (a live run holds the lock: refused, naming it) and removes its {@code config.json}. Returns the lock,
     * or null when {@code dir} holds no run, or a run that completed windows ({@link EnsembleRunner#create} then
     * refuses it, pointing to {@code resume}).
     */
    static RunLock reclaimFailedStart(Path dir, java.io.PrintWriter err) throws IOException {
        if (!Files.exists(dir.resolve("config.json"))) {
            return null;
        }
        RunLock lock = RunLock.acquire(dir);
        if (!neverCompletedAWindow(dir)) {
            lock.close();
            return null;
        }
        Files.delete(dir.resolve("config.json"));
        err.println("doka run: " + dir + " holds a run that never completed a window (its start failed):"
                + " starting it again there");
        err.flush();
        return lock;
    }

    /** No summary, no checkpoint, and no window's line in {@code diagnostics.csv} (written after every window). */
    static boolean neverCompletedAWindow(Path dir) throws IOException {
        if (Files.exists(dir.resolve("summary.json"))) {
            return false;
        }
        Path checkpoints = dir.resolve(CheckpointStore.FOLDER);
        if (Files.isDirectory(checkpoints)) {
            try (var entries = Files.list(checkpoints)) {
                if (entries.findAny().isPresent()) {
                    return false;
                }
            }
        }
        Path diagnostics = dir.resolve("diagnostics.csv");
        if (!Files.exists(diagnostics)) {
            return true;
        }
        try (var lines = Files.lines(diagnostics)) {
            return lines.limit(2).count() <= 1;
        }
    }

    /** Runs a prepared run directory, writes the report and prints the outcome. */
    static int run(EnsembleConfig resolved, Path dir, EnsembleRunner.Device device, boolean quiet) {
        return run(resolved, dir, device, quiet, null, null);
    }

    /**
     * Runs a prepared run directory (from a checkpoint when {@code checkpoint} names one), writes the
     * report and prints the outcome; a run stopped on request ends with {@link StopRequest#EXIT_CODE}.
     */
    static int run(EnsembleConfig resolved, Path dir, EnsembleRunner.Device device, boolean quiet, String checkpoint,
            String holdBeforeManifest) {
        String summary = Failures.reported(dir.resolve("log.txt"),
                () -> EnsembleRunner.run(resolved, dir, device, checkpoint, holdBeforeManifest));
        if (summary.startsWith("{\"stopped\"")) {
            try {
                var stopped = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary);
                System.out.println("stopped on request after window " + stopped.get("windowsDone").asInt() + "/"
                        + resolved.windows().count() + "; checkpoint " + stopped.get("checkpoint").asText()
                        + "\ncontinue with: ./doka resume " + dir + "  (exit code " + StopRequest.EXIT_CODE + ")");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return StopRequest.EXIT_CODE;
        }
        Path report = doka.launcher.report.ReportWriter.write(dir);
        if (!quiet) {
            try {
                System.out.print(TwinVerdict.describe(new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            System.out.println("summary: " + dir.resolve("summary.json") + "\nreport:  " + report);
        }
        return 0;
    }
}
