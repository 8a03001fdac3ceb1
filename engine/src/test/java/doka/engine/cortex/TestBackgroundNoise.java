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

    /** L2/3 E's background rate and DC, L5 E's background rate, and L2/3 E's membrane moments. */
    private record Probe(double rateHz, double dcPa, double l5RateHz, double[] moments) {
    }

    private Probe probe(String noiseScaleE) throws IOException {
        try (CortexNetwork net = CortexNetwork.build(model(noiseScaleE))) {
            Population p = net.network().population("MOp-L/L2/3/E");
            return new Probe(p.backgroundRateHz(), p.dcPa(), net.network().population("MOp-L/L5/E").backgroundRateHz(),
                    membraneMoments(net));
        }
    }

    @Test
    void moreNoiseAtTheSameMean() throws IOException {
        Probe plain = probe("[1, 1, 1, 1]"), noisy = probe("[4, 1, 1, 1]");
        assertEquals(4 * plain.rateHz, noisy.rateHz, 1e-9 * noisy.rateHz);
        assertEquals(plain.l5RateHz, noisy.l5RateHz, "L5 E keeps its background");
        // The extra mean of the exponential PSCs, rate · J · τ_syn (87.81 pA, 0.5 ms), comes off as DC.
        assertEquals(plain.dcPa - 3 * plain.rateHz * 87.81 * 0.5e-3, noisy.dcPa, 1e-9 * Math.abs(noisy.dcPa));
        double sd = Math.sqrt(plain.moments[1]);
        assertTrue(sd > 0.5, "the plain background moves the membrane: sd " + sd + " mV");
        assertEquals(plain.moments[0], noisy.moments[0], 0.1 * sd, "mean membrane potential, mV");
        assertEquals(4, noisy.moments[1] / plain.moments[1], 0.3, "variance ratio");
    }

    @Test
    void badScalesAreNamed() {
        IOException e = assertThrows(IOException.class, () -> model("[1, 1, 1]"));
        assertTrue(e.getMessage().contains("$.background.noiseScaleE needs 4 values"), e.getMessage());
        e = assertThrows(IOException.class, () -> model("[1, -2, 1, 1]"));
        assertTrue(e.getMessage().contains("$.background.noiseScaleE[1] is -2.0"), e.getMessage());
    }
}
