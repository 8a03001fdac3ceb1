package doka.launcher.report;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The one plotting style of Doka's figures (JFreeChart, PNG): the run report's and those of
 * {@code simulate --out}. Line charts, value axes and the PNG writer live here so that every
 * figure looks alike.
 */
public final class Charts {
    /** Distinguishable series colours (matplotlib's tab10 order, then two more). */
    public static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0xe377c2), new Color(0x393b79), new Color(0x8c6d31)};

    private Charts() {
    }

    /** A value axis that fits its data without stretching to zero (parameters, rates far from 0). */
    public static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    /** Lines through the points of each series, in JFreeChart's default colours. */
    public static JFreeChart lines(String title, String x, String y, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        XYPlot plot = new XYPlot(data, new NumberAxis(x), axis(y), new XYLineAndShapeRenderer(true, false));
        return new JFreeChart(title, plot);
    }

    /** Dots of {@code sizePx} for every series, no lines (rasters). */
    public static XYLineAndShapeRenderer dots(double sizePx) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setAutoPopulateSeriesShape(false);
        r.setDefaultShape(new Rectangle2D.Double(0, 0, sizePx, sizePx));
        return r;
    }

    /** Writes the chart as a PNG of the given size, on white. */
    public static void save(Path file, JFreeChart chart, int widthPx, int heightPx) {
        chart.setBackgroundPaint(Color.WHITE);
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, widthPx, heightPx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
