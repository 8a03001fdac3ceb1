package doka.launcher.calibrate;

import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import doka.enkf.Calibration;
import doka.enkf.CalibrationStep;
import doka.enkf.EnsembleOps;
import doka.enkf.EnsembleSmoother;
import doka.enkf.FilterRandom;
import doka.enkf.ForwardModel;
import doka.enkf.ParameterTransform;
import doka.enkf.RandomStream;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.Priors;
import doka.launcher.cycle.FilterLayout;
import doka.launcher.cycle.ParameterSummary;
import doka.launcher.cycle.Progress;
import doka.launcher.cycle.WindowCodec;

/**
 * What world rank 0 does in a calibration besides running its own member: the iterations of
 * {@code doka.enkf.Calibrator} with the forward runs done by the members: after each evaluated ensemble it records
 * the diagnostics, applies the stopping rule, updates the ensemble in the parameters' transformed space
 * ({@link EnsembleSmoother#update}, perturbations of iteration i from {@code derive(FILTER.seed(seed), i)}), writes
 * the iteration's outputs and progress, and checkpoints. The same seed gives {@code Calibrator}'s numbers.
 */
final class CalibrationRoot {
    /** The next ensemble to evaluate, or stop. */
    record Next(double[] ensemble, boolean stop) {
    }

    private final CalibrateConfig config;
    private final Path runDir;
    private final int n;
    private final int d;
    private final int p;
    private final FilterLayout layout;
    private final double[] alpha;
    private CalibrationRun.Targets targets;
    private double[] replicates;
    private final CalibrationOutputs outputs;
    private final Progress progress;
    private final CalibrationCheckpoints checkpoints;
    private final long startNanos = System.nanoTime();
    /** Where the iterations' clock starts, for the ETA: after the targets' phase. */
    private long iterationsNanos = startNanos;
    private final int firstIteration;
    private State state;
    private double[] predictions;
    private double slowestSum;
    private double simTotal;
    private boolean stoppedEarly;
    private boolean stoppedOnRequest;

    /**
     * The smoother's state between iterations: the ensemble to evaluate next (physical, N×d), the prior, the steps so
     * far and the forward runs done. It is what a checkpoint holds.
     */
    record State(int iterationsDone, double[] ensemble, double[] prior, List<CalibrationStep> steps, int runs) {
        void write(DataOutputStream out) throws IOException {
            out.writeInt(iterationsDone);
            doubles(out, ensemble);
            doubles(out, prior);
            out.writeInt(steps.size());
            for (CalibrationStep s : steps) {
                out.writeInt(s.iteration());
                out.writeDouble(s.alpha());
                out.writeDouble(s.misfit());
                out.writeDouble(s.spread());
                doubles(out, s.mean());
                doubles(out, s.sd());
            }
            out.writeInt(runs);
        }

        static State read(DataInputStream in) throws IOException {
            int done = in.readInt();
            double[] ensemble = doubles(in);
            double[] prior = doubles(in);
            int count = in.readInt();
            List<CalibrationStep> steps = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                steps.add(new CalibrationStep(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), doubles(in),
                        doubles(in)));
            }
            return new State(done, ensemble, prior, steps, in.readInt());
        }

        private static void doubles(DataOutputStream out, double[] v) throws IOException {
            out.writeInt(v.length);
            for (double x : v) {
                out.writeDouble(x);
            }
        }

        private static double[] doubles(DataInputStream in) throws IOException {
            double[] v = new double[in.readInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readDouble();
            }
            return v;
        }
    }

    /** @param resumeFrom a verified checkpoint directory's name in {@code runDir/checkpoints}, or null */
    CalibrationRoot(CalibrateConfig config, Path runDir, String resumeFrom) {
        this.config = config;
        this.runDir = runDir;
        this.n = config.members();
        this.d = config.parameters().size();
        this.p = ForwardModels.statistics(config).size();
        ParameterTransform[] transforms = Priors.transforms(config.parameters());
        this.layout = new FilterLayout(config.parameterNames(), transforms, 0, 0, i -> "iteration " + i);
        this.alpha = config.calibration().inflation();
        if (Files.exists(runDir.resolve(CalibrationRun.TARGETS))) {
            this.targets = CalibrationRun.readTargets(runDir, ForwardModels.statistics(config));
        }
        this.progress = new Progress(runDir.resolve("log.txt"), config.output().quiet());
        this.checkpoints = new CalibrationCheckpoints(config, runDir, progress);
        if (resumeFrom != null) {
            var found = checkpoints.restore(resumeFrom);
            state = found.state();
            outputs = new CalibrationOutputs(runDir, config, found.outputs());
            progress.line(String.format(Locale.ROOT, "calibration %s resumed from checkpoint %s: iterations %d to %d",
                    config.name(), resumeFrom, state.iterationsDone(), alpha.length));
        } else {
            double[] prior = new double[n * d];
            for (int m = 0; m < n; m++) {
                System.arraycopy(Priors.sample(config.parameters(), transforms, config.seed(), m), 0, prior, m * d, d);
            }
            state = new State(0, prior, prior, List.of(), 0);
            outputs = new CalibrationOutputs(runDir, config, null);
            progress.line(String.format(Locale.ROOT, "calibration %s: %d members on %d ranks, %s, %d iterations, %d"
                    + " statistics", config.name(), n, config.rankCount(), config.method().kind(), alpha.length, p));
        }
        this.firstIteration = state.iterationsDone();
    }

    /** Whether the targets are still to be made (a fresh start): the truth run and the replicate runs. */
    boolean needsTargets() {
        return targets == null;
    }

    /** Takes round k of the replicate runs (replicate k·N + m from member m; members beyond R report nothing). */
    void replicates(int round, double[] predicted) {
        int r0 = round * n;
        int count = Math.min(n, config.noise().replicates() - r0);
        if (replicates == null) {
            replicates = new double[config.noise().replicates() * p];
        }
        System.arraycopy(predicted, 0, replicates, r0 * p, count * p);
    }

    /**
     * Makes the targets and writes {@value CalibrationRun#TARGETS}: the twin's truth run (here, seed
     * {@code derive(TRUTH.seed(seed), 0)}) or the given values, each statistic's error variance, and its noise: the
     * sample variance (R − 1) over the replicate runs, as {@code Calibrator.replicateVariance} computes it.
     */
    void makeTargets(ForwardModel model, double seconds) {
        double[] noise = new double[p];
        int r = config.noise().replicates();
        if (r > 0) {
            fillUndefined(replicates, r, "the replicate runs");
            double[] mean = EnsembleOps.mean(replicates, r, p, new double[p]);
            EnsembleOps.anomalies(replicates, r, p, mean, replicates);
            noise = EnsembleOps.columnVariance(replicates, r, p, new double[p]);
            progress.line(String.format(Locale.ROOT, "noise of the statistics: %d replicate runs at the prior mean on %d"
                    + " ranks in %.1f s", r, config.rankCount(), seconds));
        }
        targets = CalibrationRun.writeTargets(runDir, config, model, noise);
        iterationsNanos = System.nanoTime();
    }

    /**
     * A statistic a run cannot define (NaN: a failed timescale fit, the CV of a silent area) takes the mean of the
     * runs that define it, so that run adds nothing to that statistic's covariances; said in the log. Fewer than two
     * runs that define a statistic is an error naming it.
     */
    private void fillUndefined(double[] rows, int count, String where) {
        List<String> names = ForwardModels.statistics(config);
        int filled = 0;
        for (int j = 0; j < p; j++) {
            double sum = 0;
            int defined = 0;
            for (int m = 0; m < count; m++) {
                double v = rows[m * p + j];
                if (Double.isFinite(v)) {
                    sum += v;
                    defined++;
                }
            }
            if (defined == count) {
                continue;
            }
            if (defined < 2) {
                throw new IllegalStateException(where + ": statistic '" + names.get(j) + "' is undefined (NaN) in "
                        + (count - defined) + " of " + count + " runs; at least 2 must define it (a silent or"
                        + " unfittable area: change the protocol or the priors)");
            }
            for (int m = 0; m < count; m++) {
                if (!Double.isFinite(rows[m * p + j])) {
                    rows[m * p + j] = sum / defined;
                    filled++;
                }
            }
        }
        if (filled > 0) {
            progress.line(String.format(Locale.ROOT, "%s: %d undefined statistic value(s) took the mean of the runs"
                    + " that define them", where, filled));
        }
    }

    int firstIteration() {
        return firstIteration;
    }

    /** The ensemble to evaluate next (physical). */
    double[] ensemble() {
        return state.ensemble();
    }

    /** Takes iteration i's reports; returns the next ensemble, or stop. */
    Next iteration(int i, WindowCodec.Reports reports) {
        predictions = reports.predicted();
        fillUndefined(predictions, n, "iteration " + i);
        double slowest = 0;
        for (double s : reports.simSeconds()) {
            slowest = Math.max(slowest, s);
            simTotal += s;
        }
        slowestSum += slowest;
        double[] physical = state.ensemble();
        double misfit = EnsembleSmoother.misfit(predictions, n, p, targets.values(), targets.variance());
        double[] filter = layout.toFilter(physical);
        List<CalibrationStep> steps = new ArrayList<>(state.steps());
        boolean last = i == alpha.length;
        Calibration c = config.calibration();
        if (!last && i > 0 && misfit > (1 - c.stopTolerance()) * steps.get(i - 1).misfit()) {
            last = true;
            stoppedEarly = true;
        }
        CalibrationStep step = CalibrationStep.of(i, last ? Double.NaN : alpha[i], misfit, physical, filter, n, d);
        steps.add(step);
        outputs.write(step, physical, predictions);
        double[] next = physical;
        if (!last) {
            double[] updated = EnsembleSmoother.update(filter, n, d, predictions, p, targets.values(), targets.variance(),
                    alpha[i], null, new FilterRandom(FilterRandom.derive(RandomStream.FILTER.seed(c.seed()), i)));
            next = layout.toPhysical(updated);
        }
        state = new State(i + 1, next, state.prior(), List.copyOf(steps), state.runs() + n);
        progress(i, step, slowest, last);
        if (last) {
            return new Next(next, true);
        }
        boolean stop = StopRequest.requested(runDir);
        if (stop || checkpoints.due(i + 1)) {
            checkpoints.write(state, outputs);
        }
        stoppedOnRequest = stop;
        return new Next(next, stop);
    }

    private void progress(int i, CalibrationStep s, double slowest, boolean last) {
        int done = i + 1;
        int total = alpha.length + 1;
        double elapsed = (System.nanoTime() - startNanos) * 1e-9;
        double eta = last ? 0 : (System.nanoTime() - iterationsNanos) * 1e-9 / (done - firstIteration) * (total - done);
        StringBuilder params = new StringBuilder();
        String[] names = config.parameterNames();
        for (int k = 0; k < d; k++) {
            params.append(String.format(Locale.ROOT, " | %s %.4g ± %.3g", names[k], s.mean()[k], s.sd()[k]));
        }
        progress.window(String.format(Locale.ROOT,
                "iteration %d/%d | χ²/dof %.4g | spread %.3g%s | members %.2f s (slowest) | elapsed %.1f s, ETA %.1f s%s",
                i, alpha.length, s.misfit(), s.spread(), params, slowest, elapsed, eta,
                last && stoppedEarly ? " | the misfit stopped falling" : ""), true);
    }

    /** Closes the outputs; writes {@code summary.json}, the fitted parameters and, for a cortex, the fitted model file. */
    String finish(ForwardModel model) {
        outputs.close();
        try {
            StopRequest.clear(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double wall = (System.nanoTime() - startNanos) * 1e-9;
        if (stoppedOnRequest) {
            progress.line(String.format(Locale.ROOT, "stopped on request after iteration %d; continue with: ./doka"
                    + " resume %s", state.iterationsDone() - 1, runDir));
            progress.close();
            return "{\"stopped\": true, \"iterationsDone\": " + state.iterationsDone() + "}";
        }
        String json = CalibrationSummary.write(runDir, config, state, predictions, targets, stoppedEarly, wall,
                slowestSum, simTotal, model);
        progress.line(String.format(Locale.ROOT, "done in %.1f s (%d forward runs); outputs in %s", wall, state.runs(),
                runDir));
        progress.close();
        return json;
    }

    /** The iteration CSVs: {@code iterations.csv}, {@code parameters.csv}, {@code predictions.csv}. */
    static final class CalibrationOutputs {
        static final List<String> FILES = List.of("iterations.csv", "parameters.csv", "predictions.csv");
        private final BufferedWriter iterations;
        private final BufferedWriter parameters;
        private final BufferedWriter predictions;
        private final int n;
        private final int d;
        private final int p;

        /** @param lengths the files' lengths at the checkpoint to continue from (truncated to them), or null: new files */
        CalibrationOutputs(Path runDir, CalibrateConfig config, Map<String, Long> lengths) {
            this.n = config.members();
            this.d = config.parameters().size();
            List<String> stats = ForwardModels.statistics(config);
            this.p = stats.size();
            String[] names = config.parameterNames();
            StringBuilder it = new StringBuilder("iteration,alpha,misfit,spread");
            for (String name : names) {
                it.append(',').append(name).append("_mean,").append(name).append("_sd");
            }
            if (lengths != null) {
                doka.launcher.cycle.RunOutputs.truncate(runDir, lengths);
            }
            try {
                iterations = open(runDir.resolve(FILES.get(0)), it.toString(), lengths != null);
                parameters = open(runDir.resolve(FILES.get(1)), "iteration,member," + String.join(",", names),
                        lengths != null);
                predictions = open(runDir.resolve(FILES.get(2)), "iteration,member," + String.join(",", stats),
                        lengths != null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the outputs in " + runDir, e);
            }
        }

        private static BufferedWriter open(Path file, String header, boolean append) throws IOException {
            BufferedWriter w = Files.newBufferedWriter(file, StandardOpenOption.CREATE, append
                    ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            if (!append) {
                w.write(header);
                w.newLine();
            }
            return w;
        }

        void write(CalibrationStep s, double[] physical, double[] g) {
            try {
                StringBuilder line = new StringBuilder().append(s.iteration()).append(',').append(s.alpha()).append(',')
                        .append(s.misfit()).append(',').append(s.spread());
                for (int k = 0; k < d; k++) {
                    line.append(',').append(s.mean()[k]).append(',').append(s.sd()[k]);
                }
                iterations.write(line.toString());
                iterations.newLine();
                rows(parameters, s.iteration(), physical, d);
                rows(predictions, s.iteration(), g, p);
                flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the outputs of iteration " + s.iteration(), e);
            }
        }

        private void rows(BufferedWriter w, int iteration, double[] values, int cols) throws IOException {
            for (int m = 0; m < n; m++) {
                StringBuilder line = new StringBuilder().append(iteration).append(',').append(m);
                for (int k = 0; k < cols; k++) {
                    line.append(',').append(values[m * cols + k]);
                }
                w.write(line.toString());
                w.newLine();
            }
        }

        void flush() throws IOException {
            iterations.flush();
            parameters.flush();
            predictions.flush();
        }

        void close() {
            try {
                iterations.close();
                parameters.close();
                predictions.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** For the summary: the truth of each parameter (physical) in a twin, else null. */
    static double[] truth(CalibrateConfig config) {
        if (config.targets().truth() == null) {
            return null;
        }
        String[] names = config.parameterNames();
        double[] t = new double[names.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = config.targets().truth().get(names[k]);
        }
        return t;
    }

    /** {@code summary.json}: the run, the per-iteration misfit and spread, statistics against targets, parameters. */
    static final class CalibrationSummary {
        private CalibrationSummary() {
        }

        static String write(Path runDir, CalibrateConfig config, State state, double[] predictions,
                CalibrationRun.Targets targets, boolean stoppedEarly, double wall, double slowestSum, double simTotal,
                ForwardModel model) {
            int n = config.members();
            List<String> stats = ForwardModels.statistics(config);
            int p = stats.size();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", config.name());
            s.put("members", n);
            s.put("method", config.method().kind());
            s.put("iterations", state.steps().size() - 1);
            s.put("stopped_early", stoppedEarly);
            s.put("forward_runs", state.runs());
            s.put("wall_s", wall);
            s.put("overhead_fraction", Math.max(0, wall - slowestSum) / wall);
            s.put("timing_s", Map.of("members_slowest_sum", slowestSum, "members_total", simTotal));
            List<Map<String, Object>> its = new ArrayList<>();
            for (CalibrationStep st : state.steps()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("iteration", st.iteration());
                m.put("alpha", Double.isNaN(st.alpha()) ? null : st.alpha());
                m.put("misfit", st.misfit());
                m.put("spread", st.spread());
                its.add(m);
            }
            s.put("per_iteration", its);
            double[] mean = EnsembleOps.mean(predictions, n, p, new double[p]);
            Map<String, Object> st = new LinkedHashMap<>();
            for (int j = 0; j < p; j++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("target", targets.values()[j]);
                m.put("sd", Math.sqrt(targets.variance()[j]));
                m.put("final_mean", mean[j]);
                st.put(stats.get(j), m);
            }
            s.put("statistics", st);
            s.put("parameters", ParameterSummary.block(config.parameterNames(), 0, n, state.prior(), state.ensemble(),
                    truth(config)));
            ObjectMapper json = new ObjectMapper();
            try {
                String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(s);
                Files.writeString(runDir.resolve("summary.json"), text + "\n");
                Map<String, Object> fitted = new LinkedHashMap<>();
                fitted.put("model", config.model());
                fitted.put("protocol", config.protocol());
                Map<String, Double> values = new LinkedHashMap<>();
                double[] fm = EnsembleOps.mean(state.ensemble(), n, config.parameters().size(),
                        new double[config.parameters().size()]);
                for (int k = 0; k < fm.length; k++) {
                    values.put(config.parameterNames()[k], fm[k]);
                }
                fitted.put("parameters", values);
                Files.writeString(runDir.resolve(CalibrationRun.FITTED), json.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(fitted) + "\n");
                if (model instanceof CortexForwardModel cortex) {
                    Files.writeString(runDir.resolve(CalibrationRun.FITTED_MODEL), json.writerWithDefaultPrettyPrinter()
                            .writeValueAsString(cortex.fittedModel(fm)) + "\n");
                }
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the summary in " + runDir, e);
            }
        }
    }
}
