package doka.engine.pd14;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import doka.engine.kernel.Network;
import doka.engine.kernel.Population;

class TestPd14 {
    private static final double TAU_SYN_MS = 0.5;

    @Test
    void fullScaleHasTheSpecifiedSize() {
        long total = Pd14.synapseCount(1, 1);
        assertTrue(total > 2.98e8 && total < 3.0e8, "total synapses " + total); // spec: ≈ 2.99 × 10⁸
        int neurons = 0;
        for (int n : Pd14.FULL_SIZE) {
            neurons += n;
        }
        assertEquals(77_169, neurons);
        // L2/3e -> L2/3e: ln(1 − 0.1009) / ln(1 − 1/20683²)
        assertEquals(Math.log(1 - 0.1009) / Math.log(1 - 1.0 / (20683.0 * 20683.0)), Pd14.fullSynapses(0, 0), 1e-3);
    }

    /** Mean input to a neuron of population a (pA): recurrent + external + DC, as van Albada et al. (2015). */
    private static double meanInputPa(int a, double k, double[] rates, double dcPa) {
        double sum = 0;
        for (int b = 0; b < 8; b++) {
            double indegree = Pd14.fullSynapses(a, b) / Pd14.FULL_SIZE[a] * k;
            sum += Pd14.meanWeightPa(a, b) / Math.sqrt(k) * indegree * rates[b];
        }
        sum += Pd14.J_PA / Math.sqrt(k) * Pd14.K_EXT[a] * k * Pd14.BACKGROUND_RATE_HZ;
        return 0.001 * TAU_SYN_MS * sum + dcPa;
    }

    @Test
    void compensationKeepsTheMeanInputWhenInDegreesShrink() {
        double[] rates = Pd14Rates.fullScaleRatesHz();
        for (double k : new double[] {0.5, 0.1, 0.01}) {
            for (int a = 0; a < 8; a++) {
                double dc = Pd14.compensationPa(a, k, rates, Pd14.Background.POISSON, TAU_SYN_MS);
                assertEquals(meanInputPa(a, 1, rates, 0), meanInputPa(a, k, rates, dc), 1e-9,
                        Pd14.POPULATIONS[a] + " at k = " + k);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> Pd14.compensationPa(0, 0.5, null, Pd14.Background.POISSON, TAU_SYN_MS));
    }

    @Test
    void downScaledBuildFollowsTheSpec() {
        double n = 0.02;
        double k = 0.5;
        Pd14.Config c = new Pd14.Config(n, k, Pd14.Background.POISSON, 4, 2, Pd14Rates.fullScaleRatesHz());
        try (Network net = Pd14.build(c)) {
            assertEquals(Pd14.synapseCount(n, k), net.synapses().synapseCount());
            for (int a = 0; a < 8; a++) {
                Population p = net.population(Pd14.POPULATIONS[a]);
                assertEquals(Math.round(Pd14.FULL_SIZE[a] * n), p.size());
                assertEquals(Math.round(Pd14.K_EXT[a] * k) * 8.0, p.backgroundRateHz(), 1e-9);
                assertEquals(Pd14.J_PA / Math.sqrt(k), p.backgroundWeightPa(), 1e-9);
                assertEquals(Pd14.compensationPa(a, k, c.fullRatesHz(), c.background(), TAU_SYN_MS), p.dcPa(), 1e-12);
            }
            // weights: excitatory positive around J/√k (2J/√k for L4e -> L2/3e), inhibitory negative
            double[] sum = new double[2];
            long[] count = new long[2];
            int l4e = net.population("L4e").offset();
            int l4eEnd = l4e + net.population("L4e").size();
            int l23e = net.population("L2/3e").offset();
            int l23eEnd = l23e + net.population("L2/3e").size();
            net.synapses().forEach((s, t, w, d) -> {
                boolean doubled = s >= l4e && s < l4eEnd && t >= l23e && t < l23eEnd;
                if (w > 0 && !doubled && net.populationOf(s).name().endsWith("e")) {
                    sum[0] += w;
                    count[0]++;
                }
                if (w < 0) {
                    sum[1] += w;
                    count[1]++;
                }
            });
            assertEquals(Pd14.J_PA / Math.sqrt(k), sum[0] / count[0], 0.5);
            assertEquals(-4 * Pd14.J_PA / Math.sqrt(k), sum[1] / count[1], 2);
        }
    }

    @Test
    void dcBackgroundIsTheEquivalentCurrent() {
        Pd14.Config c = new Pd14.Config(0.01, 1, Pd14.Background.DC, 4, 1, null);
        try (Network net = Pd14.build(c)) {
            Population p = net.population("L6e");
            assertEquals(0, p.backgroundRateHz());
            assertEquals(2900 * 8 * 87.81 * 0.5 * 1e-3, p.dcPa(), 1e-9); // 0.351 pA per external synapse
        }
    }

    @Test
    void badScalesAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Pd14.Config(0, 1, Pd14.Background.POISSON, 1, 1, null));
        assertTrue(e.getMessage().startsWith("n-scale"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new Pd14.Config(1, 1.5, Pd14.Background.POISSON, 1, 1, null));
        assertTrue(e.getMessage().startsWith("k-scale"));
    }
}
