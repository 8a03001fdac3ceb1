package doka.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report's figures, inspected as JFreeChart objects, and its HTML, on a run directory written by hand. */
class TestReportWriter {
    private static Map<String, ReportWriter.Figure> byFile(Path dir) {
        return ReportWriter.figures(dir).stream().collect(Collectors.toMap(ReportWriter.Figure::file, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static List<Double> xs(XYDataset d, int series) {
        List<Double> x = new ArrayList<>();
        for (int i = 0; i < d.getItemCount(series); i++) {
            x.add(d.getXValue(series, i));
        }
        return x;
    }

    /** Draws the chart, then asserts that its domain axis ticks on whole steps only. */
    private static void assertIntegerTicks(JFreeChart chart, String what) {
        chart.createBufferedImage(800, 360);
        NumberAxis x = (NumberAxis) chart.getXYPlot().getDomainAxis();
        double unit = x.getTickUnit().getSize();
        assertTrue(unit >= 1 && unit == Math.rint(unit), what + ": tick unit " + unit);
        assertEquals("1940", x.getTickUnit().valueToString(1940), what + ": no grouping in window numbers");
    }

    @Test
    void parameterPlotStartsAtThePriorAndSharesTheWindowNumbering(@TempDir Path dir) throws IOException {
        Map<String, ReportWriter.Figure> f = byFile(ReportFixture.write(dir, 5, 3, true));
        XYPlot p = f.get("fig-parameter-g.png").chart().getXYPlot();
        assertEquals("window", p.getDomainAxis().getLabel());
        assertEquals("g", p.getRangeAxis().getLabel());
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), xs(p.getDataset(), 0), "the prior at 0, window w's analysis at w + 1");
        IntervalXYDataset bands = (IntervalXYDataset) p.getDataset();
        assertEquals(ReportFixture.PRIOR_MEAN, bands.getYValue(0, 0), 1e-12);
        assertEquals(ReportFixture.PRIOR_MEAN + ReportFixture.PRIOR_SD, bands.getEndYValue(0, 0), 1e-12);
        assertIntegerTicks(f.get("fig-parameter-g.png").chart(), "parameter");
        // The diagnostics' window w is drawn at w + 1 as well: the same numbering.
        XYPlot rmse = f.get("fig-rmse-spread.png").chart().getXYPlot();
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), xs(rmse.getDataset(), 0));
        assertIntegerTicks(f.get("fig-rmse-spread.png").chart(), "rmse");
        assertIntegerTicks(f.get("fig-innovations.png").chart(), "innovations");
    }

    @Test
    void theTruthIsInsideTheAxisAndItsLabelInsideThePlot(@TempDir Path dir) throws IOException {
        XYPlot p = byFile(ReportFixture.write(dir, 5, 3, true)).get("fig-parameter-g.png").chart().getXYPlot();
        java.util.Collection<?> markers = p.getRangeMarkers(Layer.FOREGROUND);
        assertNotNull(markers);
        ValueMarker truth = (ValueMarker) markers.iterator().next();
        assertEquals(ReportFixture.TRUTH, truth.getValue());
        assertEquals("truth 2.000", truth.getLabel());
        assertEquals(RectangleAnchor.TOP_RIGHT, truth.getLabelAnchor(), "anchored inside the right edge, not cut by it");
        // The members lie near 0.9–1.0; the truth at 2 must still be on the axis, with room above for its label.
        assertTrue(p.getRangeAxis().getRange().getUpperBound() > ReportFixture.TRUTH + 0.05, p.getRangeAxis().getRange()
                .toString());
        assertTrue(p.getRangeAxis().getRange().getLowerBound() < 0.9, p.getRangeAxis().getRange().toString());
    }

    @Test
    void rmseSpreadAndRankHistogramComeFromTheDiagnostics(@TempDir Path dir) throws IOException {
        Map<String, ReportWriter.Figure> f = byFile(ReportFixture.write(dir, 5, 3, true));
        XYPlot rmse = f.get("fig-rmse-spread.png").chart().getXYPlot();
        assertEquals(List.of("RMSE forecast", "RMSE analysis", "spread forecast", "spread analysis"),
                keys(rmse.getDataset()));
        assertEquals(0.2, rmse.getDataset().getYValue(1, 0), 1e-12);
        XYPlot rank = f.get("fig-rank-histogram.png").chart().getXYPlot();
        // 4 windows after the burn-in of 1, each 1;2;3;4.
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), xs(rank.getDataset(), 0));
        assertEquals(4 * 4.0, rank.getDataset().getYValue(0, 3), 1e-12);
        assertTrue(f.get("fig-rank-histogram.png").chart().getTitle().getText().contains("burn-in of 1"));
        Marker flat = rank.getRangeMarkers(Layer.FOREGROUND).iterator().next();
        assertEquals(4 * 10 / 4.0, ((ValueMarker) flat).getValue(), 1e-12);
    }

    @Test
    void noRmseFigureWithoutTheTruth(@TempDir Path dir) throws IOException {
        Map<String, ReportWriter.Figure> f = byFile(ReportFixture.write(dir, 5, 3, false));
        assertFalse(f.containsKey("fig-rmse-spread.png"), f.keySet().toString());
        assertTrue(f.containsKey("fig-rank-histogram.png"));
    }

    @Test
    void fewObservedQuantitiesGetAFigureEachWithErrorBarsAndTheEnsembleBand(@TempDir Path dir) throws IOException {
        Map<String, ReportWriter.Figure> f = byFile(ReportFixture.write(dir, 5, 3, true));
        for (int q = 0; q < 3; q++) {
            XYPlot p = f.get("fig-observed-area" + q + ".png").chart().getXYPlot();
            IntervalXYDataset obs = (IntervalXYDataset) p.getDataset(0);
            IntervalXYDataset band = (IntervalXYDataset) p.getDataset(1);
            assertEquals("observed ± error sd", obs.getSeriesKey(0));
            assertEquals("ensemble mean ± sd", band.getSeriesKey(0));
            assertEquals(10, obs.getItemCount(0), "2 bins × 5 windows");
            assertEquals(0.25, obs.getXValue(0, 0), 1e-12, "bin 0 of window 0 at 0.25");
            assertEquals(5.0 + q - 0.5, obs.getStartYValue(0, 0), 1e-12, "error bar: ± sqrt(0.25)");
            assertEquals(5.1 + q + 0.1, band.getEndYValue(0, 0), 1e-12, "band: ± predicted sd");
            assertInstanceOf(org.jfree.chart.renderer.xy.XYErrorRenderer.class, p.getRenderer(0));
            assertEquals("area" + q, p.getRangeAxis().getLabel());
        }
    }

    @Test
    void manyObservedQuantitiesAreAllDrawnAsSmallMultiples(@TempDir Path dir) throws IOException {
        Map<String, ReportWriter.Figure> f = byFile(ReportFixture.write(dir, 5, 28, true));
        assertFalse(f.keySet().stream().anyMatch(k -> k.startsWith("fig-observed-area")), f.keySet().toString());
        ReportWriter.Figure all = f.get("fig-observed-all.png");
        assertEquals(28, all.panels().size(), "every observed quantity, not the first 7");
        assertTrue(all.caption().startsWith("All 28 observed quantities"), all.caption());
        for (int q = 0; q < 28; q++) {
            JFreeChart panel = all.panels().get(q);
            assertEquals("area" + q, panel.getTitle().getText());
            assertEquals(10, panel.getXYPlot().getDataset(0).getItemCount(0));
            assertEquals(10, panel.getXYPlot().getDataset(1).getItemCount(0));
        }
        assertEquals(7 * ReportWriter.PANEL_HEIGHT, all.heightPx(), "28 panels in rows of 4");
    }

    @Test
    void aLongRunIsAggregatedAndShowsItsLastWindowsObserved(@TempDir Path dir) throws IOException {
        Map<String, ReportWriter.Figure> f = byFile(ReportFixture.write(dir, 1600, 2, true));
        XYPlot rmse = f.get("fig-rmse-spread.png").chart().getXYPlot();
        int n = rmse.getDataset().getItemCount(0);
        assertTrue(n <= ReportWriter.AGGREGATED_POINTS + 1 && n >= ReportWriter.AGGREGATED_POINTS / 2, "points: " + n);
        assertTrue(((String) rmse.getDataset().getSeriesKey(0)).contains("mean of 11 windows"));
        XYPlot p = f.get("fig-parameter-g.png").chart().getXYPlot();
        assertTrue(p.getDataset().getItemCount(0) <= ReportWriter.AGGREGATED_POINTS + 2, "decimated parameters");
        assertEquals(1600.0, p.getDataset().getXValue(0, p.getDataset().getItemCount(0) - 1), "the last analysis kept");
        XYPlot obs = f.get("fig-observed-area0.png").chart().getXYPlot();
        assertEquals(2 * ReportWriter.LAST_OBSERVED_WINDOWS, obs.getDataset(0).getItemCount(0));
        assertTrue(obs.getDataset(0).getXValue(0, 0) >= 1600 - ReportWriter.LAST_OBSERVED_WINDOWS);
        assertTrue(obs.getDomainAxis().getLabel().contains("last 60 of 1600 windows"), obs.getDomainAxis().getLabel());
    }

    @Test
    void theRasterIsColouredByPopulation(@TempDir Path dir) throws IOException {
        XYPlot p = byFile(ReportFixture.write(dir, 5, 3, true)).get("fig-raster-member0.png").chart().getXYPlot();
        assertEquals(List.of("L2/3e", "L2/3i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"), keys(p.getDataset()));
        assertEquals(1, p.getDataset().getItemCount(0));
        assertEquals(1, p.getDataset().getItemCount(1), "neuron 207 opens L2/3i");
        assertEquals(1, p.getDataset().getItemCount(7), "neuron 760 is in L6i");
        assertEquals("neuron (L2/3e at the bottom)", p.getRangeAxis().getLabel());
        assertEquals("time (ms)", p.getDomainAxis().getLabel());
    }

    @Test
    void theHtmlHasTheVerdictTheSettingsEveryFigureAndLinksToEveryCsv(@TempDir Path dir) throws IOException {
        Path html = ReportWriter.write(ReportFixture.write(dir, 5, 28, true));
        String s = Files.readString(html);
        assertTrue(s.contains("<h2>Twin verdict</h2>") && s.contains("twin verdict: truth within 3 ensemble sd of the final"
                + " mean for NOT every parameter"), "the fixture's truth is 10 sd off: FAIL");
        assertTrue(s.contains("FAIL"));
        assertTrue(s.contains("<h2>Filter settings</h2>") && s.contains("<tr><th>inflation</th><td>1.02</td></tr>"), s);
        for (String csv : List.of("parameters.csv", "diagnostics.csv", "observations.csv", "raster-member0.csv",
                "summary.json", "config.json")) {
            assertTrue(s.contains("<a href=\"" + csv + "\">"), csv);
        }
        for (ReportWriter.Figure f : ReportWriter.figures(dir)) {
            assertTrue(s.contains("<img src=\"" + f.file() + "\""), f.file());
            BufferedImage img = ImageIO.read(dir.resolve(f.file()).toFile());
            assertEquals(f.widthPx(), img.getWidth(), f.file());
            assertEquals(f.heightPx(), img.getHeight(), f.file());
        }
    }

    @Test
    void everyFigureLeavesRoomForItsPlot(@TempDir Path dir) throws IOException {
        for (ReportWriter.Figure f : ReportWriter.figures(ReportFixture.write(dir, 1600, 28, true))) {
            List<JFreeChart> charts = f.panels().isEmpty() ? List.of(f.chart()) : f.panels();
            int w = f.panels().isEmpty() ? f.widthPx() : ReportWriter.PANEL_WIDTH;
            int h = f.panels().isEmpty() ? f.heightPx() : ReportWriter.PANEL_HEIGHT;
            for (JFreeChart c : charts) {
                org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
                c.createBufferedImage(w, h, info);
                java.awt.geom.Rectangle2D area = info.getPlotInfo().getDataArea();
                assertTrue(area.getWidth() > 0.5 * w && area.getHeight() > 0.4 * h,
                        f.file() + ": the legend, title or labels crowd out the plot, " + area);
            }
        }
    }

    private static List<String> keys(XYDataset d) {
        List<String> k = new ArrayList<>();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            k.add(String.valueOf(d.getSeriesKey(s)));
        }
        return k;
    }
}
