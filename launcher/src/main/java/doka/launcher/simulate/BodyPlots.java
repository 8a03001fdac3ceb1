package doka.launcher.simulate;

import doka.launcher.report.Charts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.data.xy.XYSeries;

/**
 * What {@code simulate --out} writes for a body: {@code joint_angles.csv} and
 * {@code muscle_activations.csv} (one header row, then one row per physics step; time in ms from
 * the measured part's start), their plots, stick-figure frames of the limb in the sagittal plane
 * ({@code frames/frame_NNN.png}, from the bodies' positions) and the same frames as an animated
 * GIF ({@code limb.gif}), all drawn headless.
 */
final class BodyPlots {
    /** Model time between two frames, ms. */
    static final double FRAME_MS = 20;
    private static final int FRAME_PX = 360;

    private BodyPlots() {
    }

    static void write(Path dir, BodyRun.Trace t) throws IOException {
        Files.createDirectories(dir);
        int nj = t.joints.size(), nm = t.muscles.size();
        csv(dir.resolve("joint_angles.csv"), t, "time_ms", t.joints, 1);
        csv(dir.resolve("muscle_activations.csv"), t, "time_ms", t.muscles, 1 + nj);
        Charts.save(dir.resolve("joint_angles.png"), Charts.lines("Joint angles", "time (ms)", "angle (deg)",
                series(t, t.joints, 1)), 1000, 400);
        Charts.save(dir.resolve("muscle_activations.png"), Charts.lines("Muscle activations", "time (ms)", "activation",
                series(t, t.muscles, 1 + nj)), 1000, 400);
        frames(dir, t, 1 + nj + nm);
    }

    private static void csv(Path file, BodyRun.Trace t, String first, List<String> names, int from) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(first + "," + String.join(",", names) + "\n");
            for (double[] r : t.rows) {
                StringBuilder b = new StringBuilder(Double.toString(r[0]));
                for (int c = 0; c < names.size(); c++) {
                    b.append(',').append(r[from + c]);
                }
                w.write(b.append('\n').toString());
            }
        }
    }

    private static XYSeries[] series(BodyRun.Trace t, List<String> names, int from) {
        XYSeries[] out = new XYSeries[names.size()];
        int every = Math.max(1, t.rows.size() / 2000);
        for (int c = 0; c < out.length; c++) {
            out[c] = new XYSeries(names.get(c), false, true);
            for (int i = 0; i < t.rows.size(); i += every) {
                out[c].add(t.rows.get(i)[0], t.rows.get(i)[from + c]);
            }
        }
        return out;
    }

    /** Stick figures every {@link #FRAME_MS}: the bodies after the world and the trunk, joined in order (x forward, z up). */
    private static void frames(Path dir, BodyRun.Trace t, int posFrom) throws IOException {
        Path frames = dir.resolve("frames");
        Files.createDirectories(frames);
        List<BufferedImage> images = new ArrayList<>();
        double next = 0;
        int limbFrom = Math.max(0, t.bodies.indexOf("trunk") + 1);
        for (double[] r : t.rows) {
            if (r[0] + 1e-9 < next) {
                continue;
            }
            next += FRAME_MS;
            BufferedImage img = stick(r, posFrom, limbFrom, t.bodies.size());
            ImageIO.write(img, "png", frames.resolve(String.format(Locale.ROOT, "frame_%03d.png", images.size())).toFile());
            images.add(img);
        }
        gif(dir.resolve("limb.gif"), images, (int) FRAME_MS);
    }

    private static BufferedImage stick(double[] r, int posFrom, int limbFrom, int bodies) {
        BufferedImage img = new BufferedImage(FRAME_PX, FRAME_PX, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, FRAME_PX, FRAME_PX);
        double pxPerM = FRAME_PX / 0.07; // the limb is about 32 mm long
        int cx = FRAME_PX / 2, cz = FRAME_PX / 4;
        g.setColor(Color.LIGHT_GRAY);
        g.fillRect(cx - (int) (0.018 * pxPerM), cz - (int) (0.008 * pxPerM), (int) (0.018 * pxPerM), (int) (0.008 * pxPerM));
        g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int px = -1, pz = -1;
        for (int b = limbFrom; b < bodies; b++) {
            int x = cx + (int) Math.round(r[posFrom + 3 * b] * pxPerM);
            int z = cz - (int) Math.round(r[posFrom + 3 * b + 2] * pxPerM);
            if (px >= 0) {
                g.setColor(Charts.PALETTE[(b - limbFrom - 1) % Charts.PALETTE.length]);
                g.drawLine(px, pz, x, z);
            }
            g.setColor(Color.DARK_GRAY);
            g.fillOval(x - 4, z - 4, 8, 8);
            px = x;
            pz = z;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(String.format(Locale.ROOT, "t = %.0f ms", r[0]), 10, FRAME_PX - 12);
        g.dispose();
        return img;
    }

    /** An animated GIF of the frames, {@code delayMs} apart, looping (javax.imageio's GIF writer). */
    static void gif(Path file, List<BufferedImage> images, int delayMs) throws IOException {
        if (images.isEmpty()) {
            return;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage img : images) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode control = child(root, "GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
                control.setAttribute("transparentColorIndex", "0");
                IIOMetadataNode apps = child(root, "ApplicationExtensions");
                IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
                loop.setAttribute("applicationID", "NETSCAPE");
                loop.setAttribute("authenticationCode", "2.0");
                loop.setUserObject(new byte[] {1, 0, 0});
                apps.appendChild(loop);
                meta.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(img, null, meta), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** The metadata tree's child of that name, made when missing. */
    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }
}
