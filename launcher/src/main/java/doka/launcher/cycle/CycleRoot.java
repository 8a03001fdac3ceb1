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
import doka.launcher.config.EnsembleConfig;

/**
 * What the analysis root does besides the analysis: unpacks the gathered members, writes the
 * window's outputs, times each phase, reports progress, and writes {@code summary.json} at the end.
 */
final class CycleRoot {
    private final EnsembleConfig config;
    private final Experiment experiment;
    private final Path runDir;
    private final FilterDriver driver;
    private final RunOutputs outputs;
    private final Progress progress;
    private final int members;
    private final long startNanos = System.nanoTime();
    private final List<double[]> windowScores = new ArrayList<>();
    private double[] prior;
    private double[] last;
    private double[] lastTruth;
    private double maxSimSeconds;
    private double simSecondsTotal;
    private double analysisSeconds;
    private double outputSeconds;
    private double overheadSeconds;

    CycleRoot(EnsembleConfig config, Experiment experiment, Path runDir) {
        this.config = config;
        this.experiment = experiment;
        this.runDir = runDir;
        this.members = config.members();
        this.driver = new FilterDriver(config, experiment);
        this.outputs = new RunOutputs(runDir, experiment, false);
        this.progress = new Progress(runDir.resolve("log.txt"), config.output().quiet());
        progress.line(String.format(Locale.ROOT, "run %s: %d members × %d rank(s), %d windows, %s filter",
                config.name(), members, config.ranksPerMember(), config.windows().count(), config.filter().kind()));
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
        double eta = elapsed / done * (total - done);
        progress.window(String.format(Locale.ROOT,
                "window %d/%d | %s | members %.2f s (slowest) | analysis+output %.1f ms | elapsed %.0f s, ETA %.0f s",
                done, total, experiment.timeLabel(done), maxSimSeconds,
                1e3 * (analysisSeconds + outputSeconds) / done, elapsed, eta), done == total);
    }

    /** Writes {@code summary.json} and returns it. */
    String finish() {
        try {
            outputs.close();
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
            out.put(names[i], p);
        }
        return out;
    }

    private double columnMean(double[] e, int dim, int i) {
        double s = 0;
        for (int m = 0; m < members; m++) {
            s += e[m * dim + i];
        }
        return s / members;
    }
}
