package doka.launcher.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import doka.launcher.checkpoint.CheckpointException;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.ConfigFingerprint;
import doka.launcher.checkpoint.FileDigest;
import doka.launcher.checkpoint.Manifest;
import doka.launcher.checkpoint.ResumeCheck;
import doka.launcher.checkpoint.RunLock;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.ConfigException;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.cycle.RunOutputs;
import doka.launcher.experiment.TwinTruth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./doka resume <run-dir>}: continues a stopped or killed run from its newest complete and
 * valid checkpoint, bit for bit as if it had never stopped (see {@code docs/checkpoints.md}).
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a stopped or killed run from its newest complete, valid checkpoint.",
            "A damaged newest checkpoint is skipped with a warning; without any, the run starts again.",
            "Exit code 75: stopped again on request (SIGTERM or a STOP file), resumable."})
public final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<run-dir>", description = "The run directory (holds config.json).")
    Path runDir;

    @Option(names = "--allow-config-change",
            description = "Accept the changes to <run-dir>/config.json that are safe: windows.count (more windows),"
                    + " output.quiet, output.runDir, checkpoint.everyWindows, checkpoint.everyMinutes, checkpoint.keep.")
    boolean allowConfigChange;

    @Option(names = "--select-only",
            description = "Check and choose as resume does, then print one line and run nothing: the checkpoint to"
                    + " continue from (window-NNNNNN), 'none' (start again from window 1) or 'finished'. For batch"
                    + " scripts that start the ranks themselves: pass a checkpoint name as the rank program's third"
                    + " argument.")
    boolean selectOnly;

    @Mixin
    SharedOptions.Device device;

    @Override
    public Integer call() {
        if (Files.isRegularFile(runDir.resolve(doka.launcher.calibrate.CalibrationRun.CONFIG))) {
            try (RunLock lock = RunLock.acquire(runDir)) {
                return CalibrateCommand.resume(runDir, device.value(), selectOnly);
            }
        }
        Path configJson = runDir.resolve("config.json");
        if (!Files.isRegularFile(configJson)) {
            throw new ConfigException(runDir + ": no run here (no config.json); start one with ./doka run <ensemble.json>"
                    + " --run-dir " + runDir);
        }
        try (RunLock lock = RunLock.acquire(runDir)) {
            return resume(configJson);
        }
    }

    private int resume(Path configJson) {
        EnsembleConfig config = ConfigReader.read(configJson);
        CheckpointStore.Found found = new CheckpointStore(runDir).newestValid(System.err::println, true);
        if (selectOnly) {
            try {
                // the ranks started next must not see an old request as theirs
                StopRequest.clear(runDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove an old stop request in " + runDir, e);
            }
        }
        if (found == null && selectOnly) {
            System.out.println(Files.exists(runDir.resolve("summary.json")) ? "finished" : "none");
            return 0;
        }
        if (found == null && Files.exists(runDir.resolve("summary.json"))) {
            throw new ConfigException(runDir + " holds a finished run (summary.json) and no checkpoint to continue from:"
                    + " nothing to resume (to extend a run later, give it checkpoint.everyWindows or everyMinutes)");
        }
        if (found == null) {
            System.err.println("doka resume: no complete checkpoint in " + runDir.resolve(CheckpointStore.FOLDER)
                    + ": starting the run again from window 1");
            return RunCommand.run(config, runDir, device.value(), config.output().quiet(), null, null);
        }
        Manifest manifest = found.manifest();
        List<ConfigFingerprint.Change> changes = ResumeCheck.check(found.dir(), manifest, configJson, allowConfigChange);
        RunOutputs.check(runDir, manifest.outputs());
        checkInputs(config, found, manifest, changes);
        if (selectOnly) {
            System.out.println(manifest.windowsDone() >= config.windows().count() ? "finished"
                    : found.dir().getFileName().toString());
            return 0;
        }
        if (manifest.windowsDone() >= config.windows().count()) {
            System.out.println("nothing to resume: checkpoint " + found.dir() + " is after the last window ("
                    + manifest.windowsDone() + "/" + config.windows().count() + "). To go further, raise windows.count"
                    + " in " + configJson + " and resume with --allow-config-change.");
            return 0;
        }
        if (!config.output().quiet()) {
            System.out.println("resuming " + runDir + " from checkpoint " + found.dir().getFileName() + " ("
                    + manifest.windowsDone() + "/" + config.windows().count() + " windows done)"
                    + (changes.isEmpty() ? "" : "; accepted changes: " + changes));
        }
        return RunCommand.run(config, runDir, device.value(), config.output().quiet(), found.dir().getFileName().toString(), null);
    }

    /**
     * The input files the run read from its directory (a twin's synthetic observations) must be the
     * ones the checkpoint saw. When the run got more windows, a spiking twin's truth is generated
     * again for all of them: the truth run and its noise are deterministic and time-ordered, so
     * the windows already assimilated keep their observations, which is checked line by line.
     */
    private void checkInputs(EnsembleConfig config, CheckpointStore.Found found, Manifest manifest,
            List<ConfigFingerprint.Change> changes) {
        boolean longer = changes.stream().anyMatch(c -> c.field().equals("windows.count")
                && Integer.parseInt(c.after()) > Integer.parseInt(c.before()));
        for (FileDigest input : manifest.inputs()) {
            Path file = runDir.resolve(input.name());
            if (longer && input.name().equals(TwinTruth.FILE)) {
                extendTwinTruth(config, file);
                continue;
            }
            FileDigest now = CheckpointStore.digestLike(file, input);
            if (!now.equals(input)) {
                throw new CheckpointException(file + ": changed since checkpoint " + found.dir().getFileName()
                        + " (" + now.checksums() + ", recorded " + input.checksums() + "); the run cannot continue"
                        + " with other observations than it started with");
            }
        }
    }

    private void extendTwinTruth(EnsembleConfig config, Path file) {
        try {
            List<String> before = Files.readAllLines(file);
            Path kept = file.resolveSibling(file.getFileName() + ".before-resume");
            Files.copy(file, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String line = TwinTruth.generate(config, runDir, Runtime.getRuntime().availableProcessors());
            if (!config.output().quiet()) {
                System.out.println(line);
            }
            List<String> after = Files.readAllLines(file);
            if (after.size() < before.size() || !after.subList(0, before.size()).equals(before)) {
                Files.move(kept, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                throw new CheckpointException(file + ": the twin's truth generated again for "
                        + config.windows().count() + " windows does not begin with the observations already"
                        + " assimilated; the original file is kept; resume without more windows");
            }
            Files.delete(kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extend the twin's observations " + file, e);
        }
    }
}
