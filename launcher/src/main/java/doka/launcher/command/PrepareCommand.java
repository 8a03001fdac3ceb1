package doka.launcher.command;

import doka.launcher.EnsembleRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import doka.launcher.config.EnsembleConfig;
import doka.launcher.experiment.TwinTruth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./doka prepare <ensemble.json> --run-dir DIR}: the part of {@code run} that comes before the
 * MPI world (the resolved configuration, and a twin's synthetic observations), for batch jobs whose
 * ranks the batch system starts (see {@code ./doka job fugaku}).
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Prepare a run directory (resolved configuration, twin observations) for ranks that a batch"
                + " system starts.")
public final class PrepareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<ensemble.json>")
    Path config;

    @Option(names = "--run-dir", required = true, paramLabel = "DIR")
    Path runDir;

    @Option(names = "--quiet", description = "No progress lines of the twin's truth run (on standard error).")
    boolean quiet;

    @Override
    public Integer call() {
        EnsembleConfig c = EnsembleRunner.prepare(config, runDir, quiet);
        String truth = TwinTruth.generate(c, runDir, Runtime.getRuntime().availableProcessors());
        System.out.println("prepared " + runDir + (truth == null ? "" : "; " + truth));
        return 0;
    }
}
