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
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
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
    /** More observed quantities than this are drawn as small multiples in one figure. */
    static final int MAX_SEPARATE_OBSERVATION_PLOTS = 8;
    /** Panels per row of the small multiples, and each panel's size. */
    static final int GRID_COLUMNS = 4;
    static final int PANEL_WIDTH = 260;
    static final int PANEL_HEIGHT = 200;
    /** Runs of more windows are drawn aggregated (diagnostics, parameters) or by their last windows (observations). */
    static final int LONG_RUN_WINDOWS = 300;
    /** Points a long run's lines are aggregated to. */
    static final int AGGREGATED_POINTS = 150;
    /** Windows of a long run whose observations are drawn. */
    static final int LAST_OBSERVED_WINDOWS = 60;

    /** One figure: a chart, or a grid of panels (small multiples), written as {@code file} at its size. */
    public record Figure(String file, String caption, JFreeChart chart, List<JFreeChart> panels, int widthPx,
            int heightPx) {
        static Figure single(String file, String caption, JFreeChart chart) {
            return new Figure(file, caption, chart, List.of(), WIDTH, HEIGHT);
        }
    }

    private final Path runDir;
    private final List<Figure> figures = new ArrayList<>();
    /** A calibration: the x axis counts iterations from the prior (0); a run: windows from 1, the prior at 0. */
    private final boolean calibration;
    private final String step;
    private final int offset;
    private JsonNode config = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

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

    /** The figures of the report of {@code runDir}, not written (for tests). */
    static List<Figure> figures(Path runDir) {
        ReportWriter w = new ReportWriter(runDir);
        w.makeFigures(w.readSummary());
        return w.figures;
    }

    private JsonNode readSummary() {
        System.setProperty("java.awt.headless", "true");
        Path cfg = runDir.resolve(calibration ? "calibration.json" : "config.json");
        try {
            if (Files.exists(cfg)) {
                config = new ObjectMapper().readTree(cfg.toFile());
            }
            return new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runDir.resolve("summary.json") + " (the run's summary)", e);
        }
    }

    private void makeFigures(JsonNode summary) {
        parameterFigures(summary);
        if (calibration) {
            misfitFigure();
            statisticFigures(summary);
        } else {
            errorFigure();
            rankHistogramFigure(summary);
            innovationFigure();
            observationFigures(estimatedScopes(summary));
            rasterFigure();
        }
    }

    private Path writeAll() {
        JsonNode summary = readSummary();
        makeFigures(summary);
        for (Figure f : figures) {
            if (f.panels().isEmpty()) {
                Charts.save(runDir.resolve(f.file()), f.chart(), f.widthPx(), f.heightPx());
            } else {
                saveGrid(runDir.resolve(f.file()), f.panels(), f.widthPx(), f.heightPx());
            }
        }
        Path html = runDir.resolve("report.html");
        try {
            Files.writeString(html, html(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + html, e);
        }
        return html;
    }

    /** The panels drawn into one PNG, {@value #GRID_COLUMNS} to a row. */
    private static void saveGrid(Path file, List<JFreeChart> panels, int width, int height) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < panels.size(); i++) {
            panels.get(i).setBackgroundPaint(Color.WHITE);
            panels.get(i).draw(g, new java.awt.geom.Rectangle2D.Double((i % GRID_COLUMNS) * PANEL_WIDTH,
                    (i / GRID_COLUMNS) * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT));
        }
        g.dispose();
        try {
            javax.imageio.ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** An axis of windows (or iterations) with integer ticks only. */
    static NumberAxis stepAxis(String label) {
        NumberAxis a = new NumberAxis(label);
        java.text.DecimalFormat whole = new java.text.DecimalFormat("0"); // 1940, not "1,940"
        org.jfree.chart.axis.TickUnits units = new org.jfree.chart.axis.TickUnits();
        for (long size = 1; size <= 100_000_000L; size *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                units.add(new org.jfree.chart.axis.NumberTickUnit(size * m, whole));
            }
        }
        a.setStandardTickUnits(units);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    /** Windows per aggregated point: 1 for a short run. */
    private static int blockOf(int steps) {
        return steps > LONG_RUN_WINDOWS ? (int) Math.ceil(steps / (double) AGGREGATED_POINTS) : 1;
    }

    private void parameterFigures(JsonNode summary) {
        Path file = runDir.resolve("parameters.csv");
        if (!Files.exists(file)) {
            return;
        }
        CsvTable t = CsvTable.read(file);
        for (int c = 2; c < t.header().size(); c++) {
            String name = t.header().get(c);
            if (name.isBlank() || t.rowCount() == 0) {
                continue;
            }
            JsonNode p = summary.path("parameters").path(name);
            JsonNode truth = p.path("truth");
            double[] prior = calibration ? null : prior(name, p);
            XYPlot plot = bands(t, c, name, truth.isNumber() ? truth.asDouble() : Double.NaN, 0, "truth", prior);
            save("parameter-" + name.replaceAll("[^A-Za-z0-9_@.-]+", "_"), // a region scope has a slash; model: paths a colon
                    new JFreeChart("Parameter " + name + (calibration ? " (ensemble per iteration)"
                    : " (prior at window 0, then the analysis ensemble)"), plot),
                    calibration ? "iteration 0 is the prior ensemble" : "window 0: the prior (mean and sd of the"
                            + " configuration's prior); window w: the analysis after window w");
        }
    }

    /** The prior's mean (the summary's, else the configuration's) and sd (the configuration's); null if unknown. */
    private double[] prior(String name, JsonNode summaryParameter) {
        for (JsonNode q : config.path("parameters")) {
            if (name.equals(q.path("name").asText())) {
                double mean = summaryParameter.path("prior_mean").asDouble(q.path("priorMean").asDouble(Double.NaN));
                double sd = q.path("priorSd").asDouble(Double.NaN);
                return Double.isNaN(mean) ? null : new double[] {mean, Double.isNaN(sd) ? 0 : sd};
            }
        }
        return summaryParameter.path("prior_mean").isNumber() ? new double[] {summaryParameter.path("prior_mean")
                .asDouble(), 0} : null;
    }

    /**
     * The ensemble of column {@code c} of a CSV keyed by (step, member) as mean ± sd and min–max bands per step, with
     * a marker at {@code mark} (NaN: none) and a band of ± {@code markSd} around it; {@code prior} (mean, sd), if not
     * null, is drawn at step 0. Long runs are decimated to every k-th step (and the last).
     */
    private XYPlot bands(CsvTable t, int c, String name, double mark, double markSd, String markLabel, double[] prior) {
        Map<Integer, List<Double>> byStep = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            byStep.computeIfAbsent(Integer.parseInt(t.field(r, 0)), w -> new ArrayList<>()).add(t.numberOrNaN(r, c));
        }
        YIntervalSeries sd = new YIntervalSeries("mean ± sd");
        YIntervalSeries range = new YIntervalSeries("min – max");
        if (prior != null) {
            sd.add(0, prior[0], prior[0] - prior[1], prior[0] + prior[1]);
            range.add(0, prior[0], prior[0] - prior[1], prior[0] + prior[1]);
        }
        int block = blockOf(byStep.size());
        int k = 0;
        for (Map.Entry<Integer, List<Double>> e : byStep.entrySet()) {
            if (k++ % block != 0 && k != byStep.size()) {
                continue;
            }
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
        NumberAxis y = Charts.axis(name);
        XYPlot plot = new XYPlot(data, stepAxis(step + (block > 1 ? " (every " + block + "th drawn)" : "")), y, renderer);
        if (!Double.isNaN(mark)) {
            ValueMarker marker = new ValueMarker(mark, Color.RED, new BasicStroke(2f));
            marker.setLabel(markLabel + " " + String.format(Locale.ROOT, "%.4g", mark));
            // Inside the plot, right-aligned just above the line: never cut by the plot's edge.
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            marker.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 6));
            marker.setLabelFont(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 12));
            plot.addRangeMarker(marker);
            if (markSd > 0) {
                for (double edge : new double[] {mark - markSd, mark + markSd}) {
                    plot.addRangeMarker(new ValueMarker(edge, Color.RED, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f)));
                }
            }
            org.jfree.data.Range r = org.jfree.data.general.DatasetUtils.findRangeBounds(data, true);
            includeWithMargin(y, r == null ? mark : r.getLowerBound(), r == null ? mark : r.getUpperBound(),
                    mark - markSd, mark + markSd);
        }
        return plot;
    }

    /** Sets the axis to hold the data and the marked values, with room above for a marker's label. */
    private static void includeWithMargin(NumberAxis y, double lo, double hi, double markLo, double markHi) {
        double a = Math.min(lo, markLo);
        double b = Math.max(hi, markHi);
        if (!(b > a)) {
            return;
        }
        double pad = 0.12 * (b - a);
        y.setRange(a - pad, b + pad);
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
        chart.getXYPlot().setDomainAxis(stepAxis("iteration"));
        chart.getXYPlot().setRangeAxis(new org.jfree.chart.axis.LogarithmicAxis("value (log)"));
        save("misfit", chart, "iteration 0 is the prior ensemble");
    }

    /** Each statistic's predicted ensemble per iteration against its target ± its total sd (error and noise). */
    private void statisticFigures(JsonNode summary) {
        CsvTable t = CsvTable.read(runDir.resolve("predictions.csv"));
        for (int c = 2; c < t.header().size(); c++) {
            String name = t.header().get(c);
            JsonNode s = summary.path("statistics").path(name);
            XYPlot plot = bands(t, c, name, s.path("target").asDouble(Double.NaN), s.path("sd").asDouble(0), "target",
                    null);
            save("statistic-" + name.replaceAll("[^A-Za-z0-9_-]+", "_"),
                    new JFreeChart("Statistic " + name + ": predicted ensemble and target ± sd", plot), "");
        }
    }

    /**
     * Column {@code column} of diagnostics.csv per window (window w of the file at w + 1), as block means for a long
     * run; an empty series when the column holds no number.
     */
    private static XYSeries perWindow(CsvTable t, String column, String label, int block) {
        XYSeries s = new XYSeries(label + (block > 1 ? " (mean of " + block + " windows)" : ""));
        int cw = t.column("window");
        int c = t.column(column);
        double sum = 0;
        double sumW = 0;
        int n = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            double v = t.numberOrNaN(r, c);
            if (!Double.isFinite(v)) {
                continue;
            }
            sum += v;
            sumW += t.numberOrNaN(r, cw) + 1;
            n++;
            if (n == block || r == t.rowCount() - 1) {
                s.add(sumW / n, sum / n);
                sum = 0;
                sumW = 0;
                n = 0;
            }
        }
        return s;
    }

    /** RMSE and spread of the forecast and the analysis per window, where the truth is known. */
    private void errorFigure() {
        CsvTable t = CsvTable.read(runDir.resolve("diagnostics.csv"));
        int block = blockOf(t.rowCount());
        XYSeries rf = perWindow(t, "rmse_forecast", "RMSE forecast", block);
        if (rf.getItemCount() == 0) {
            return; // no truth: no error to draw
        }
        saveWindowLines("rmse-spread", Charts.lines("RMSE and spread per window (truth known)", "window",
                "RMSE, spread", rf, perWindow(t, "rmse_analysis", "RMSE analysis", block),
                perWindow(t, "spread_forecast", "spread forecast", block),
                perWindow(t, "spread_analysis", "spread analysis", block)), block);
    }

    /** A line chart over windows: integer ticks, the palette's colours, a caption for a long run's blocks. */
    private void saveWindowLines(String name, JFreeChart chart, int block) {
        chart.getXYPlot().setDomainAxis(stepAxis("window"));
        for (int i = 0; i < chart.getXYPlot().getDataset().getSeriesCount(); i++) {
            // The palette, not JFreeChart's defaults (which include a pale yellow).
            chart.getXYPlot().getRenderer().setSeriesPaint(i, Charts.PALETTE[i % Charts.PALETTE.length]);
            chart.getXYPlot().getRenderer().setSeriesStroke(i, new BasicStroke(1.5f));
        }
        save(name, chart, block > 1 ? "long run: each point is the mean of " + block + " windows" : "");
    }

    /** The rank histogram summed over the windows after the burn-in: flat for a calibrated ensemble. */
    private void rankHistogramFigure(JsonNode summary) {
        CsvTable t = CsvTable.read(runDir.resolve("diagnostics.csv"));
        List<Integer> rankColumns = new ArrayList<>();
        for (int c = 0; c < t.header().size(); c++) {
            if (t.header().get(c).matches("rank_\\d+")) {
                rankColumns.add(c);
            }
        }
        if (rankColumns.isEmpty()) {
            return;
        }
        int burnIn = summary.path("burn_in").asInt(0);
        long[] counts = new long[rankColumns.size()];
        int windows = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.field(r, rankColumns.get(0)).isBlank() || Integer.parseInt(t.field(r, 0)) < burnIn) {
                continue;
            }
            for (int k = 0; k < counts.length; k++) {
                counts[k] += Long.parseLong(t.field(r, rankColumns.get(k)).trim());
            }
            windows++;
        }
        if (windows == 0) {
            return;
        }
        XYSeries s = new XYSeries("observations of this rank");
        long total = 0;
        for (int k = 0; k < counts.length; k++) {
            s.add(k, counts[k]);
            total += counts[k];
        }
        XYBarRenderer bars = new XYBarRenderer(0.1);
        bars.setShadowVisible(false);
        bars.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        bars.setSeriesPaint(0, Charts.PALETTE[0]);
        NumberAxis y = new NumberAxis("count");
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), stepAxis("rank of the observation among the members"), y,
                bars);
        ValueMarker flat = new ValueMarker(total / (double) counts.length, Color.RED, new BasicStroke(1.5f));
        flat.setLabel("flat");
        flat.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        flat.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(flat);
        y.setUpperMargin(0.15);
        plot.getDomainAxis().setRange(-0.5, counts.length - 0.5);
        save("rank-histogram", new JFreeChart("Rank histogram over " + windows + " windows" + (burnIn > 0
                ? " (after a burn-in of " + burnIn + ")" : ""), plot), "flat (red line) for an ensemble as spread as"
                        + " its error; U-shaped: too little spread; dome: too much");
    }

    private void innovationFigure() {
        CsvTable t = CsvTable.read(runDir.resolve("diagnostics.csv"));
        int block = blockOf(t.rowCount());
        saveWindowLines("innovations", Charts.lines("Innovation statistics per window", "window", "value",
                perWindow(t, "innovation_mean_square", "innovation mean square", block),
                perWindow(t, "expected_innovation_variance", "expected: HPHᵀ + R", block),
                perWindow(t, "innovation_mean", "innovation mean", block)), block);
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

    /** One observed quantity: observed ± its error sd, and the ensemble's mean ± sd, per time point. */
    private static final class Observed {
        final YIntervalSeries observed = new YIntervalSeries("observed ± error sd");
        final YIntervalSeries predicted = new YIntervalSeries("ensemble mean ± sd");
    }

    /**
     * Every observed quantity ("name@bin": bin b of window w at w + (b + 0.5)/bins, the window's span ending at its
     * analysis, w + 1): observed values with error bars beside the ensemble's band; the quantities of estimated areas
     * first. Up to {@value #MAX_SEPARATE_OBSERVATION_PLOTS} quantities get a figure each, more are small multiples in
     * one figure. A long run draws its last {@value #LAST_OBSERVED_WINDOWS} windows.
     */
    private void observationFigures(java.util.Set<String> firstScopes) {
        CsvTable t = CsvTable.read(runDir.resolve("observations.csv"));
        int cw = t.column("window");
        int cn = t.column("name");
        int co = t.column("observed");
        int ce = t.column("error_variance");
        int cp = t.column("predicted_mean");
        int cs = t.column("predicted_sd");
        Map<String, Integer> binsPerWindow = new LinkedHashMap<>();
        int lastWindow = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            String name = t.field(r, cn);
            int at = name.lastIndexOf('@');
            binsPerWindow.merge(at < 0 ? name : name.substring(0, at), at < 0 ? 1 : Integer.parseInt(name.substring(at
                    + 1)) + 1, Math::max);
            lastWindow = Math.max(lastWindow, Integer.parseInt(t.field(r, cw)));
        }
        int windows = lastWindow + 1;
        int from = windows > LONG_RUN_WINDOWS ? windows - LAST_OBSERVED_WINDOWS : 0;
        Map<String, Observed> groups = new LinkedHashMap<>();
        for (String q : binsPerWindow.keySet()) {
            if (firstScopes.contains(q)) {
                groups.put(q, new Observed());
            }
        }
        for (String q : binsPerWindow.keySet()) {
            groups.computeIfAbsent(q, k -> new Observed());
        }
        for (int r = 0; r < t.rowCount(); r++) {
            int w = Integer.parseInt(t.field(r, cw));
            if (w < from) {
                continue;
            }
            String name = t.field(r, cn);
            int at = name.lastIndexOf('@');
            String quantity = at < 0 ? name : name.substring(0, at);
            int bins = binsPerWindow.get(quantity);
            double x = at < 0 ? w + 1 : w + (Integer.parseInt(name.substring(at + 1)) + 0.5) / bins;
            double o = t.numberOrNaN(r, co);
            double e = Math.sqrt(Math.max(0, t.numberOrNaN(r, ce)));
            double p = t.numberOrNaN(r, cp);
            double s = t.numberOrNaN(r, cs);
            Observed g = groups.get(quantity);
            g.observed.add(x, o, o - e, o + e);
            g.predicted.add(x, p, p - s, p + s);
        }
        String span = from > 0 ? " (last " + LAST_OBSERVED_WINDOWS + " of " + windows + " windows)" : "";
        String caption = "observed values with error bars (± the observation error sd) and the ensemble's mean ± sd"
                + " band; the observations of window w lie between w and w + 1" + span;
        boolean grid = groups.size() > MAX_SEPARATE_OBSERVATION_PLOTS;
        List<JFreeChart> panels = new ArrayList<>();
        for (Map.Entry<String, Observed> g : groups.entrySet()) {
            JFreeChart chart = observedChart(g.getKey(), g.getValue(), grid, span);
            if (grid) {
                panels.add(chart);
            } else {
                save("observed-" + g.getKey().replaceAll("[^A-Za-z0-9_-]+", "_"), chart, caption);
            }
        }
        if (grid) {
            int rows = (panels.size() + GRID_COLUMNS - 1) / GRID_COLUMNS;
            figures.add(new Figure("fig-observed-all.png", "All " + panels.size() + " observed quantities: " + caption
                    + "; blue: ensemble, black: observed", null, panels, GRID_COLUMNS * PANEL_WIDTH, rows * PANEL_HEIGHT));
        }
    }

    private JFreeChart observedChart(String quantity, Observed g, boolean panel, String span) {
        YIntervalSeriesCollection predicted = new YIntervalSeriesCollection();
        predicted.addSeries(g.predicted);
        DeviationRenderer band = new DeviationRenderer(true, false);
        band.setSeriesPaint(0, new Color(0, 90, 180));
        band.setSeriesFillPaint(0, new Color(120, 160, 220));
        band.setAlpha(0.4f);
        YIntervalSeriesCollection observed = new YIntervalSeriesCollection();
        observed.addSeries(g.observed);
        XYErrorRenderer bars = new XYErrorRenderer();
        bars.setDrawXError(false);
        bars.setDefaultLinesVisible(false);
        bars.setDefaultShapesVisible(true);
        bars.setAutoPopulateSeriesShape(false);
        double d = panel ? 3 : 5;
        bars.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-d / 2, -d / 2, d, d));
        bars.setSeriesPaint(0, Color.BLACK);
        bars.setErrorPaint(Color.DARK_GRAY);
        bars.setCapLength(panel ? 2 : 4);
        XYPlot plot = new XYPlot(observed, stepAxis(panel ? "window" : "window" + span), Charts.axis(panel ? "" : quantity),
                bars);
        plot.setDataset(1, predicted);
        plot.setRenderer(1, band);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart(panel ? quantity : quantity + ": observed and predicted", panel
                ? new java.awt.Font("SansSerif", java.awt.Font.BOLD, 12) : JFreeChart.DEFAULT_TITLE_FONT, plot, !panel);
        if (panel) {
            java.awt.Font small = new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 9);
            plot.getDomainAxis().setTickLabelFont(small);
            plot.getDomainAxis().setLabelFont(small);
            plot.getRangeAxis().setTickLabelFont(small);
        }
        return chart;
    }

    private void rasterFigure() {
        Path file = runDir.resolve("raster-member0.csv");
        if (!Files.exists(file)) {
            return;
        }
        CsvTable t = CsvTable.read(file);
        String[] names = populationNames();
        int[] starts = populationStarts();
        XYSeriesCollection data = new XYSeriesCollection();
        List<XYSeries> byPopulation = new ArrayList<>();
        for (String n : names) {
            XYSeries s = new XYSeries(n, false, true);
            byPopulation.add(s);
            data.addSeries(s);
        }
        for (int r = 0; r < t.rowCount(); r++) {
            double neuron = t.numberOrNaN(r, 1);
            int p = 0;
            while (p + 1 < starts.length && neuron >= starts[p + 1]) {
                p++;
            }
            byPopulation.get(p).add(t.numberOrNaN(r, 0), neuron);
        }
        XYLineAndShapeRenderer dots = Charts.dots(1.2);
        for (int p = 0; p < names.length; p++) {
            dots.setSeriesPaint(p, names.length == 1 ? Color.BLACK : Charts.PALETTE[p % Charts.PALETTE.length]);
            dots.setLegendShape(p, new java.awt.geom.Rectangle2D.Double(-4, -4, 8, 8));
        }
        NumberAxis y = new NumberAxis(names.length > 1 ? "neuron (" + names[0] + " at the bottom)"
                : "neuron");
        XYPlot plot = new XYPlot(data, new NumberAxis("time (ms)"), y, dots);
        for (int p = 1; p < starts.length; p++) {
            plot.addRangeMarker(new ValueMarker(starts[p], Color.LIGHT_GRAY, new BasicStroke(0.8f)));
        }
        save("raster-member0", new JFreeChart("Raster of member 0 (last window)", plot), names.length > 1
                ? "coloured by population (" + String.join(", ", names) + "), grey lines between populations"
                : "one population per model not known to the report: neurons by index");
    }

    /** The populations of the run's model, in neuron order, where the report knows them (PD14); else one. */
    private String[] populationNames() {
        return "pd14".equals(config.path("model").path("kind").asText()) ? doka.engine.pd14.Pd14.POPULATIONS
                : new String[] {"spikes"};
    }

    /** The first neuron index of each population (PD14: sizes rounded from nScale, as the network is built). */
    private int[] populationStarts() {
        if (!"pd14".equals(config.path("model").path("kind").asText())) {
            return new int[] {0};
        }
        double nScale = config.path("model").path("nScale").asDouble(1);
        int[] starts = new int[doka.engine.pd14.Pd14.FULL_SIZE.length];
        for (int p = 1; p < starts.length; p++) {
            starts[p] = starts[p - 1] + (int) Math.round(doka.engine.pd14.Pd14.FULL_SIZE[p - 1] * nScale);
        }
        return starts;
    }

    private void save(String name, JFreeChart chart, String caption) {
        figures.add(Figure.single("fig-" + name + ".png", caption, chart));
    }

    private String html(JsonNode summary) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Doka run ")
                .append(escape(summary.path("name").asText())).append("</title>\n<style>body{font-family:sans-serif;max-width:900px;"
                        + "margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right}img{max-width:100%;height:auto}figcaption{color:#444;font-size:90%}pre{white-space:pre-wrap}</style></head><body>\n<h1>Doka ").append(calibration ? "calibration " : "run ")
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
        String verdict = calibration ? "" : doka.launcher.command.TwinVerdict.describe(summary);
        if (!verdict.isEmpty()) {
            List<String> lines = verdict.stripTrailing().lines().toList();
            b.append("<h2>Twin verdict</h2>\n<p class=\"verdict\"><strong>").append(escape(lines.get(lines.size() - 1)))
                    .append("</strong></p>\n<pre>").append(escape(String.join("\n", lines.subList(0, lines.size() - 1))))
                    .append("</pre>\n");
        }
        settings(b);
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
        for (Figure f : figures) {
            b.append("<figure><img src=\"").append(f.file()).append("\" alt=\"").append(f.file()).append("\" width=\"")
                    .append(f.widthPx()).append("\" height=\"").append(f.heightPx()).append("\">");
            if (!f.caption().isEmpty()) {
                b.append("<figcaption>").append(escape(f.caption())).append("</figcaption>");
            }
            b.append("</figure>\n");
        }
        b.append("<h2>Data</h2>\n<ul>\n");
        for (String f : dataFiles()) {
            b.append("<li><a href=\"").append(f).append("\">").append(escape(f)).append("</a></li>\n");
        }
        b.append("</ul>\n</body></html>\n");
        return b.toString();
    }

    /** The filter's settings from the run's configuration (a calibration's: its method's). */
    private void settings(StringBuilder b) {
        JsonNode f = calibration ? config : config.path("filter");
        if (!f.isObject() || f.size() == 0) {
            return;
        }
        b.append("<h2>").append(calibration ? "Calibration settings" : "Filter settings").append("</h2>\n<table>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isContainerNode() && calibration) {
                continue;
            }
            b.append("<tr><th>").append(escape(e.getKey())).append("</th><td>").append(escape(e.getValue().isNull() ? "–"
                    : e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (!calibration) {
            b.append(String.format(Locale.ROOT, "<p>%d members, windows of %s ms.</p>%n", config.path("members").asInt(),
                    config.path("windows").path("lengthMs").asText("–")));
        }
    }

    /** Every data file of the run directory (CSV, JSON, the log), sorted. */
    private List<String> dataFiles() {
        try (java.util.stream.Stream<Path> s = Files.list(runDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv") || n.endsWith(".json")
                    || n.equals("log.txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runDir, e);
        }
    }

    private static String cell(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "<td>%.4g</td>", n.asDouble()) : "<td>–</td>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
