package doka.launcher.command;

import doka.launcher.EnsembleRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import doka.launcher.config.EnsembleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: {@code run ensembles/workstation-4.json}, a 4-member twin experiment on the
 * synthetic bilateral cortex, in a fresh run directory {@code runs/demo-<time>}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demonstration: the 4-member twin experiment of ensembles/workstation-4.json on the"
                + " synthetic bilateral cortex (a few minutes on a laptop).")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "ensembles/workstation-4.json",
            description = "Ensemble configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--run-dir", description = "Run directory (default: runs/demo-<date-time>).")
    Path runDir;

    @Override
    public Integer call() {
        if (!Files.exists(config)) {
            throw new IllegalArgumentException(config + ": no such file; run ./doka demo from the Doka folder");
        }
        Path dir = runDir != null ? runDir
                : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        System.out.println("Doka demo: twin experiment " + config + " (4 members on MPJ Express's multicore device),"
                + " run directory " + dir);
        EnsembleConfig resolved = EnsembleRunner.prepare(config, dir, false);
        return RunCommand.run(resolved, dir, EnsembleRunner.Device.MULTICORE, false);
    }
}
