package doka.launcher.cycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import doka.enkf.EnsembleOps;
import doka.enkf.FilterState;
import doka.launcher.checkpoint.CheckpointException;
import doka.launcher.checkpoint.CheckpointFile;
import doka.launcher.checkpoint.CheckpointPolicy;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.ConfigFingerprint;
import doka.launcher.checkpoint.FileDigest;
import doka.launcher.checkpoint.FileHeader;
import doka.launcher.checkpoint.Manifest;
import doka.launcher.checkpoint.RootState;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.experiment.TwinTruth;

/**
 * What the analysis root does besides the analysis: unpacks the gathered members, writes the
 * window's outputs, times each phase, reports progress, decides and completes checkpoints (filter
 * state, manifest, retention), restores from one, and writes {@code summary.json} at the end.
 */
final class CycleRoot {
    /** The root's result when the run stopped on request: JSON starting with this. */
    static final String STOPPED = "{\"stopped\"";
    /**
     * Fault injection for the tests of a kill during a checkpoint write: "{@code <window>:<file>}"
     * makes the root create {@code <file>} and wait for its kill before the manifest of that window.
     */
    static final String HOLD_PROPERTY = "doka.checkpoint.holdBeforeManifest";

    private final EnsembleConfig config;
    private final Experiment experiment;
    private final Path runDir;
    private final FilterDriver driver;
    private final RunOutputs outputs;
    private final Progress progress;
    private final int members;
    private final long startNanos = System.nanoTime();
    private final byte[] experimentId;
    private final CheckpointStore store;
    private final CheckpointPolicy policy;
    private final int firstWindow;
    private long checkpointStartNanos;
    private final List<double[]> windowScores = new ArrayList<>();
    private double[] prior;
    private double[] last;
    private double[] lastTruth;
    private double maxSimSeconds;
    private double simSecondsTotal;
    private double analysisSeconds;
    private double outputSeconds;
    private double overheadSeconds;

    /**
     * @param resumeDir a verified checkpoint to continue from (its CSV lengths were checked), or null
     */
    CycleRoot(EnsembleConfig config, Experiment experiment, Path runDir, byte[] experimentId, Path resumeDir) {
        this.config = config;
        this.experiment = experiment;
        this.runDir = runDir;
        this.members = config.members();
        this.experimentId = experimentId;
        this.store = new CheckpointStore(runDir);
        this.policy = new CheckpointPolicy(config, startNanos);
        this.driver = new FilterDriver(config, experiment);
        this.progress = new Progress(runDir.resolve("log.txt"), config.output().quiet());
        if (resumeDir != null) {
            Manifest manifest = Manifest.read(resumeDir);
            RunOutputs.truncate(runDir, manifest.outputs());
            restore(resumeDir, manifest.windowsDone());
            this.firstWindow = manifest.windowsDone();
            this.outputs = new RunOutputs(runDir, experiment, true);
            progress.line(String.format(Locale.ROOT, "run %s resumed from checkpoint %s (written %s): windows %d to %d",
                    config.name(), resumeDir.getFileName(), manifest.created(), firstWindow + 1,
                    config.windows().count()));
        } else {
            this.firstWindow = 0;
            this.outputs = new RunOutputs(runDir, experiment, false);
            progress.line(String.format(Locale.ROOT, "run %s: %d members × %d rank(s), %d windows, %s filter",
                    config.name(), members, config.ranksPerMember(), config.windows().count(), config.filter().kind()));
        }
    }

    private FileHeader filterHeader(int windowsDone) {
        return new FileHeader(CheckpointFile.FILTER_FORMAT, CheckpointFile.VERSION, experimentId, FileHeader.NO_MEMBER,
                windowsDone);
    }

    private void restore(Path dir, int windowsDone) {
        Path file = dir.resolve(CheckpointStore.FILTER_FILE);
        RootState s = CheckpointFile.read(file, filterHeader(windowsDone), RootState::read);
        int dim = experiment.filterNames().length;
        if (s.members() != members || s.dim() != dim) {
            throw new CheckpointException(file + ": holds " + s.members() + " members × " + s.dim()
                    + " filter components, the configuration " + members + " × " + dim);
        }
        try {
            driver.restore(FilterState.fromBytes(s.filterState()));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
        experiment.restoreObservationState(s.observationState());
        prior = s.prior();
        last = s.ensemble();
        lastTruth = s.lastTruth();
        windowScores.addAll(s.windowScores());
    }

    /** What the root decided at a window boundary; it travels to every rank with the analysis. */
    record Boundary(boolean checkpoint, boolean stop) {
    }

    /**
     * Decides whether to checkpoint (and stop) after {@code windowsDone} windows; when it does, makes
     * the checkpoint's empty directory before any member is told to write into it.
     */
    Boundary boundary(int windowsDone) {
        long now = System.nanoTime();
        boolean stop = windowsDone < config.windows().count() && StopRequest.requested(runDir);
        boolean checkpoint = policy.due(windowsDone, now, stop);
        if (checkpoint) {
            checkpointStartNanos = now;
            try {
                store.prepare(windowsDone);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the checkpoint directory " + store.dir(windowsDone), e);
            }
        }
        return new Boundary(checkpoint, stop);
    }

    /**
     * Completes the checkpoint of {@code windowsDone} once every member's file is written
     * ({@code memberDigests}: {@link FileDigest#LONGS} longs per member, in member order): writes the
     * filter state and a copy of the configuration, then the manifest atomically, then applies the
     * retention (older checkpoints go only now that this one is complete).
     */
    void completeCheckpoint(int windowsDone, long[] memberDigests) {
        Path dir = store.dir(windowsDone);
        try {
            List<FileDigest> files = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                files.add(FileDigest.fromLongs(CheckpointStore.memberFile(m), memberDigests, m * FileDigest.LONGS));
            }
            RootState state = new RootState(windowsDone, driver.state().toBytes(), members,
                    experiment.filterNames().length, last, experiment.saveObservationState(), prior, lastTruth,
                    windowScores);
            files.add(CheckpointFile.write(dir.resolve(CheckpointStore.FILTER_FILE), filterHeader(windowsDone),
                    state::write));
            Path configCopy = dir.resolve(CheckpointStore.CONFIG_FILE);
            Files.copy(runDir.resolve("config.json"), configCopy);
            files.add(CheckpointStore.digest(configCopy));
            Map<String, Long> lengths = new LinkedHashMap<>();
            for (String name : RunOutputs.FILES) {
                lengths.put(name, Files.size(runDir.resolve(name)));
            }
            List<FileDigest> inputs = new ArrayList<>();
            if (Files.exists(runDir.resolve(TwinTruth.FILE))) {
                inputs.add(CheckpointStore.digest(runDir.resolve(TwinTruth.FILE)));
            }
            ConfigFingerprint fingerprint = ConfigFingerprint.of(runDir.resolve("config.json"));
            double seconds = (System.nanoTime() - checkpointStartNanos) * 1e-9;
            Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, windowsDone, members,
                    config.ranksPerMember(), java.util.HexFormat.of().formatHex(experimentId), fingerprint.full(),
                    fingerprint.essential(), java.time.Instant.now().toString(), seconds, lengths, inputs, files);
            holdIfAsked(windowsDone, dir);
            manifest.writeAtomically(dir);
            List<Path> deleted = store.retain(windowsDone, config.checkpoint().keep());
            policy.written(System.nanoTime());
            progress.line(String.format(Locale.ROOT, "checkpoint %s: %d files, %.1f MB, written in %.2f s%s",
                    dir.getFileName(), files.size(), manifest.totalBytes() / 1e6, seconds,
                    deleted.isEmpty() ? "" : "; removed " + deleted.stream().map(p -> p.getFileName().toString()).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete the checkpoint " + dir, e);
        }
    }

    private static void holdIfAsked(int windowsDone, Path dir) throws IOException {
        String hold = System.getProperty(HOLD_PROPERTY);
        if (hold == null || !hold.startsWith(windowsDone + ":")) {
            return;
        }
        Files.writeString(Path.of(hold.substring(hold.indexOf(':') + 1)), dir.toString());
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held before the manifest of " + dir, e);
        }
    }

    /** Ends a run stopped on request after {@code windowsDone} windows (its checkpoint is complete). */
    String stopped(int windowsDone) {
        try {
            outputs.close();
            StopRequest.clear(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.line(String.format(Locale.ROOT, "stopped on request after window %d/%d with checkpoint %s;"
                + " continue with: ./doka resume %s", windowsDone, config.windows().count(),
                store.dir(windowsDone), runDir));
        progress.close();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stopped", true);
        result.put("windowsDone", windowsDone);
        result.put("checkpoint", store.dir(windowsDone).toString());
        try {
            return new ObjectMapper().writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacks {filter vector, predictions, sim seconds} per member, analyses, writes the window. */
    double[] analyse(int window, double[] gathered, int dim, int p, long gatherStartNanos) {
        int stride = dim + p + 1;
        double[] natural = new double[members * dim];
        double[] predicted = new double[members * p];
        maxSimSeconds = 0;
        for (int m = 0; m < members; m++) {
            System.arraycopy(gathered, m * stride, natural, m * dim, dim);
            System.arraycopy(gathered, m * stride + dim, predicted, m * p, p);
            double sim = gathered[m * stride + dim + p];
            maxSimSeconds = Math.max(maxSimSeconds, sim);
            simSecondsTotal += sim;
        }
        if (prior == null) {
            prior = natural.clone();
        }
        long a0 = System.nanoTime();
        FilterDriver.Step step = driver.analyse(window, natural, predicted);
        long a1 = System.nanoTime();
        outputs.write(step);
        long a2 = System.nanoTime();
        analysisSeconds += (a1 - a0) * 1e-9;
        outputSeconds += (a2 - a1) * 1e-9;
        last = step.analysis();
        lastTruth = step.truth();
        int[] range = experiment.firstParameter() > 0 ? new int[] {0, experiment.firstParameter()} : new int[] {0, dim};
        windowScores.add(new double[] {step.rmse(step.forecast(), range[0], range[1]),
            step.rmse(step.analysis(), range[0], range[1]),
            EnsembleOps.spread(step.analysis(), members, dim, range[0], range[1])});
        return step.analysis();
    }

    /** Closes a window: overhead is the window's wall time beyond its slowest member's simulation. */
    void windowDone(int window, long windowStartNanos) {
        double wall = (System.nanoTime() - windowStartNanos) * 1e-9;
        overheadSeconds += Math.max(0, wall - maxSimSeconds);
        int done = window + 1;
        int total = config.windows().count();
        double elapsed = (System.nanoTime() - startNanos) * 1e-9;
        double eta = elapsed / (done - firstWindow) * (total - done);
        progress.window(String.format(Locale.ROOT,
                "window %d/%d | %s | members %.2f s (slowest) | analysis+output %.1f ms | elapsed %.0f s, ETA %.0f s",
                done, total, experiment.timeLabel(done), maxSimSeconds,
                1e3 * (analysisSeconds + outputSeconds) / (done - firstWindow), elapsed, eta), done == total);
    }

    /** Writes {@code summary.json} and returns it. */
    String finish() {
        try {
            outputs.close();
            StopRequest.clear(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double wall = (System.nanoTime() - startNanos) * 1e-9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", config.name());
        summary.put("members", members);
        summary.put("windows", config.windows().count());
        summary.put("wall_s", wall);
        summary.put("overhead_fraction", overheadSeconds / wall);
        summary.put("timing_s", Map.of("members_simulation_slowest_sum", wall - overheadSeconds,
                "members_simulation_total", simSecondsTotal, "analysis", analysisSeconds, "outputs", outputSeconds,
                "overhead", overheadSeconds));
        putScores(summary);
        summary.put("parameters", parameterSummary());
        String json;
        try {
            json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary);
            Files.writeString(runDir.resolve("summary.json"), json + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve("summary.json"), e);
        }
        progress.line(String.format(Locale.ROOT, "done in %.1f s; overhead %.2f %% of the wall time; outputs in %s",
                wall, 100 * overheadSeconds / wall, runDir));
        progress.close();
        return json;
    }

    /** Time-averaged state scores after the burn-in (state-estimation runs such as Lorenz-96). */
    private void putScores(Map<String, Object> summary) {
        if (experiment.firstParameter() == 0 || windowScores.isEmpty() || windowScores.get(0)[0] != windowScores.get(0)[0]) {
            return;
        }
        int burnIn = experiment.burnInWindows(windowScores.size());
        double[] sum = new double[3];
        for (int w = burnIn; w < windowScores.size(); w++) {
            for (int k = 0; k < 3; k++) {
                sum[k] += windowScores.get(w)[k];
            }
        }
        int count = windowScores.size() - burnIn;
        summary.put("burn_in", burnIn);
        summary.put("rmse_forecast", sum[0] / count);
        summary.put("rmse_analysis", sum[1] / count);
        summary.put("spread_analysis", sum[2] / count);
    }

    private Map<String, Object> parameterSummary() {
        Map<String, Object> out = new LinkedHashMap<>();
        String[] names = experiment.filterNames();
        int dim = names.length;
        for (int i = experiment.firstParameter(); i < dim; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            double priorMean = columnMean(prior, dim, i);
            double finalMean = columnMean(last, dim, i);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < members; m++) {
                min = Math.min(min, last[m * dim + i]);
                max = Math.max(max, last[m * dim + i]);
            }
            if (lastTruth != null) {
                p.put("truth", lastTruth[i]);
            }
            p.put("prior_mean", priorMean);
            if (lastTruth != null) {
                p.put("prior_rmse", Math.abs(priorMean - lastTruth[i]));
            }
            p.put("final_mean", finalMean);
            if (lastTruth != null) {
                p.put("final_rmse", Math.abs(finalMean - lastTruth[i]));
            }
            p.put("final_min", min);
            p.put("final_max", max);
            p.put("final_sd", columnSd(last, dim, i, finalMean));
            out.put(names[i], p);
        }
        return out;
    }

    /** Sample standard deviation (M − 1) of component i over the members. */
    private double columnSd(double[] e, int dim, int i, double mean) {
        double s = 0;
        for (int m = 0; m < members; m++) {
            s += (e[m * dim + i] - mean) * (e[m * dim + i] - mean);
        }
        return members > 1 ? Math.sqrt(s / (members - 1)) : 0;
    }

    private double columnMean(double[] e, int dim, int i) {
        double s = 0;
        for (int m = 0; m < members; m++) {
            s += e[m * dim + i];
        }
        return s / members;
    }
}
