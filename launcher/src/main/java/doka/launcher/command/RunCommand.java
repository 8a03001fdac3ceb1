package doka.launcher.command;

import doka.launcher.EnsembleRunner;
import doka.launcher.Failures;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import doka.launcher.checkpoint.RunLock;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
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

    @Option(names = "--inject-fault", paramLabel = "member=M,window=W,kind=K",
            description = "For testing the fault handling: member M fails in window W (both counted from 0) as kind says:"
                    + " crash (throws), nan (predicts NaN), silence (predicts 0) or runaway (predicts ten times"
                    + " faults.runawayAboveHz). Repeatable; a resumed run injects the same faults again.")
    java.util.List<String> injectFaults = new java.util.ArrayList<>();

    @Option(names = "--nwb", description = "Every spiking member writes its last window's spikes and predicted rates as"
            + " member-NNNN.nwb in the run directory (output.nwb; needs Debian's libhdf5-java; docs/python.md).")
    boolean nwb;

    @Option(names = "--strict", description = "Refuse a parameter that no observation reaches under the localization"
            + " (by default a warning at start-up).")
    boolean strict;

    @Override
    public Integer call() throws java.io.IOException {
        java.util.List<doka.launcher.cycle.InjectedFault> faults = injectFaults.stream()
                .map(doka.launcher.cycle.InjectedFault::parse).toList();
        EnsembleConfig probe = ConfigReader.read(config);
        doka.launcher.cycle.InjectedFault.check(faults, probe.members(), probe.windows().count());
        StartChecks.ranks(config, probe, device.value());
        Path dir = EnsembleRunner.runDir(probe, output.runDir);
        // everything is checked before the run directory is touched, so a refused start leaves nothing behind
        EnsembleConfig checked = EnsembleRunner.check(config, dir, output.quiet, strict);
        if (nwb) {
            checked = checked.withOutput(new EnsembleConfig.Output(checked.output().runDir(), checked.output().quiet(), true));
        }
        if (checked.output().nwb()) {
            StartChecks.nwbWritable(nwb ? "--nwb" : "output.nwb");
        }
        StartChecks.memory(config, checked, device.value());
        RunLock lock = StartChecks.reclaimFailedStart(dir, spec.commandLine().getErr());
        try {
            EnsembleConfig resolved = EnsembleRunner.create(dir, checked);
            if (lock == null) {
                lock = RunLock.acquire(dir);
            }
            return run(resolved, dir, device.value(), output.quiet, null, holdBeforeManifest, faults);
        } finally {
            if (lock != null) {
                lock.close();
            }
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
        return run(resolved, dir, device, quiet, checkpoint, holdBeforeManifest, java.util.List.of());
    }

    /** The same, with faults injected for testing. */
    static int run(EnsembleConfig resolved, Path dir, EnsembleRunner.Device device, boolean quiet, String checkpoint,
            String holdBeforeManifest, java.util.List<doka.launcher.cycle.InjectedFault> faults) {
        String summary = Failures.reported(dir.resolve("log.txt"),
                () -> EnsembleRunner.run(resolved, dir, device, checkpoint, holdBeforeManifest, faults));
        if (summary.startsWith("{\"stopped\"")) {
            try {
                var stopped = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary);
                if (stopped.has("reason")) {
                    // too many failed members, or a collapsed filter (faults.onCollapse = stop): an error, not a pause
                    throw new IllegalStateException("the run stopped: " + stopped.get("reason").asText()
                            + "; newest checkpoint: " + stopped.get("checkpoint").asText() + " (" + dir.resolve("log.txt")
                            + ")");
                }
                System.out.println("stopped on request after window " + stopped.get("windowsDone").asInt() + "/"
                        + resolved.windows().count() + "; checkpoint " + stopped.get("checkpoint").asText()
                        + "\ncontinue with: ./doka resume " + dir + "  (exit code " + StopRequest.EXIT_CODE + ")");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return StopRequest.EXIT_CODE;
        }
        Path report = doka.launcher.report.ReportWriter.write(dir);
        System.out.print(TwinVerdict.finalSummary(summary, dir, report));
        return 0;
    }
}
