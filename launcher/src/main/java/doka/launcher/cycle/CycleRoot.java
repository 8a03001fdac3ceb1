package doka.launcher.cycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
import doka.launcher.mpi.EnsembleLayout;

/**
 * What the analysis root does each window besides simulating its own members: finds the failed members
 * and their donors ({@link MemberFaults}), analyses the gathered reports, watches for a collapsed filter
 * ({@link CollapseWatch}), writes the window's outputs, reports progress, and completes checkpoints; at
 * the end (or on a stop) it closes the outputs and returns the summary.
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
    private final MemberFaults faults;
    private final CollapseWatch collapse;
    private final long startNanos = System.nanoTime();
    private final int firstWindow;
    private int[] donors;
    /** Why the run stops (too many failed members, a collapse), or null for a stop request. */
    private String stopReason;

    /**
     * @param resumeDir a verified checkpoint to continue from (its CSV lengths were checked), or null
     */
    CycleRoot(EnsembleConfig config, Experiment experiment, Path runDir, byte[] experimentId, Path resumeDir,
            CheckpointWriter.HoldBeforeManifest hold, EnsembleLayout ranks, long launchEpochMs) {
        this.config = config;
        this.experiment = experiment;
        this.runDir = runDir;
        this.driver = new FilterDriver(config, experiment);
        this.faults = new MemberFaults(config, experiment.layout());
        this.collapse = new CollapseWatch(config.faults());
        this.progress = new Progress(runDir.resolve("log.txt"), config.output().quiet());
        this.summary = new RunSummary(config.name(), config.members(), config.windows().count(), experiment.layout(),
                ranks.membersPerRank());
        this.checkpoints = new CheckpointWriter(config, runDir, experimentId, startNanos, progress, hold);
        if (resumeDir != null) {
            Manifest manifest = Manifest.read(resumeDir);
            RunOutputs.truncate(runDir, manifest.outputs());
            restore(resumeDir, manifest.windowsDone());
            this.firstWindow = manifest.windowsDone();
            this.outputs = new RunOutputs(runDir, experiment, config.members(), true);
            collapse.replay(RunOutputs.health(runDir));
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
        double startup = (System.currentTimeMillis() - launchEpochMs) * 1e-3;
        summary.startup(startup);
        progress.line(String.format(Locale.ROOT, "%d task(s) of %d rank(s), %d member(s) each; started in %.1f s",
                ranks.tasks(), ranks.ranksPerMember(), ranks.membersPerRank(), startup));
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

    /**
     * The root's part of {@code window}: finds the failed members (more than {@code faults.maxFailedShare}: the run
     * stops), analyses with each failed member's donor standing in for it, draws the failed members' new parameters,
     * writes the window's outputs, checks for a collapse, and decides on a checkpoint; returns every member's
     * directive, packed.
     */
    double[] window(int window, WindowCodec.Reports reports, WindowCodec codec) {
        List<MemberFaults.Failure> failed = faults.detect(reports);
        donors = new int[config.members()];
        Arrays.fill(donors, WindowCodec.NO_DONOR);
        if (faults.tooMany(failed.size())) {
            stopReason = String.format(Locale.ROOT, "%d of %d members failed in window %d, more than"
                    + " faults.maxFailedShare = %.3g of them: %s", failed.size(), config.members(), window,
                    faults.maxFailedShare(), failed.stream().map(f -> "member " + f.member() + " " + f.reason()
                            + " (" + f.detail() + ")").toList());
            return codec.packDirectives(new double[config.members() * experiment.layout().dim()], false, true);
        }
        if (!failed.isEmpty()) {
            donors = faults.donors(failed);
            reports = MemberFaults.standIn(reports, donors);
        }
        summary.forecast(reports.estimated(), reports.simSeconds());
        long a0 = System.nanoTime();
        FilterDriver.Step step = driver.analyse(window, reports.estimated(), reports.predicted());
        if (!failed.isEmpty()) {
            faults.drawParameters(step.analysis(), window, donors);
        }
        long a1 = System.nanoTime();
        RunOutputs.Health health = outputs.write(step);
        for (MemberFaults.Failure f : failed) {
            outputs.replaced(window, f.member(), f.reason(), donors[f.member()]);
            progress.line(String.format(Locale.ROOT, "window %d: member %d failed (%s: %s); replaced by the state of"
                    + " member %d with parameters drawn from the analysis ensemble", window, f.member(), f.reason(),
                    f.detail(), donors[f.member()]));
        }
        long a2 = System.nanoTime();
        summary.analysis(step, (a1 - a0) * 1e-9, (a2 - a1) * 1e-9);
        String warning = collapse.check(window, health);
        boolean stop = false;
        if (warning != null) {
            progress.line("warning: " + warning + (collapse.stops() ? "; the run stops (faults.onCollapse = stop)" : ""));
            if (collapse.stops()) {
                stopReason = warning;
                stop = true;
            }
        }
        CheckpointWriter.Boundary b = checkpoints.boundary(window + 1, stop);
        return codec.packDirectives(step.analysis(), b.checkpoint(), b.stop(), donors);
    }

    /** Each member's donor in the window just analysed ({@link WindowCodec#NO_DONOR}: not replaced). */
    int[] donors() {
        return donors;
    }

    /**
     * Completes the checkpoint of {@code windowsDone} once every member's file is written (their digests, in member
     * order); {@code secondsBefore}: what the run already waited for it (the snapshots, the member files).
     */
    void completeCheckpoint(int windowsDone, long[] memberDigests, double secondsBefore) {
        checkpoints.complete(windowsDone, memberDigests, secondsBefore);
    }

    /** Takes the root's state at the end of window {@code windowsDone} for its checkpoint (completed later). */
    void captureCheckpoint(int windowsDone) {
        checkpoints.capture(windowsDone, new RootState(windowsDone, driver.state().toBytes(), config.members(),
                experiment.layout().dim(), summary.last(), experiment.observations().saveState(), summary.prior(),
                summary.lastTruth(), new java.util.ArrayList<>(summary.windowScores())));
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

    /**
     * Ends a run stopped after {@code windowsDone} windows: on request or on a collapse, with the checkpoint of
     * {@code windowsDone}; on too many failed members, without one (the newest complete checkpoint stays).
     */
    String stopped(int windowsDone) {
        closeOutputs();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stopped", true);
        boolean failedMembers = stopReason != null && !java.nio.file.Files.exists(checkpoints.dir(windowsDone));
        Path checkpoint = failedMembers ? newestCheckpoint() : checkpoints.dir(windowsDone);
        int done = failedMembers ? (checkpoint == null ? 0 : CheckpointStore.windowOf(checkpoint)) : windowsDone;
        progress.line(String.format(Locale.ROOT, "stopped%s after window %d/%d with checkpoint %s;"
                + " continue with: ./doka resume %s", stopReason == null ? " on request" : ": " + stopReason,
                done, config.windows().count(), checkpoint, runDir));
        progress.close();
        result.put("windowsDone", done);
        result.put("checkpoint", String.valueOf(checkpoint));
        if (stopReason != null) {
            result.put("reason", stopReason);
        }
        try {
            return new ObjectMapper().writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path newestCheckpoint() {
        CheckpointStore.Found found = new CheckpointStore(runDir).newestValid(warning -> { }, false);
        return found == null ? null : found.dir();
    }

    /** Writes {@code summary.json} and returns it. */
    String finish() {
        closeOutputs();
        double wall = (System.nanoTime() - startNanos) * 1e-9;
        summary.checkpoints(checkpoints.totalBytes(), checkpoints.totalSeconds());
        summary.warnings(collapse.warnings());
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
