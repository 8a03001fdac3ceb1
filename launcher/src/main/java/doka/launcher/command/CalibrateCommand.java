package doka.launcher.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import doka.launcher.EnsembleRunner;
import doka.launcher.calibrate.CalibrateConfig;
import doka.launcher.calibrate.CalibrateConfigReader;
import doka.launcher.calibrate.CalibrationRun;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.RunLock;
import doka.launcher.checkpoint.StopRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ./doka calibrate <config>}: fits static parameters to statistics with an iterative ensemble smoother. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit static parameters to statistics of model runs with ES-MDA or EKI (see docs/launcher.md).",
            "The members run in parallel, one MPI rank each; a killed calibration continues with ./doka resume."})
public final class CalibrateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<config>", description = "The calibration configuration (JSON).")
    Path config;

    @Mixin
    SharedOptions.RunOutput output;

    @Mixin
    SharedOptions.Device device;

    @Override
    public Integer call() {
        CalibrateConfig probe = CalibrateConfigReader.read(config);
        Path dir = CalibrationRun.runDir(probe, output.runDir);
        CalibrateConfig resolved = CalibrationRun.prepare(config, dir, output.quiet);
        try (RunLock lock = RunLock.acquire(dir)) {
            return run(resolved, dir, device.value(), null);
        }
    }

    /**
     * {@code ./doka resume} of a calibration: from the newest complete, verified checkpoint (its configuration and
     * targets unchanged), else from the start; the outputs are cut back to the checkpoint and continue from it.
     */
    static int resume(Path dir, EnsembleRunner.Device device, boolean selectOnly) {
        CalibrateConfig config = CalibrateConfigReader.read(dir.resolve(CalibrationRun.CONFIG));
        CheckpointStore.Found found = new CheckpointStore(dir).newestValid(System.err::println, true);
        boolean finished = java.nio.file.Files.exists(dir.resolve("summary.json"));
        if (selectOnly) {
            System.out.println(finished ? "finished" : found != null ? found.dir().getFileName().toString() : "none");
            return 0;
        }
        if (finished) {
            // summary.json is written after the last iteration: the checkpoints left are of a finished calibration
            System.out.println("nothing to resume: " + dir + " holds a finished calibration (summary.json)");
            return 0;
        }
        if (found == null) {
            System.err.println("doka resume: no complete checkpoint in " + dir.resolve(CheckpointStore.FOLDER)
                    + ": starting the calibration again from iteration 0");
        } else if (!config.output().quiet()) {
            System.out.println("resuming calibration " + dir + " from checkpoint " + found.dir().getFileName() + " ("
                    + found.manifest().windowsDone() + " ensembles evaluated)");
        }
        return run(config, dir, device, found == null ? null : found.dir().getFileName().toString());
    }

    /** Runs a prepared calibration (from a checkpoint when {@code checkpoint} names one), writes its report, prints the outcome. */
    static int run(CalibrateConfig config, Path dir, EnsembleRunner.Device device, String checkpoint) {
        String summary = doka.launcher.Failures.reported(dir.resolve("log.txt"),
                () -> CalibrationRun.run(config, dir, device, checkpoint));
        if (summary.startsWith("{\"stopped\"")) {
            System.out.println("stopped on request; continue with: ./doka resume " + dir + "  (exit code "
                    + StopRequest.EXIT_CODE + ")");
            return StopRequest.EXIT_CODE;
        }
        Path report = doka.launcher.report.ReportWriter.write(dir);
        System.out.print(TwinVerdict.finalSummary(summary, dir, report));
        return 0;
    }
}
