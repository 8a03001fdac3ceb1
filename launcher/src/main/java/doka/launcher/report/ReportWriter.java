package doka.launcher.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.observation.io.CsvTable;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Writes {@code report.html} and its PNG figures from a finished run directory: parameter
 * trajectories with spread bands (and the truth in twins), innovation statistics, observations
 * beside the ensemble's predictions (e.g. rates per area), and a raster of one member when the run
 * recorded one ({@code raster-member0.csv}). A calibration's run directory ({@code iterations.csv}) gets the same
 * parameter figures over iterations, the misfit and spread per iteration, and each statistic's ensemble against its
 * target.
 */
public final class ReportWriter {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 360;
    private static final int MAX_OBSERVATION_PLOTS = 8;

    private final Path runDir;
    private final List<String> figures = new ArrayList<>();
    /** A calibration: the x axis counts iterations from the prior (0), not windows from 1. */
    private final boolean calibration;
    private final String step;
    private final int offset;

    private ReportWriter(Path runDir) {
        this.runDir = runDir;
        this.calibration = Files.exists(runDir.resolve("iterations.csv"));
        this.step = calibration ? "iteration" : "window";
        this.offset = calibration ? 0 : 1;
    }

    /** Writes the report of {@code runDir}; returns the path of {@code report.html}. */
    public static Path write(Path runDir) {
        return new ReportWriter(runDir).writeAll();
    }

    private Path writeAll() {
        System.setProperty("java.awt.headless", "true");
        JsonNode summary;
        try {
            summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runDir.resolve("summary.json"), e);
        }
        parameterFigures(summary);
        if (calibration) {
            misfitFigure();
            statisticFigures(summary);
        } else {
            innovationFigure();
            observationFigures(estimatedScopes(summary));
            rasterFigure();
        }
        Path html = runDir.resolve("report.html");
        try {
            Files.writeString(html, html(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + html, e);
        }
        return html;
    }

    private void parameterFigures(JsonNode summary) {
        Path file = runDir.resolve("parameters.csv");
        if (!Files.exists(file)) {
            return;
        }
        CsvTable t = CsvTable.read(file);
        for (int c = 2; c < t.header().size(); c++) {
            String name = t.header().get(c);
            JsonNode truth = summary.path("parameters").path(name).path("truth");
            XYPlot plot = bands(t, c, name, truth.isNumber() ? truth.asDouble() : Double.NaN, 0, "truth");
            save("parameter-" + name, new JFreeChart("Parameter " + name + (calibration ? " (ensemble per iteration)"
                    : " (analysis ensemble)"), plot));
        }
    }

    /**
     * The ensemble of column {@code c} of a CSV keyed by (step, member) as mean ± sd and min–max bands per step, with
     * a marker at {@code mark} (NaN: none) and a band of ± {@code markSd} around it.
     */
    private XYPlot bands(CsvTable t, int c, String name, double mark, double markSd, String markLabel) {
        Map<Integer, List<Double>> byStep = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            byStep.computeIfAbsent(Integer.parseInt(t.field(r, 0)), w -> new ArrayList<>()).add(t.numberOrNaN(r, c));
        }
        YIntervalSeries sd = new YIntervalSeries("mean ± sd");
        YIntervalSeries range = new YIntervalSeries("min – max");
        for (Map.Entry<Integer, List<Double>> e : byStep.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            double s = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1));
            double w = e.getKey() + offset;
            sd.add(w, mean, mean - s, mean + s);
            range.add(w, mean, java.util.Arrays.stream(v).min().orElse(mean), java.util.Arrays.stream(v).max().orElse(mean));
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(sd);
        data.addSeries(range);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(0, 90, 180));
        renderer.setSeriesFillPaint(0, new Color(0, 90, 180));
        renderer.setSeriesPaint(1, new Color(0, 90, 180, 0));
        renderer.setSeriesFillPaint(1, new Color(120, 160, 220));
        renderer.setAlpha(0.35f);
        XYPlot plot = new XYPlot(data, new NumberAxis(step), Charts.axis(name), renderer);
        if (!Double.isNaN(mark)) {
            ValueMarker marker = new ValueMarker(mark, Color.RED, new BasicStroke(2f));
            marker.setLabel(markLabel + " " + String.format(Locale.ROOT, "%.4g", mark));
            plot.addRangeMarker(marker);
            if (markSd > 0) {
                for (double edge : new double[] {mark - markSd, mark + markSd}) {
                    plot.addRangeMarker(new ValueMarker(edge, Color.RED, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f)));
                }
            }
        }
        return plot;
    }

    /** A calibration's misfit χ²/dof and spread per iteration (log scale). */
    private void misfitFigure() {
        CsvTable t = CsvTable.read(runDir.resolve("iterations.csv"));
        XYSeries misfit = new XYSeries("misfit χ²/dof of the mean prediction");
        XYSeries spread = new XYSeries("spread (transformed space)");
        for (int r = 0; r < t.rowCount(); r++) {
            double i = t.numberOrNaN(r, t.column("iteration"));
            misfit.add(i, t.numberOrNaN(r, t.column("misfit")));
            spread.add(i, t.numberOrNaN(r, t.column("spread")));
        }
        JFreeChart chart = Charts.lines("Misfit and spread per iteration", "iteration", "value", misfit, spread);
        chart.getXYPlot().setRangeAxis(new org.jfree.chart.axis.LogarithmicAxis("value (log)"));
        save("misfit", chart);
    }

    /** Each statistic's predicted ensemble per iteration against its target ± its total sd (error and noise). */
    private void statisticFigures(JsonNode summary) {
        CsvTable t = CsvTable.read(runDir.resolve("predictions.csv"));
        for (int c = 2; c < t.header().size(); c++) {
            String name = t.header().get(c);
            JsonNode s = summary.path("statistics").path(name);
            XYPlot plot = bands(t, c, name, s.path("target").asDouble(Double.NaN), s.path("sd").asDouble(0), "target");
            save("statistic-" + name.replaceAll("[^A-Za-z0-9_-]+", "_"),
                    new JFreeChart("Statistic " + name + ": predicted ensemble and target ± sd", plot));
        }
    }

    private void innovationFigure() {
        CsvTable t = CsvTable.read(runDir.resolve("diagnostics.csv"));
        XYSeries ms = new XYSeries("innovation mean square");
        XYSeries expected = new XYSeries("expected: HPHᵀ + R");
        XYSeries mean = new XYSeries("innovation mean");
        int cw = t.column("window");
        int cms = t.column("innovation_mean_square");
        int ce = t.column("expected_innovation_variance");
        int cm = t.column("innovation_mean");
        for (int r = 0; r < t.rowCount(); r++) {
            double w = t.numberOrNaN(r, cw) + 1;
            ms.add(w, t.numberOrNaN(r, cms));
            expected.add(w, t.numberOrNaN(r, ce));
            mean.add(w, t.numberOrNaN(r, cm));
        }
        save("innovations", Charts.lines("Innovation statistics per window", "window", "value", ms, expected, mean));
    }

    /** The areas (or hemispheres) that scoped parameters name ("g_E@MOp-L" → "MOp-L"): their figures come first. */
    private static java.util.Set<String> estimatedScopes(JsonNode summary) {
        java.util.Set<String> scopes = new java.util.LinkedHashSet<>();
        summary.path("parameters").fieldNames().forEachRemaining(n -> {
            if (n.contains("@")) {
                scopes.add(n.substring(n.indexOf('@') + 1));
            }
        });
        return scopes;
    }

    /**
     * Observed values beside the ensemble mean prediction, per observed quantity ("name@bin"): the
     * quantities of estimated areas first, then others, {@value #MAX_OBSERVATION_PLOTS} at most.
     */
    private void observationFigures(java.util.Set<String> firstScopes) {
        CsvTable t = CsvTable.read(runDir.resolve("observations.csv"));
        int cw = t.column("window");
        int cn = t.column("name");
        int co = t.column("observed");
        int cp = t.column("predicted_mean");
        Map<String, XYSeries[]> groups = new LinkedHashMap<>();
        Map<String, Integer> binsPerWindow = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String name = t.field(r, cn);
            int at = name.lastIndexOf('@');
            String quantity = at < 0 ? name : name.substring(0, at);
            int bin = at < 0 ? 0 : Integer.parseInt(name.substring(at + 1));
            binsPerWindow.merge(quantity, bin + 1, Math::max);
            if (!groups.containsKey(quantity) && groups.size() >= MAX_OBSERVATION_PLOTS - firstScopes.size()
                    && !firstScopes.contains(quantity)) {
                continue;
            }
            XYSeries[] s = groups.computeIfAbsent(quantity, q -> new XYSeries[] {new XYSeries("observed"),
                new XYSeries("ensemble mean prediction")});
            double x = Integer.parseInt(t.field(r, cw)) + (at < 0 ? 1 : (bin + 0.5) / 64.0);
            s[0].add(x, t.numberOrNaN(r, co));
            s[1].add(x, t.numberOrNaN(r, cp));
        }
        for (Map.Entry<String, XYSeries[]> g : groups.entrySet()) {
            int bins = binsPerWindow.get(g.getKey());
            XYSeries[] s = rescale(g.getValue(), bins);
            save("observed-" + g.getKey().replaceAll("[^A-Za-z0-9_-]+", "_"),
                    Charts.lines(g.getKey() + ": observed and predicted", "window", g.getKey(), s[0], s[1]));
        }
    }

    /** Places bin b of window w at w + (b + 0.5)/bins on the time axis. */
    private static XYSeries[] rescale(XYSeries[] s, int bins) {
        XYSeries[] out = new XYSeries[s.length];
        for (int k = 0; k < s.length; k++) {
            out[k] = new XYSeries(s[k].getKey(), false, true);
            for (int i = 0; i < s[k].getItemCount(); i++) {
                double x = s[k].getX(i).doubleValue();
                double window = Math.floor(x);
                double bin = Math.round((x - window) * 64.0 - 0.5);
                out[k].add(bins > 1 ? window + (bin + 0.5) / bins : x, s[k].getY(i));
            }
        }
        return out;
    }

    private void rasterFigure() {
        Path file = runDir.resolve("raster-member0.csv");
        if (!Files.exists(file)) {
            return;
        }
        CsvTable t = CsvTable.read(file);
        XYSeries spikes = new XYSeries("spikes", false, true);
        for (int r = 0; r < t.rowCount(); r++) {
            spikes.add(t.numberOrNaN(r, 0), t.numberOrNaN(r, 1));
        }
        XYLineAndShapeRenderer dots = Charts.dots(1.2);
        dots.setSeriesPaint(0, Color.BLACK);
        XYPlot plot = new XYPlot(new XYSeriesCollection(spikes), new NumberAxis("time (ms)"), new NumberAxis("neuron"), dots);
        save("raster-member0", new JFreeChart("Raster of member 0 (last window)", plot));
    }

    private void save(String name, JFreeChart chart) {
        String file = "fig-" + name + ".png";
        Charts.save(runDir.resolve(file), chart, WIDTH, HEIGHT);
        figures.add(file);
    }

    private String html(JsonNode summary) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Doka run ")
                .append(escape(summary.path("name").asText())).append("</title>\n<style>body{font-family:sans-serif;max-width:900px;"
                        + "margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right}</style></head><body>\n<h1>Doka ").append(calibration ? "calibration " : "run ")
                .append(escape(summary.path("name").asText())).append("</h1>\n");
        if (calibration) {
            b.append(String.format(Locale.ROOT, "<p>Calibration (%s): %d members, %d iterations%s, %d forward runs,"
                    + " %.1f s wall time, %.2f %% outside the members' runs.</p>%n", escape(summary.path("method").asText()),
                    summary.path("members").asInt(), summary.path("iterations").asInt(),
                    summary.path("stopped_early").asBoolean() ? " (stopped early: the misfit stopped falling)" : "",
                    summary.path("forward_runs").asInt(), summary.path("wall_s").asDouble(),
                    100 * summary.path("overhead_fraction").asDouble()));
            b.append("<h2>Iterations</h2>\n<table><tr><th>iteration</th><th>α</th><th>χ²/dof</th><th>spread</th></tr>\n");
            for (JsonNode it : summary.path("per_iteration")) {
                b.append("<tr><td>").append(it.path("iteration").asInt()).append("</td>").append(cell(it.path("alpha")))
                        .append(cell(it.path("misfit"))).append(cell(it.path("spread"))).append("</tr>\n");
            }
            b.append("</table>\n<h2>Statistics against targets</h2>\n<table><tr><th>statistic</th><th>target</th>"
                    + "<th>sd</th><th>final mean prediction</th><th>difference / sd</th></tr>\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = summary.path("statistics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode st = e.getValue();
                b.append("<tr><td>").append(escape(e.getKey())).append("</td>").append(cell(st.path("target")))
                        .append(cell(st.path("sd"))).append(cell(st.path("final_mean")))
                        .append(String.format(Locale.ROOT, "<td>%.2f</td></tr>%n", (st.path("final_mean").asDouble()
                                - st.path("target").asDouble()) / st.path("sd").asDouble()));
            }
            b.append("</table>\n");
        } else {
            b.append(String.format(Locale.ROOT, "<p>%d members, %d windows, %.1f s wall time, %.2f %% outside the members'"
                    + " simulation.</p>%n", summary.path("members").asInt(), summary.path("windows").asInt(),
                    summary.path("wall_s").asDouble(), 100 * summary.path("overhead_fraction").asDouble()));
        }
        if (summary.has("rmse_analysis")) {
            b.append(String.format(Locale.ROOT, "<p>State estimation after a burn-in of %d windows: analysis RMSE %.4f,"
                    + " spread %.4f, forecast RMSE %.4f.</p>%n", summary.path("burn_in").asInt(),
                    summary.path("rmse_analysis").asDouble(), summary.path("spread_analysis").asDouble(),
                    summary.path("rmse_forecast").asDouble()));
        }
        JsonNode params = summary.path("parameters");
        if (params.size() > 0) {
            b.append("<h2>Parameters</h2>\n<table><tr><th>name</th><th>truth</th><th>prior mean</th><th>prior error</th>"
                    + "<th>final mean</th><th>final sd</th><th>final error</th><th>final range</th></tr>\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode p = e.getValue();
                b.append("<tr><td>").append(escape(e.getKey())).append("</td>")
                        .append(cell(p.path("truth"))).append(cell(p.path("prior_mean"))).append(cell(p.path("prior_rmse")))
                        .append(cell(p.path("final_mean"))).append(cell(p.path("final_sd"))).append(cell(p.path("final_rmse")))
                        .append(String.format(Locale.ROOT, "<td>%.4g – %.4g</td></tr>%n", p.path("final_min").asDouble(),
                                p.path("final_max").asDouble()));
            }
            b.append("</table>\n");
        }
        b.append("<h2>Figures</h2>\n");
        for (String f : figures) {
            b.append("<p><img src=\"").append(f).append("\" alt=\"").append(f).append("\" width=\"").append(WIDTH)
                    .append("\"></p>\n");
        }
        b.append(calibration
                ? "<p>Data: iterations.csv, parameters.csv, predictions.csv, targets.csv, summary.json, fitted.json,"
                        + " calibration.json, log.txt.</p>\n</body></html>\n"
                : "<p>Data: parameters.csv, diagnostics.csv, observations.csv, summary.json, config.json, log.txt.</p>\n"
                        + "</body></html>\n");
        return b.toString();
    }

    private static String cell(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "<td>%.4g</td>", n.asDouble()) : "<td>–</td>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
