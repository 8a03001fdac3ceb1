package doka.launcher.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexModel;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of {@code simulate --out} for a small run of the stimulation experiment
 * ({@code gamma-mop.json} at s = 0.02): every figure is there, with its axis labels and series,
 * leaves room for its plot beside the legend, and is written as a PNG of its size.
 */
class TestCortexPlots {
    @Test
    void everyFigureHasItsSeriesAndLabelsAndIsWrittenAtItsSize(@TempDir Path dir) throws IOException {
        Path f = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles/models/gamma-mop.json");
        CortexModel model = CortexModel.read(f, Map.of()).withDensityScale(0.02);
        try (CortexMember member = CortexMember.build(model)) {
            int focus = CortexRun.focusArea(model, member.network().atlas());
            CortexRun.warmUp(member, focus);
            CortexMember.Window w = member.advance(model.run().tSimMs());
            List<CortexPlots.Figure> figures = CortexPlots.figures(member, w, focus);
            assertEquals(List.of("raster.png", "rates.png", "spectrum.png", "stimulus.png", "stimulus-spectrum.png",
                    "phases.png"), figures.stream().map(CortexPlots.Figure::file).toList());
            for (CortexPlots.Figure fig : figures) {
                XYPlot plot = fig.chart().getXYPlot();
                assertTrue(fig.chart().getTitle().getText().contains("[synthetic atlas]"), fig.file() + ": title");
                assertTrue(plot.getDataset().getSeriesCount() > 0, fig.file() + ": no series");
                assertTrue(plot.getDataset().getItemCount(0) > 0, fig.file() + ": empty first series");
                ChartRenderingInfo info = new ChartRenderingInfo();
                fig.chart().createBufferedImage(fig.widthPx(), fig.heightPx(), info);
                Rectangle2D area = info.getPlotInfo().getDataArea();
                assertTrue(area.getWidth() > 0.5 * fig.widthPx() && area.getHeight() > 0.4 * fig.heightPx(),
                        fig.file() + ": the legend or title crowds out the plot, " + area);
            }
            XYPlot raster = figures.get(0).chart().getXYPlot();
            assertEquals("time (ms)", raster.getDomainAxis().getLabel());
            assertEquals("neuron (L2/3 top → L6 bottom)", raster.getRangeAxis().getLabel());
            assertEquals("L2/3 E", raster.getDataset().getSeriesKey(0));
            XYPlot rates = figures.get(1).chart().getXYPlot();
            assertEquals(List.of("MOp-L", "MOs-L"), keys(rates.getDataset()));
            assertEquals("rate (Hz)", rates.getRangeAxis().getLabel());
            XYPlot spectrum = figures.get(2).chart().getXYPlot();
            assertInstanceOf(LogAxis.class, spectrum.getRangeAxis());
            assertEquals("frequency (Hz)", spectrum.getDomainAxis().getLabel());
            for (int s = 0; s < spectrum.getDataset().getSeriesCount(); s++) {
                for (int i = 0; i < spectrum.getDataset().getItemCount(s); i++) {
                    assertTrue(spectrum.getDataset().getYValue(s, i) > 0, "log axis: positive densities only");
                    assertTrue(spectrum.getDataset().getXValue(s, i) > 0 && spectrum.getDataset().getXValue(s, i) <= 150);
                }
            }
            assertEquals(List.of("local, before", "local, during", "MOs-L, before", "MOs-L, during"),
                    keys(figures.get(4).chart().getXYPlot().getDataset()));
            XYPlot phases = figures.get(5).chart().getXYPlot();
            assertEquals("fraction of spikes", phases.getRangeAxis().getLabel());
            assertTrue(((String) phases.getDataset().getSeriesKey(0)).startsWith("L2/3 E ("), "mean phase in the legend");

            CortexPlots.write(dir, member, w, focus);
            for (CortexPlots.Figure fig : figures) {
                BufferedImage img = ImageIO.read(dir.resolve(fig.file()).toFile());
                assertEquals(fig.widthPx(), img.getWidth(), fig.file());
                assertEquals(fig.heightPx(), img.getHeight(), fig.file());
            }
        }
    }

    private static List<Object> keys(XYDataset d) {
        return java.util.stream.IntStream.range(0, d.getSeriesCount()).mapToObj(d::getSeriesKey).map(Object.class::cast).toList();
    }
}
