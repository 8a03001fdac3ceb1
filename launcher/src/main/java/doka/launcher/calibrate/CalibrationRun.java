package doka.launcher.calibrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import doka.enkf.FilterRandom;
import doka.enkf.ForwardModel;
import doka.enkf.RandomStream;
import doka.launcher.EnsembleRunner;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.ConfigException;

/**
 * A calibration's run directory: preparing it (the resolved configuration), its targets with their error and noise
 * variances, and running the calibration in an MPI world of one rank per member ({@link CalibrationProgram}).
 */
public final class CalibrationRun {
    /** The resolved configuration in the run directory. */
    public static final String CONFIG = "calibration.json";
    /** The targets: statistic, target, error variance, noise variance. */
    public static final String TARGETS = "targets.csv";
    /** The fitted parameters (final ensemble mean) with the model and protocol they were fitted for. */
    public static final String FITTED = "fitted.json";
    /** A cortex calibration's model file with the fitted means written in. */
    public static final String FITTED_MODEL = "fitted-model.json";

    private CalibrationRun() {
    }

    /** The data and its error variances Γ = error² + replicate noise, per statistic. */
    record Targets(double[] values, double[] errorVariance, double[] noiseVariance) {
        double[] variance() {
            double[] v = new double[values.length];
            for (int j = 0; j < v.length; j++) {
                v[j] = errorVariance[j] + noiseVariance[j];
            }
            return v;
        }
    }

    /**
     * Refuses a calibration whose ranks would build more members at once than {@code heapBytes} holds (each rank builds
     * one member at a time, on the multicore device all in this JVM), naming the most ranks that fit.
     */
    static void checkMemory(CalibrateConfig config, double memberBytes, double heapBytes) {
        int ranks = config.rankCount();
        double jvm = doka.launcher.experiment.MemberEstimate.JVM_BYTES;
        if (ranks * memberBytes + jvm <= heapBytes) {
            return;
        }
        int fit = 0;
        for (int r = 1; r <= config.members(); r++) {
            fit = config.members() % r == 0 && r * memberBytes + jvm <= heapBytes ? r : fit;
        }
        throw new ConfigException(String.format(java.util.Locale.ROOT, "field 'ranks' is %d: %d members built at once"
                + " need about %.1f GB (one member %.1f GB by the model's rules, as validate estimates it), but this"
                + " JVM's heap is %.1f GB; expected %s", ranks, ranks, (ranks * memberBytes + jvm) / 1e9,
                memberBytes / 1e9, heapBytes / 1e9, fit > 0 ? "ranks at most " + fit + " (a divisor of members, "
                + config.members() + "; members then run in turn)" : "a larger heap (DOKA_JAVA_OPTS=-Xmx…) or a"
                + " machine with more memory: one member alone does not fit"));
    }

    /**
     * The heap of a rank JVM on niodev, MB: 512, or for a cortex a quarter more than one of its members and the JVM
     * need by {@code validate}'s estimate (a rank builds one member at a time).
     */
    static int rankHeapMb(CalibrateConfig config) {
        if (!config.model().kind().equals("cortex")) {
            return 512;
        }
        double bytes = ((CortexForwardModel) ForwardModels.create(config)).memberBytes()
                + doka.launcher.experiment.MemberEstimate.JVM_BYTES;
        return (int) Math.max(512, Math.ceil(1.25 * bytes / 1e6));
    }

    /** The run directory: the one given, else the configuration's, else {@code runs/<name>}. */
    public static Path runDir(CalibrateConfig config, Path given) {
        return EnsembleRunner.runDir(given, config.output().runDir(), config.name());
    }

    /**
     * Creates {@code runDir} (refusing one that holds a run) and writes the resolved configuration into it ({@code quiet}:
     * with {@code output.quiet} set). The targets are made in the MPI world ({@link CalibrationProgram}).
     */
    public static CalibrateConfig prepare(Path configFile, Path runDir, boolean quiet) {
        CalibrateConfig config = CalibrateConfigReader.read(configFile);
        if (config.model().kind().equals("cortex")) {
            try {
                // checks the parameters and statistics against the model's areas, and the members against the heap
                CortexForwardModel model = (CortexForwardModel) ForwardModels.create(config);
                checkMemory(config, model.memberBytes(), Runtime.getRuntime().maxMemory());
            } catch (ConfigException e) {
                throw new ConfigException(configFile + ": " + e.getMessage(), e);
            }
        }
        if (quiet) {
            config = new CalibrateConfig(config.name(), config.members(), config.ranks(), config.seed(), config.model(),
                    config.protocol(), config.parameters(), config.targets(), config.noise(), config.method(),
                    config.checkpoint(), new CalibrateConfig.Output(config.output().runDir(), true));
        }
        if (Files.exists(runDir.resolve(CONFIG)) || Files.exists(runDir.resolve("config.json"))) {
            throw new ConfigException("run directory " + runDir + " already holds a run: choose another with"
                    + " --run-dir, or remove it (a killed calibration is continued with ./doka resume " + runDir + ")");
        }
        try {
            Files.createDirectories(runDir);
            Path tmp = runDir.resolve(CONFIG + ".tmp");
            Files.writeString(tmp, CalibrateConfigReader.toJson(config) + "\n");
            Files.move(tmp, runDir.resolve(CONFIG), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the run directory " + runDir, e);
        }
        return config;
    }

    /**
     * Writes {@value #TARGETS} (atomically) and returns the targets: a twin's truth run (seed
     * {@code derive(TRUTH.seed(seed), 0)}) or the given values, with each statistic's error variance and the
     * replicate {@code noise} variance.
     */
    static Targets writeTargets(Path runDir, CalibrateConfig config, ForwardModel model, double[] noise) {
        List<String> stats = ForwardModels.statistics(config);
        int p = stats.size();
        double[] values = new double[p];
        double[] error = new double[p];
        double[] truth = CalibrationRoot.truth(config);
        if (truth != null) {
            values = model.run(truth, FilterRandom.derive(RandomStream.TRUTH.seed(config.seed()), 0));
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(values[j])) {
                    throw new IllegalStateException("the truth run's statistic '" + stats.get(j) + "' is undefined ("
                            + values[j] + "): a twin needs every target defined");
                }
            }
        } else {
            for (int j = 0; j < p; j++) {
                values[j] = config.targets().values().get(stats.get(j));
            }
        }
        StringBuilder csv = new StringBuilder("statistic,target,error_variance,noise_variance\n");
        for (int j = 0; j < p; j++) {
            double e = config.targets().errors().getOrDefault(stats.get(j), 0.0);
            error[j] = e * e;
            csv.append(stats.get(j)).append(',').append(values[j]).append(',').append(error[j]).append(',')
                    .append(noise[j]).append('\n');
        }
        try {
            Path tmp = runDir.resolve(TARGETS + ".tmp");
            Files.writeString(tmp, csv);
            Files.move(tmp, runDir.resolve(TARGETS), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(TARGETS), e);
        }
        return new Targets(values, error, noise);
    }

    static Targets readTargets(Path runDir, List<String> stats) {
        Path file = runDir.resolve(TARGETS);
        try {
            List<String> lines = Files.readAllLines(file);
            int p = stats.size();
            if (lines.size() != p + 1) {
                throw new ConfigException(file + ": " + (lines.size() - 1) + " statistics, the model predicts " + p);
            }
            double[][] cols = new double[3][p];
            for (int j = 0; j < p; j++) {
                String[] f = lines.get(j + 1).split(",");
                if (f.length != 4 || !f[0].equals(stats.get(j))) {
                    throw new ConfigException(file + ": line " + (j + 2) + " should be '" + stats.get(j)
                            + ",target,error_variance,noise_variance'");
                }
                for (int k = 0; k < 3; k++) {
                    cols[k][j] = Double.parseDouble(f[k + 1]);
                }
            }
            return new Targets(cols[0], cols[1], cols[2]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Runs the prepared run directory from the start ({@code checkpoint} null) or from a verified checkpoint (by
     * directory name), one multicore rank per member; returns the summary JSON, or JSON starting with
     * {@code {"stopped"} when it stopped on request (SIGTERM or a STOP file).
     */
    public static String run(CalibrateConfig config, Path runDir, EnsembleRunner.Device device, String checkpoint) {
        try {
            StopRequest.clear(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove an old stop request in " + runDir, e);
        }
        StopRequest.install(runDir);
        List<String> args = new ArrayList<>(List.of(runDir.toAbsolutePath().toString(),
                checkpoint == null ? "" : checkpoint));
        List<String> results = EnsembleRunner.runWorld(device, config.rankCount(), Duration.ofDays(30),
                device == EnsembleRunner.Device.NIODEV ? "-Xmx" + rankHeapMb(config) + "m" : "-Xmx512m",
                CalibrationProgram.class.getName(), args.toArray(String[]::new));
        String first = results.get(0);
        if (device == EnsembleRunner.Device.MULTICORE || first.startsWith("{\"stopped\"")) {
            return first;
        }
        try {
            return Files.readString(runDir.resolve("summary.json"));
        } catch (IOException e) {
            return first;
        }
    }
}
