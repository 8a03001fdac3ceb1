package doka.launcher.cycle;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import doka.enkf.AnalysisStats;
import doka.launcher.checkpoint.CheckpointException;

/**
 * The per-window files of a run directory, written by the analysis root: {@code parameters.csv} (the
 * parameter ensemble after each analysis, natural units), {@code diagnostics.csv} (the filter's
 * statistics), {@code observations.csv} (each observation beside the members' predictions) and
 * {@code replacements.csv} (each failed member replaced: window, member, reason, donor).
 */
public final class RunOutputs implements AutoCloseable {
    /** The files, whose lengths a checkpoint records so that a resume cuts them back to it. */
    public static final List<String> FILES = List.of("parameters.csv", "diagnostics.csv", "observations.csv",
            "replacements.csv");
    /** The file of replaced members. */
    public static final String REPLACEMENTS = "replacements.csv";

    private final BufferedWriter parameters;
    private final BufferedWriter diagnostics;
    private final BufferedWriter observations;
    private final BufferedWriter replacements;
    private final Experiment experiment;
    private final String[] names;
    private final int firstParameter;
    private final int rankCount;

    /** @param members the ensemble size: the rank histogram has {@code members + 1} columns, {@code rank_0 …} */
    public RunOutputs(Path runDir, Experiment experiment, int members, boolean append) {
        this.experiment = experiment;
        this.names = experiment.layout().names();
        this.firstParameter = experiment.layout().firstParameter();
        this.rankCount = members + 1;
        try {
            StringJoiner header = new StringJoiner(",", "window,member,", "");
            for (int i = firstParameter; i < names.length; i++) {
                header.add(names[i]);
            }
            parameters = open(runDir.resolve("parameters.csv"), header.toString(), append);
            diagnostics = open(runDir.resolve("diagnostics.csv"), "window,rmse_forecast,rmse_analysis,spread_forecast,"
                    + "spread_analysis,spread_rmse_ratio,innovation_mean,innovation_mean_square,"
                    + "expected_innovation_variance,normalized_innovation,observations_used,observations_rejected,"
                    + "inflation" + rankColumns(members), append);
            observations = open(runDir.resolve("observations.csv"),
                    "window,index,name,observed,error_variance,predicted_mean,predicted_sd", append);
            replacements = open(runDir.resolve(REPLACEMENTS), "window,member,reason,donor", append);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outputs in " + runDir, e);
        }
    }

    /** One column per rank of the truth among the members ({@code DiagnosticsCsv}'s layout too). */
    private static String rankColumns(int members) {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r <= members; r++) {
            s.append(",rank_").append(r);
        }
        return s.toString();
    }

    private static BufferedWriter open(Path file, String header, boolean append) throws IOException {
        boolean fresh = !append || !Files.exists(file);
        if (!fresh) {
            String written;
            try (var lines = Files.lines(file)) {
                written = lines.findFirst().orElse(header);
            }
            if (!written.equals(header)) {
                throw new IOException(file + ": its columns (" + written + ") are not the ones this version writes ("
                        + header + "); resume the run with the Doka version that started it, or start a new run");
            }
        }
        BufferedWriter w = fresh ? Files.newBufferedWriter(file)
                : Files.newBufferedWriter(file, StandardOpenOption.APPEND);
        if (fresh) {
            w.write(header);
            w.newLine();
            // a checkpoint records the file's length: the header counts before any line does
            w.flush();
        }
        return w;
    }

    /**
     * Cuts each output file back to the length a checkpoint recorded (the windows after it are
     * written again by the resumed run, identically). A file shorter than recorded lost lines the
     * run cannot write again.
     *
     * @throws CheckpointException naming the file and the lengths
     */
    public static void truncate(Path runDir, Map<String, Long> lengths) {
        check(runDir, lengths);
        for (Map.Entry<String, Long> e : lengths.entrySet()) {
            try (FileChannel ch = FileChannel.open(runDir.resolve(e.getKey()), StandardOpenOption.WRITE)) {
                ch.truncate(e.getValue());
                ch.force(true);
            } catch (IOException x) {
                throw new UncheckedIOException("cannot cut " + runDir.resolve(e.getKey()) + " back to "
                        + e.getValue() + " bytes", x);
            }
        }
    }

    /** Checks that every output file is at least as long as a checkpoint recorded. */
    public static void check(Path runDir, Map<String, Long> lengths) {
        for (Map.Entry<String, Long> e : lengths.entrySet()) {
            Path file = runDir.resolve(e.getKey());
            long size;
            try {
                size = Files.exists(file) ? Files.size(file) : -1;
            } catch (IOException x) {
                throw new UncheckedIOException("cannot read the size of " + file, x);
            }
            if (size < e.getValue()) {
                throw new CheckpointException(file + ": " + (size < 0 ? "missing" : size + " bytes") + ", but the"
                        + " checkpoint recorded " + e.getValue() + " bytes: the windows before the checkpoint are"
                        + " lost from it, so the run cannot continue exactly (start it again with ./doka run)");
            }
        }
    }

    /** The scored components: the model state when there is one, else the parameters. */
    private int[] scored() {
        return firstParameter > 0 ? new int[] {0, firstParameter} : new int[] {0, names.length};
    }

    /**
     * What {@link CollapseWatch} reads of a window, as {@code diagnostics.csv} holds it (6 significant digits, so a
     * resumed run, which reads the file back, sees the same numbers as the run that wrote it).
     */
    record Health(double normalizedInnovation, double spreadAnalysis) {
        static Health of(String diagnosticsLine) {
            String[] f = diagnosticsLine.split(",", -1);
            return new Health(parse(f[9]), parse(f[4]));
        }

        private static double parse(String v) {
            return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
        }
    }

    /** The health of every window in {@code runDir}'s {@code diagnostics.csv}, in window order. */
    static List<Health> health(Path runDir) {
        try {
            return Files.readAllLines(runDir.resolve("diagnostics.csv")).stream().skip(1).filter(l -> !l.isBlank())
                    .map(Health::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runDir.resolve("diagnostics.csv"), e);
        }
    }

    /** Writes one window's lines and flushes, so that a killed run keeps every finished window; returns its health. */
    public Health write(FilterDriver.Step s) {
        try {
            int n = names.length;
            int members = s.analysis().length / n;
            if (firstParameter < n) {
                for (int m = 0; m < members; m++) {
                    StringJoiner line = new StringJoiner(",", s.window() + "," + m + ",", "");
                    for (int i = firstParameter; i < n; i++) {
                        line.add(num(s.analysis()[m * n + i]));
                    }
                    parameters.write(line.toString());
                    parameters.newLine();
                }
            }
            int[] range = scored();
            double rmseF = s.rmse(s.forecast(), range[0], range[1]);
            double rmseA = s.rmse(s.analysis(), range[0], range[1]);
            double spreadF = doka.enkf.EnsembleOps.spread(s.forecast(), members, n, range[0], range[1]);
            double spreadA = doka.enkf.EnsembleOps.spread(s.analysis(), members, n, range[0], range[1]);
            AnalysisStats st = s.stats();
            StringBuilder ranks = new StringBuilder();
            if (s.truth() == null) {
                ranks.append(",".repeat(rankCount));
            } else {
                for (long c : s.rankHistogram(range[0], range[1])) {
                    ranks.append(',').append(c);
                }
            }
            String line = String.join(",", Integer.toString(s.window()), num(rmseF), num(rmseA), num(spreadF),
                    num(spreadA), num(spreadA / rmseA), num(st.innovationMean()), num(st.innovationMeanSquare()),
                    num(st.expectedInnovationVariance()), num(st.normalizedInnovation()),
                    Integer.toString(st.observationsUsed()), Integer.toString(st.observationsRejected()),
                    num(st.adaptiveInflation())) + ranks;
            diagnostics.write(line);
            diagnostics.newLine();
            for (int j = 0; j < s.observations().count(); j++) {
                double[] ms = s.predictedMeanSd(j);
                observations.write(String.join(",", Integer.toString(s.window()), Integer.toString(j),
                        experiment.observations().observationName(j), num(s.observations().values()[j]),
                        num(s.observations().variances()[j]), num(ms[0]), num(ms[1])));
                observations.newLine();
            }
            parameters.flush();
            diagnostics.flush();
            observations.flush();
            return Health.of(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outputs of window " + s.window(), e);
        }
    }

    /** Records that {@code member} failed in {@code window} for {@code reason} and took {@code donor}'s state. */
    void replaced(int window, int member, String reason, int donor) {
        try {
            replacements.write(window + "," + member + "," + reason + "," + donor);
            replacements.newLine();
            replacements.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the replacements of window " + window, e);
        }
    }

    /** The replaced members listed in {@code runDir}'s {@link #REPLACEMENTS}, as {@code {member, window, reason}}. */
    static List<Map<String, Object>> replaced(Path runDir) {
        Path file = runDir.resolve(REPLACEMENTS);
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            return Files.readAllLines(file).stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
                String[] f = l.split(",");
                Map<String, Object> r = new java.util.LinkedHashMap<>();
                r.put("member", Integer.parseInt(f[1]));
                r.put("window", Integer.parseInt(f[0]));
                r.put("reason", f[2]);
                return r;
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public void close() throws IOException {
        parameters.close();
        diagnostics.close();
        observations.close();
        replacements.close();
    }
}
