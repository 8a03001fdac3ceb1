package doka.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.ConfigException;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.cycle.EnsembleProgram;
import doka.launcher.cycle.InjectedFault;
import doka.launcher.experiment.Experiments;
import doka.launcher.experiment.TwinTruth;
import doka.launcher.mpi.EnsembleLayout;
import doka.launcher.mpi.MulticoreWorld;
import doka.launcher.mpi.NativeWorld;
import doka.launcher.mpi.ProcessWorld;

/**
 * Prepares a run directory and runs an ensemble configuration in an MPI world: threads of this JVM
 * on the multicore device, or one JVM per rank on niodev or on the native device over the system's MPI.
 */
public final class EnsembleRunner {
    /** How the ranks run. */
    public enum Device { MULTICORE, NIODEV, NATIVE }

    private EnsembleRunner() {
    }

    /** The run directory: the one given, else the configuration's, else {@code runs/<name>}. */
    public static Path runDir(EnsembleConfig config, Path given) {
        return runDir(given, config.output().runDir(), config.name());
    }

    /** The run directory: {@code given}, else {@code configured} (a configuration's output.runDir), else {@code runs/<name>}. */
    public static Path runDir(Path given, String configured, String name) {
        if (given != null) {
            return given;
        }
        return configured != null ? Path.of(configured) : Path.of("runs", name);
    }

    /**
     * Creates {@code runDir} (refusing one that already holds a run) and writes the resolved
     * configuration into it, with file paths made absolute.
     */
    public static EnsembleConfig prepare(Path configFile, Path runDir, boolean quiet) {
        return prepare(configFile, runDir, quiet, null);
    }

    /**
     * The same, with the checks that need the model first ({@link Experiments#checkBeforeStart}: the recording
     * against the model's areas and windows, every parameter's reach under the localization) when {@code strict}
     * is not null: before the run directory is touched, so a refused configuration leaves nothing behind. Warnings
     * go to standard error; {@code strict} true makes them an error.
     */
    public static EnsembleConfig prepare(Path configFile, Path runDir, boolean quiet, Boolean strict) {
        return create(runDir, check(configFile, runDir, quiet, strict));
    }

    /**
     * Everything {@link #prepare} checks, without touching the run directory: the configuration read, validated and
     * resolved (paths absolute, {@code quiet} applied), its files, and with {@code strict} not null the checks that
     * need the model. An error names {@code configFile}.
     */
    public static EnsembleConfig check(Path configFile, Path runDir, boolean quiet, Boolean strict) {
        EnsembleConfig config = ConfigReader.read(configFile);
        config = resolvePaths(config, configFile.toAbsolutePath().getParent());
        requireFiles(configFile, config);
        if (strict != null) {
            List<String> warnings;
            try {
                warnings = Experiments.checkBeforeStart(config, runDir, strict);
            } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
                throw namingFile(configFile, e);
            }
            for (String warning : warnings) {
                System.err.println("warning: " + configFile + ": " + warning);
            }
        }
        if (quiet) {
            config = config.withOutput(new EnsembleConfig.Output(config.output().runDir(), true, config.output().nwb()));
        }
        return config;
    }

    /** {@code e} as a configuration error whose message starts with {@code configFile} (once). */
    public static ConfigException namingFile(Path configFile, RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.startsWith(configFile.toString()) || message.startsWith(configFile.toAbsolutePath().toString())) {
            return e instanceof ConfigException c ? c : new ConfigException(message, e);
        }
        return new ConfigException(configFile + ": " + message, e);
    }

    /**
     * Creates {@code runDir} (refusing one that already holds a run) and writes the {@link #check checked}
     * configuration into it.
     */
    public static EnsembleConfig create(Path runDir, EnsembleConfig config) {
        try {
            if (Files.exists(runDir.resolve("config.json"))) {
                throw new ConfigException("run directory " + runDir + " already holds a run: choose another with"
                        + " --run-dir, or remove it (a killed run is continued with ./doka resume " + runDir + ")");
            }
            Files.createDirectories(runDir);
            Path tmp = runDir.resolve("config.json.tmp");
            Files.writeString(tmp, ConfigReader.toJson(config) + "\n");
            Files.move(tmp, runDir.resolve("config.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the run directory " + runDir, e);
        }
        return config;
    }

    /**
     * The files a configuration names (resolved against its folder) exist: an error names the field, what the file
     * is for and the path, e.g. "observations.file: the recording to assimilate: /x/y.csv does not exist".
     */
    private static void requireFiles(Path configFile, EnsembleConfig c) {
        if (c.model() instanceof EnsembleConfig.Model.Cortex m) {
            requireFile(configFile, "model.file", "the cortex model (see ensembles/models/)", m.file());
        } else if (c.model() instanceof EnsembleConfig.Model.External m && m.directory() != null
                && !Files.isDirectory(Path.of(m.directory()))) {
            throw new ConfigException(configFile + ": field 'model.directory': the external program's working directory: "
                    + m.directory() + " is not a directory");
        }
        EnsembleConfig.Observations o = c.observations();
        if (o != null && o.file() != null) {
            requireFile(configFile, "observations.file", "the recording to assimilate (CSV or NWB)", o.file());
        }
        if (o != null && o.file() != null && o.mapping() != null) {
            requireFile(configFile, "observations.mapping", "the mapping (kind,key,area[,group]) from the recording's"
                    + " units, channels or locations to model areas", o.mapping());
        }
    }

    private static void requireFile(Path configFile, String field, String purpose, String path) {
        if (!Files.isRegularFile(Path.of(path))) {
            throw new ConfigException(configFile + ": field '" + field + "': " + purpose + ": " + path
                    + (Files.isDirectory(Path.of(path)) ? " is a directory, not a file" : " does not exist"));
        }
    }

    private static EnsembleConfig resolvePaths(EnsembleConfig c, Path base) {
        EnsembleConfig.Model model = c.model();
        if (model instanceof EnsembleConfig.Model.Cortex m) {
            model = new EnsembleConfig.Model.Cortex(base.resolve(m.file()).normalize().toString(), m.densityScale(),
                    m.dataPaths());
        } else if (model instanceof EnsembleConfig.Model.External m) {
            model = new EnsembleConfig.Model.External(m.command(), m.observables(),
                    (m.directory() == null ? base : base.resolve(m.directory())).normalize().toString(), m.timeoutS());
        }
        EnsembleConfig.Observations o = c.observations();
        if (o.file() != null) {
            o = o.withFiles(base.resolve(o.file()).normalize().toString(),
                    o.mapping() == null ? null : base.resolve(o.mapping()).normalize().toString());
        }
        return c.withModelAndObservations(model, o);
    }

    /** Runs the prepared run directory; returns the summary JSON. */
    public static String run(EnsembleConfig config, Path runDir, Device device) {
        return run(config, runDir, device, null, null);
    }

    /** The same from a verified checkpoint of {@code runDir/checkpoints} (by directory name; null: from the start). */
    public static String run(EnsembleConfig config, Path runDir, Device device, String checkpoint) {
        return run(config, runDir, device, checkpoint, null);
    }

    /**
     * Runs the prepared run directory from the start ({@code checkpoint} null: a twin's truth is
     * generated first) or from a verified checkpoint of {@code runDir/checkpoints} (by directory
     * name). Returns the summary JSON, or a JSON starting with {@code {"stopped"} when the run
     * stopped at a checkpoint on request (SIGTERM or a STOP file). {@code holdBeforeManifest}
     * ("{@code <window>:<file>}", or null) is a test hook: the root creates the file and waits to be
     * killed before it writes that checkpoint's manifest.
     */
    public static String run(EnsembleConfig config, Path runDir, Device device, String checkpoint,
            String holdBeforeManifest) {
        return run(config, runDir, device, checkpoint, holdBeforeManifest, List.of());
    }

    /**
     * The same, with faults injected for testing ({@code --inject-fault}): a fresh run writes them into the run
     * directory, where a resumed run finds them again.
     */
    public static String run(EnsembleConfig config, Path runDir, Device device, String checkpoint,
            String holdBeforeManifest, List<InjectedFault> faults) {
        long launchEpochMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        InjectedFault.check(faults, config.members(), config.windows().count());
        int perRank = membersPerRank(config, device, Runtime.getRuntime().availableProcessors());
        int ranks = new EnsembleLayout(config.members(), config.ranksPerMember(), perRank).worldSize();
        try {
            StopRequest.clear(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove an old stop request in " + runDir, e);
        }
        StopRequest.install(runDir);
        if (checkpoint == null) {
            InjectedFault.write(runDir, faults);
            String truth = TwinTruth.generate(config, runDir, Runtime.getRuntime().availableProcessors());
            if (truth != null && !config.output().quiet()) {
                System.out.println(truth);
            }
        }
        String dir = runDir.toAbsolutePath().toString();
        Duration timeout = Duration.ofDays(30);
        List<String> args = new ArrayList<>(List.of(dir, "1", checkpoint == null ? "" : checkpoint,
                holdBeforeManifest == null ? "" : holdBeforeManifest, Integer.toString(perRank),
                Long.toString(launchEpochMs)));
        if (device == Device.MULTICORE) {
            args.set(1, Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / ranks)));
        } else if (device == Device.NATIVE) {
            args.set(1, System.getenv().getOrDefault("DOKA_RANK_THREADS", "1")); // a node's cores per rank, on Fugaku 48
        }
        String first = runWorld(device, ranks, timeout, "-Xmx1g", EnsembleProgram.class.getName(),
                args.toArray(String[]::new)).get(0);
        // a niodev rank prints one line; the summary itself is in the run directory
        return device == Device.MULTICORE || first.startsWith("{\"stopped\"") ? first : readSummary(runDir, first);
    }

    /**
     * How many members each model task advances one after another: the configuration's {@code membersPerRank};
     * when it gives none, on the multicore device as many tasks as the machine has cores for (each task of
     * {@code ranksPerMember} ranks), so that the ranks never outnumber the cores; on a device of processes
     * (niodev, native) one member per task, the ranks being what the job asked for.
     */
    /** The ranks an ensemble takes on {@code device}: its tasks (members sharing them) × {@code ranksPerMember}. */
    public static int ranks(EnsembleConfig config, Device device, int cores) {
        int perTask = membersPerRank(config, device, cores);
        return (config.members() + perTask - 1) / perTask * config.ranksPerMember();
    }

    public static int membersPerRank(EnsembleConfig config, Device device, int cores) {
        if (config.membersPerRank() != null) {
            return Math.min(config.membersPerRank(), config.members());
        }
        if (device != Device.MULTICORE) {
            return 1;
        }
        int tasks = Math.max(1, Math.min(config.members(), cores / config.ranksPerMember()));
        return (config.members() + tasks - 1) / tasks;
    }

    /**
     * Runs a rank program on {@code ranks} ranks of {@code device} (threads of this JVM, or one JVM
     * per rank, on niodev or the native device, with heap option {@code heap}) and returns each rank's result as a string.
     */
    public static List<String> runWorld(Device device, int ranks, Duration timeout, String heap, String program,
                                 String... args) {
        if (device == Device.NIODEV) {
            return new ProcessWorld(ranks, timeout, List.of(heap)).run(program, args);
        }
        if (device == Device.NATIVE) {
            return new NativeWorld(ranks, timeout, List.of(heap)).run(program, args);
        }
        List<String> out = new ArrayList<>();
        new MulticoreWorld(ranks, timeout).run(program, args).forEach(o -> out.add(String.valueOf(o)));
        return out;
    }

    private static String readSummary(Path runDir, String fallback) {
        try {
            return Files.readString(runDir.resolve("summary.json"));
        } catch (IOException e) {
            return fallback;
        }
    }
}
