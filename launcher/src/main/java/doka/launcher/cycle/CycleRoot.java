package doka.launcher.cycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import doka.enkf.FilterState;
import doka.launcher.checkpoint.CheckpointException;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.Manifest;
import doka.launcher.checkpoint.RootState;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.EnsembleConfig;

/**
 * What the analysis root does each window besides simulating its own member: analyses the gathered
 * reports, writes the window's outputs, reports progress, and completes checkpoints; at the end (or on
 * a stop request) it closes the outputs and returns the summary.
 */
final class CycleRoot {
    /** The root's result when the run stopped on request: JSON starting with this. */
    static final String STOPPED = "{\"stopped\"";

    private final EnsembleConfig config;
    private final Experiment experiment;
    private final Path runDir;
    private final FilterDriver driver;
    private final RunOutputs outputs;
    private final Progress progress;
    private final RunSummary summary;
    private final CheckpointWriter checkpoints;
    private final long startNanos = System.nanoTime();
    private final int firstWindow;

    /**
     * @param resumeDir a verified checkpoint to continue from (its CSV lengths were checked), or null
     */
    CycleRoot(EnsembleConfig config, Experiment experiment, Path runDir, byte[] experimentId, Path resumeDir,
            CheckpointWriter.HoldBeforeManifest hold) {
        this.config = config;
        this.experiment = experiment;
        this.runDir = runDir;
        this.driver = new FilterDriver(config, experiment);
        this.progress = new Progress(runDir.resolve("log.txt"), config.output().quiet());
        this.summary = new RunSummary(config.name(), config.members(), config.windows().count(), experiment.layout());
        this.checkpoints = new CheckpointWriter(config, runDir, experimentId, startNanos, progress, hold);
        if (resumeDir != null) {
            Manifest manifest = Manifest.read(resumeDir);
            RunOutputs.truncate(runDir, manifest.outputs());
            restore(resumeDir, manifest.windowsDone());
            this.firstWindow = manifest.windowsDone();
            this.outputs = new RunOutputs(runDir, experiment, config.members(), true);
            progress.line(String.format(Locale.ROOT, "run %s resumed from checkpoint %s (written %s): windows %d to %d",
                    config.name(), resumeDir.getFileName(), manifest.created(), firstWindow + 1,
                    config.windows().count()));
        } else {
            this.firstWindow = 0;
            this.outputs = new RunOutputs(runDir, experiment, config.members(), false);
            progress.line(String.format(Locale.ROOT, "run %s: %d members × %d rank(s), %d windows, %s filter",
                    config.name(), config.members(), config.ranksPerMember(), config.windows().count(),
                    config.filter().kind()));
        }
    }

    private void restore(Path dir, int windowsDone) {
        RootState s = checkpoints.readRoot(dir, windowsDone, experiment.layout().dim());
        try {
            driver.restore(FilterState.fromBytes(s.filterState()));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir.resolve(CheckpointStore.FILTER_FILE) + ": " + e.getMessage(), e);
        }
        experiment.observations().restoreState(s.observationState());
        summary.restore(s);
    }

    /** Whether to checkpoint (and stop) after {@code windowsDone} windows; see {@link CheckpointWriter#boundary}. */
    CheckpointWriter.Boundary boundary(int windowsDone) {
        return checkpoints.boundary(windowsDone);
    }

    /** Analyses the members' reports of {@code window}, writes the window's outputs; returns the analysis ensemble. */
    double[] analyse(int window, WindowCodec.Reports reports) {
        summary.forecast(reports.estimated(), reports.simSeconds());
        long a0 = System.nanoTime();
        FilterDriver.Step step = driver.analyse(window, reports.estimated(), reports.predicted());
        long a1 = System.nanoTime();
        outputs.write(step);
        long a2 = System.nanoTime();
        summary.analysis(step, (a1 - a0) * 1e-9, (a2 - a1) * 1e-9);
        return step.analysis();
    }

    /** Completes the checkpoint of {@code windowsDone} once every member's file is written (their digests, in member order). */
    void completeCheckpoint(int windowsDone, long[] memberDigests) {
        RootState state = new RootState(windowsDone, driver.state().toBytes(), config.members(),
                experiment.layout().dim(), summary.last(), experiment.observations().saveState(), summary.prior(),
                summary.lastTruth(), summary.windowScores());
        checkpoints.complete(windowsDone, memberDigests, state);
    }

    /** Closes a window: overhead is the window's wall time beyond its slowest member's simulation. */
    void windowDone(int window, long windowStartNanos) {
        summary.windowDone((System.nanoTime() - windowStartNanos) * 1e-9);
        int done = window + 1;
        int total = config.windows().count();
        double elapsed = (System.nanoTime() - startNanos) * 1e-9;
        double eta = elapsed / (done - firstWindow) * (total - done);
        progress.window(String.format(Locale.ROOT,
                "window %d/%d | %s | members %.2f s (slowest) | analysis+output %.1f ms | elapsed %.0f s, ETA %.0f s",
                done, total, experiment.layout().timeLabel().apply(done), summary.slowestSimSeconds(),
                1e3 * summary.analysisAndOutputSeconds() / (done - firstWindow), elapsed, eta), done == total);
    }

    /** Ends a run stopped on request after {@code windowsDone} windows (its checkpoint is complete). */
    String stopped(int windowsDone) {
        closeOutputs();
        progress.line(String.format(Locale.ROOT, "stopped on request after window %d/%d with checkpoint %s;"
                + " continue with: ./doka resume %s", windowsDone, config.windows().count(),
                checkpoints.dir(windowsDone), runDir));
        progress.close();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stopped", true);
        result.put("windowsDone", windowsDone);
        result.put("checkpoint", checkpoints.dir(windowsDone).toString());
        try {
            return new ObjectMapper().writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code summary.json} and returns it. */
    String finish() {
        closeOutputs();
        double wall = (System.nanoTime() - startNanos) * 1e-9;
        String json = summary.write(runDir, wall);
        progress.line(String.format(Locale.ROOT, "done in %.1f s; overhead %.2f %% of the wall time; outputs in %s",
                wall, 100 * summary.overheadSeconds() / wall, runDir));
        progress.close();
        return json;
    }

    private void closeOutputs() {
        try {
            outputs.close();
            StopRequest.clear(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
