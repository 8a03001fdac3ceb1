package doka.observation.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import doka.observation.ObservedQuantity;

class TestLfpProxyOperator {
    private static final List<ObservedQuantity> TWO = List.of(ObservedQuantity.ofArea("A"), ObservedQuantity.ofArea("B"));

    /** Samples every 0.1 ms from 0 to 100 ms of f(t) per group. */
    private static double[] trace(java.util.function.DoubleUnaryOperator a, java.util.function.DoubleUnaryOperator b) {
        int n = 1001;
        double[] x = new double[2 * n];
        for (int k = 0; k < n; k++) {
            x[k] = a.applyAsDouble(k * 0.1);
            x[n + k] = b.applyAsDouble(k * 0.1);
        }
        return x;
    }

    @Test
    void publishedReferenceWeights() {
        LfpProxyOperator rws = LfpProxyOperator.mazzoni2015();
        assertEquals(1.65, rws.alpha());
        assertEquals(6.0, rws.ampaDelayMs());
        assertEquals(0.0, rws.gabaDelayMs());
    }

    @Test
    void constantCurrentsGiveTheWeightedDifferenceOfMagnitudes() {
        // AMPA inward (negative), GABA outward (positive): |−200| − 1.65·|100| = 35.
        SynapticCurrents c = new SynapticCurrents(TWO, 0, 0.1, 1001, trace(t -> -200, t -> -50), trace(t -> 100, t -> 0));
        double[] out = LfpProxyOperator.mazzoni2015().apply(c, new double[] {10, 50}, new double[4]);
        assertEquals(35, out[0], 1e-9);
        assertEquals(50, out[1], 1e-9);
        assertEquals(35, out[2], 1e-9);
    }

    @Test
    void ampaIsDelayedBySixMilliseconds() {
        // AMPA ramp −3t pA, GABA sine: LFP(t) = 3(t − 6) − 1.65·|40 sin(2π t / 25)|, exact for a linear ramp;
        // the sine is sampled every 0.1 ms and interpolated linearly (error ≤ 1.65 · Δt²/8 · max|f''| ≈ 5.2e-3).
        SynapticCurrents c = new SynapticCurrents(TWO, 0, 0.1, 1001, trace(t -> -3 * t, t -> 0),
                trace(t -> 40 * Math.sin(2 * Math.PI * t / 25), t -> 0));
        double[] samples = {6, 13.37, 50, 99.95};
        double[] out = LfpProxyOperator.mazzoni2015().apply(c, samples, new double[8]);
        for (int k = 0; k < samples.length; k++) {
            double t = samples[k];
            assertEquals(3 * (t - 6) - 1.65 * Math.abs(40 * Math.sin(2 * Math.PI * t / 25)), out[2 * k], 6e-3, "t = " + t);
        }
        // With the sine on the grid (t = 50 is a grid point) the interpolation is exact.
        assertEquals(3 * 44 - 1.65 * Math.abs(40 * Math.sin(4 * Math.PI)), out[4], 1e-9);
    }

    @Test
    void samplesNeedTheDelayedHistory() {
        SynapticCurrents c = new SynapticCurrents(TWO, 0, 0.1, 1001, trace(t -> 1, t -> 1), trace(t -> 1, t -> 1));
        assertThrows(IllegalArgumentException.class,
                () -> LfpProxyOperator.mazzoni2015().apply(c, new double[] {5.9}, new double[2]), "needs AMPA at −0.1 ms");
        assertThrows(IllegalArgumentException.class,
                () -> LfpProxyOperator.mazzoni2015().apply(c, new double[] {100.1}, new double[2]), "needs GABA past the end");
        assertThrows(IllegalArgumentException.class, () -> new LfpProxyOperator(-1, 6, 0, 1));
    }
}
