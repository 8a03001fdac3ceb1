package doka.launcher.cycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import doka.enkf.EnsembleOps;
import doka.launcher.checkpoint.RootState;

/**
 * What {@code summary.json} reports, gathered window by window on the analysis root: where the
 * time went (the members' simulation, the analysis, the outputs, the rest as overhead), the prior
 * and final parameter ensembles against the truth, and time-averaged state scores. The ensembles and
 * scores travel in checkpoints, so a resumed run reports the same.
 */
final class RunSummary {
    private final String name;
    private final int members;
    private final int windows;
    private final FilterLayout layout;
    private final List<double[]> windowScores = new ArrayList<>();
    private double[] prior;
    private double[] last;
    private double[] lastTruth;
    private double slowestSimSeconds;
    private double simSecondsTotal;
    private double analysisSeconds;
    private double outputSeconds;
    private double overheadSeconds;

    RunSummary(String name, int members, int windows, FilterLayout layout) {
        this.name = name;
        this.members = members;
        this.windows = windows;
        this.layout = layout;
    }

    /** Continues from a checkpoint's root state. */
    void restore(RootState s) {
        prior = s.prior();
        last = s.ensemble();
        lastTruth = s.lastTruth();
        windowScores.addAll(s.windowScores());
    }

    double[] prior() {
        return prior;
    }

    double[] last() {
        return last;
    }

    double[] lastTruth() {
        return lastTruth;
    }

    List<double[]> windowScores() {
        return windowScores;
    }

    /** The members' simulation seconds of a window; the first window's forecast is the prior. */
    void forecast(double[] natural, double[] simSeconds) {
        if (prior == null) {
            prior = natural.clone();
        }
        slowestSimSeconds = 0;
        for (double s : simSeconds) {
            slowestSimSeconds = Math.max(slowestSimSeconds, s);
            simSecondsTotal += s;
        }
    }

    /** The analysis of a window, and the seconds its analysis and outputs took. */
    void analysis(FilterDriver.Step step, double analysisS, double outputS) {
        analysisSeconds += analysisS;
        outputSeconds += outputS;
        last = step.analysis();
        lastTruth = step.truth();
        int dim = layout.dim();
        int first = layout.firstParameter();
        int from = 0;
        int to = first > 0 ? first : dim;
        windowScores.add(new double[] {step.rmse(step.forecast(), from, to), step.rmse(step.analysis(), from, to),
            EnsembleOps.spread(step.analysis(), members, dim, from, to)});
    }

    /** Closes a window of {@code wallSeconds}: what its slowest member did not take is overhead. */
    void windowDone(double wallSeconds) {
        overheadSeconds += Math.max(0, wallSeconds - slowestSimSeconds);
    }

    double slowestSimSeconds() {
        return slowestSimSeconds;
    }

    double analysisAndOutputSeconds() {
        return analysisSeconds + outputSeconds;
    }

    double overheadSeconds() {
        return overheadSeconds;
    }

    /** Writes {@code summary.json} into {@code runDir} and returns it. */
    String write(Path runDir, double wallSeconds) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", name);
        summary.put("members", members);
        summary.put("windows", windows);
        summary.put("wall_s", wallSeconds);
        summary.put("overhead_fraction", overheadSeconds / wallSeconds);
        summary.put("timing_s", Map.of("members_simulation_slowest_sum", wallSeconds - overheadSeconds,
                "members_simulation_total", simSecondsTotal, "analysis", analysisSeconds, "outputs", outputSeconds,
                "overhead", overheadSeconds));
        putScores(summary);
        summary.put("parameters", parameters());
        Path file = runDir.resolve("summary.json");
        try {
            String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary);
            Files.writeString(file, json + "\n");
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Time-averaged state scores after the burn-in (state-estimation runs such as Lorenz-96). */
    private void putScores(Map<String, Object> summary) {
        if (layout.firstParameter() == 0 || windowScores.isEmpty() || Double.isNaN(windowScores.get(0)[0])) {
            return;
        }
        int burnIn = layout.burnInWindows();
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

    /** Per parameter: the truth, the prior and final means, their errors, and the final spread and range. */
    private Map<String, Object> parameters() {
        return ParameterSummary.block(layout.names(), layout.firstParameter(), members, prior, last, lastTruth);
    }
}
