package doka.launcher.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPngPlot {
    @Test
    void drawsTheSeriesAndKeepsTheAxisLabelClearOfTheTicks(@TempDir Path dir) throws IOException {
        double[] x = new double[200], y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = 1000 * Math.sin(i / 10.0); // tick labels as wide as "-1000.0"
        }
        Path file = dir.resolve("plot.png");
        new PngPlot("title", "time (ms)", "rate (Hz)").line("sine", x, y, PngPlot.PALETTE[0]).write(file, 600, 300);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(600, img.getWidth());
        assertEquals(300, img.getHeight());
        int seriesPixels = 0, labelInk = 0, gapInk = 0;
        int series = PngPlot.PALETTE[0].getRGB() & 0xffffff;
        for (int row = 0; row < img.getHeight(); row++) {
            for (int col = 0; col < img.getWidth(); col++) {
                int rgb = img.getRGB(col, row) & 0xffffff;
                seriesPixels += rgb == series ? 1 : 0;
                boolean ink = rgb != 0xffffff;
                labelInk += ink && col < 16 ? 1 : 0;
                gapInk += ink && col >= 17 && col < 20 ? 1 : 0; // between the rotated label and the tick labels
            }
        }
        assertTrue(seriesPixels > 200, "series pixels: " + seriesPixels);
        assertTrue(labelInk > 20, "y label pixels: " + labelInk);
        assertEquals(0, gapInk, "the y label and the tick labels overlap");
    }
}
