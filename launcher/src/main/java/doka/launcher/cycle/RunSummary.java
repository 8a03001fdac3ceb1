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
    private final int membersPerRank;
    private double startupSeconds;
    private long checkpointBytes;
    private double checkpointSeconds;
    private List<String> warnings = List.of();

    /** @param membersPerRank members each task advances one after another: a task's window is the sum of theirs */
    RunSummary(String name, int members, int windows, FilterLayout layout, int membersPerRank) {
        this.name = name;
        this.members = members;
        this.windows = windows;
        this.layout = layout;
        this.membersPerRank = membersPerRank;
    }

    /** Seconds from the launch to the first window. */
    void startup(double seconds) {
        startupSeconds = seconds;
    }

    /** The checkpoints this process wrote: their bytes and seconds. */
    void checkpoints(long bytes, double seconds) {
        checkpointBytes = bytes;
        checkpointSeconds = seconds;
    }

    /** The collapse warnings of the run. */
    void warnings(List<String> w) {
        warnings = List.copyOf(w);
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

    /**
     * The members' simulation seconds of a window; the first window's forecast is the prior. A task advances its
     * members one after another, so the window's slowest is the task with the largest sum.
     */
    void forecast(double[] natural, double[] simSeconds) {
        if (prior == null) {
            prior = natural.clone();
        }
        slowestSimSeconds = 0;
        for (int first = 0; first < simSeconds.length; first += membersPerRank) {
            double task = 0;
            for (int m = first; m < Math.min(simSeconds.length, first + membersPerRank); m++) {
                task += simSeconds[m];
            }
            slowestSimSeconds = Math.max(slowestSimSeconds, task);
            simSecondsTotal += task;
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
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("startup", startupSeconds);
        timing.put("members_simulation_slowest_sum", wallSeconds - overheadSeconds);
        timing.put("members_simulation_total", simSecondsTotal);
        timing.put("analysis", analysisSeconds);
        timing.put("outputs", outputSeconds);
        timing.put("overhead", overheadSeconds);
        summary.put("timing_s", timing);
        summary.put("members_per_rank", membersPerRank);
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("bytes", checkpointBytes);
        checkpoint.put("seconds", checkpointSeconds);
        summary.put("checkpoint", checkpoint);
        summary.put("replaced_members", RunOutputs.replaced(runDir));
        summary.put("warnings", warnings);
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
