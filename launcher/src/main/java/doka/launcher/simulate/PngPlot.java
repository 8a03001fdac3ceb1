package doka.launcher.simulate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A minimal Java2D plot (no dependency): axes with ticks, line series, point series, a title and
 * a legend, written as PNG. Optional log scale on y.
 */
final class PngPlot {
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0xe377c2), new Color(0x393b79), new Color(0x8c6d31)};

    private record Series(String label, double[] x, double[] y, Color color, boolean points) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logY;
    private double[] xRange;
    private double[] yRange;

    PngPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    PngPlot logY() {
        logY = true;
        return this;
    }

    PngPlot xRange(double lo, double hi) {
        xRange = new double[] {lo, hi};
        return this;
    }

    PngPlot yRange(double lo, double hi) {
        yRange = new double[] {lo, hi};
        return this;
    }

    PngPlot line(String label, double[] x, double[] y, Color c) {
        series.add(new Series(label, x, y, c, false));
        return this;
    }

    PngPlot points(String label, double[] x, double[] y, Color c) {
        series.add(new Series(label, x, y, c, true));
        return this;
    }

    void write(Path file, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int left = 70, right = 150, top = 35, bottom = 50;
        int pw = width - left - right, ph = height - top - bottom;
        double[] xr = xRange != null ? xRange : range(true);
        double[] yr = yRange != null ? yRange : range(false);
        if (logY) {
            yr = new double[] {Math.log10(Math.max(yr[0], 1e-12)), Math.log10(Math.max(yr[1], 1e-11))};
        }
        if (yr[1] <= yr[0]) {
            yr = new double[] {yr[0] - 1, yr[0] + 1};
        }
        if (xr[1] <= xr[0]) {
            xr = new double[] {xr[0] - 1, xr[0] + 1};
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(left, top, pw, ph);
        for (int i = 0; i <= 5; i++) {
            double xv = xr[0] + (xr[1] - xr[0]) * i / 5;
            int px = left + pw * i / 5;
            g.drawLine(px, top + ph, px, top + ph + 4);
            g.drawString(fmt(xv), px - 12, top + ph + 17);
            double yv = yr[0] + (yr[1] - yr[0]) * i / 5;
            int py = top + ph - ph * i / 5;
            g.drawLine(left - 4, py, left, py);
            String tick = logY ? "1e" + fmt(yv) : fmt(yv);
            // right-aligned to the axis, so that the rotated y label at the left edge stays clear
            g.drawString(tick, left - 6 - g.getFontMetrics().stringWidth(tick), py + 4);
        }
        g.drawString(xLabel, left + pw / 2 - 30, height - 12);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(top + ph / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 14);
        g.rotate(Math.PI / 2);
        g.setClip(left, top, pw + 1, ph + 1);
        for (Series s : series) {
            g.setColor(s.color);
            g.setStroke(new BasicStroke(1.4f));
            int prevX = 0, prevY = 0;
            boolean have = false;
            for (int i = 0; i < s.x.length; i++) {
                double yv = logY ? Math.log10(Math.max(s.y[i], 1e-12)) : s.y[i];
                int px = (int) Math.round(left + (s.x[i] - xr[0]) / (xr[1] - xr[0]) * pw);
                int py = (int) Math.round(top + ph - (yv - yr[0]) / (yr[1] - yr[0]) * ph);
                if (s.points) {
                    g.fillRect(px, py, 2, 2);
                } else {
                    if (have) {
                        g.drawLine(prevX, prevY, px, py);
                    }
                    prevX = px;
                    prevY = py;
                    have = true;
                }
            }
        }
        g.setClip(null);
        int ly = top + 10;
        for (Series s : series) {
            if (s.label == null) {
                continue;
            }
            g.setColor(s.color);
            g.fillRect(left + pw + 10, ly - 8, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.label, left + pw + 25, ly + 1);
            ly += 16;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : x ? s.x : s.y) {
                if (Double.isFinite(v) && (!logY || x || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return Double.isFinite(lo) ? new double[] {lo, hi} : new double[] {0, 1};
    }

    private static String fmt(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 0.01 || a >= 1e5)) {
            return String.format("%.1e", v);
        }
        return a >= 100 ? String.format("%.0f", v) : String.format("%.2g", v);
    }
}
