package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.kernel.Network;
import doka.engine.kernel.Population;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code background.noiseScaleE/I}: f × the Poisson rate at the same mean input. With thresholds out of reach (no
 * spikes, so only the background and the DC move the membrane) the free membrane potential keeps its mean and, by
 * Campbell's theorem, its variance grows by exactly f.
 */
class TestBackgroundNoise {
    @TempDir
    Path dir;

    private CortexModel model(String noiseScaleE) throws IOException {
        String silent = "{\"model\": \"iaf_psc_exp\", \"params\": {\"V_th\": 1000}}";
        Path f = dir.resolve("m.json");
        Files.writeString(f, "{\"atlas\": {\"apVoxels\": 6, \"mlVoxels\": 6, \"areas\": [\"MOp-L\"]},"
                + " \"cells\": {\"densityScale\": 0.02},"
                + " \"neurons\": {\"E\": " + silent + ", \"FS\": " + silent + ", \"LTS\": " + silent + "},"
                + " \"background\": {\"noiseScaleE\": " + noiseScaleE + "},"
                + " \"run\": {\"seed\": 3, \"threads\": 2}}");
        return CortexModel.read(f, Map.of());
    }

    /** Mean and variance of L2/3 E cells' membrane potential, sampled every ms over 2 s after 100 ms. */
    private static double[] membraneMoments(CortexNetwork net) {
        Network n = net.network();
        Population p = n.population("MOp-L/L2/3/E");
        n.simulateMs(100);
        double sum = 0, sumSq = 0;
        long count = 0;
        for (int t = 0; t < 2000; t++) {
            n.simulateMs(1);
            for (int i = p.offset(); i < p.offset() + p.size(); i++) {
                double v = n.membranePotentialMv(i);
                sum += v;
                sumSq += v * v;
                count++;
            }
        }
        double mean = sum / count;
        return new double[] {mean, sumSq / count - mean * mean};
    }

    @Test
    void moreNoiseAtTheSameMean() throws IOException {
        double[] plain, noisy;
        double rate1, rate4, dc1, dc4, l5Rate1, l5Rate4;
        try (CortexNetwork net = CortexNetwork.build(model("[1, 1, 1, 1]"))) {
            Population p = net.network().population("MOp-L/L2/3/E");
            rate1 = p.backgroundRateHz();
            dc1 = p.dcPa();
            plain = membraneMoments(net);
            l5Rate1 = net.network().population("MOp-L/L5/E").backgroundRateHz();
        }
        try (CortexNetwork net = CortexNetwork.build(model("[4, 1, 1, 1]"))) {
            Population p = net.network().population("MOp-L/L2/3/E");
            rate4 = p.backgroundRateHz();
            dc4 = p.dcPa();
            noisy = membraneMoments(net);
            l5Rate4 = net.network().population("MOp-L/L5/E").backgroundRateHz();
        }
        assertEquals(4 * rate1, rate4, 1e-9 * rate4);
        assertEquals(l5Rate1, l5Rate4, "L5 E keeps its background");
        // The extra mean of the exponential PSCs, rate · J · τ_syn (87.81 pA, 0.5 ms), comes off as DC.
        assertEquals(dc1 - 3 * rate1 * 87.81 * 0.5e-3, dc4, 1e-9 * Math.abs(dc4));
        double sd = Math.sqrt(plain[1]);
        assertTrue(sd > 0.5, "the plain background moves the membrane: sd " + sd + " mV");
        assertEquals(plain[0], noisy[0], 0.1 * sd, "mean membrane potential, mV");
        assertEquals(4, noisy[1] / plain[1], 0.3, "variance ratio");
    }

    @Test
    void badScalesAreNamed() {
        IOException e = assertThrows(IOException.class, () -> model("[1, 1, 1]"));
        assertTrue(e.getMessage().contains("$.background.noiseScaleE needs 4 values"), e.getMessage());
        e = assertThrows(IOException.class, () -> model("[1, -2, 1, 1]"));
        assertTrue(e.getMessage().contains("$.background.noiseScaleE[1] is -2.0"), e.getMessage());
    }
}
