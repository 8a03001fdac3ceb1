package doka.observation.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class TestErrorModels {
    @Test
    void fixedVarianceIsPerQuantity() {
        FixedVariance f = new FixedVariance(new double[] {2, 3});
        assertEquals(3, f.variance(7, 1, 100));
        assertEquals(2, FixedVariance.uniform(2, 3).variance(0, 2, -5));
        assertThrows(IllegalArgumentException.class, () -> new FixedVariance(new double[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> new FixedVariance(new double[] {Double.NaN}));
    }

    @Test
    void entryVarianceIsPerObservation() {
        EntryVariance v = new EntryVariance(2, 2, new double[] {1, 2, 3, Double.NaN});
        assertEquals(3, v.variance(1, 0, 0));
        assertThrows(IllegalStateException.class, () -> v.variance(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EntryVariance(1, 2, new double[] {1, -2}), "negative variance");
        assertThrows(IllegalArgumentException.class, () -> new EntryVariance(1, 2, new double[] {1}), "wrong size");
    }

    @Test
    void relativeErrorHasAnAbsoluteFloor() {
        RelativeError r = new RelativeError(0.2, 1.0);
        assertEquals(16.0, r.variance(0, 0, -20), 1e-12, "sigma = 0.2 * |-20| = 4");
        assertEquals(1.0, r.variance(0, 0, 3), 1e-12, "0.2 * 3 = 0.6 < floor 1");
        assertEquals(1.0, r.variance(0, 0, 5), 1e-12, "exactly at the crossover");
        assertThrows(IllegalArgumentException.class, () -> new RelativeError(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RelativeError(0.1, 0));
    }

    @Test
    void replicateVarianceIsTheUnbiasedSampleVariance() {
        // Two times × one quantity; replicates 1,2,3 and 10,10,13 → s² = 1 and 3.
        double[][] reps = {{1, 10}, {2, 10}, {3, 13}};
        EntryVariance perEntry = ReplicateVariance.estimate(reps, 2, 1, ReplicateVariance.Pooling.PER_ENTRY, 1e-9);
        assertArrayEquals(new double[] {1, 3}, perEntry.variance(), 1e-12);
        EntryVariance pooled = ReplicateVariance.estimate(reps, 2, 1, ReplicateVariance.Pooling.PER_QUANTITY, 1e-9);
        assertArrayEquals(new double[] {2, 2}, pooled.variance(), 1e-12, "(2 + 6) / (2 + 2)");
        EntryVariance floored = ReplicateVariance.estimate(new double[][] {{5}, {5}}, 1, 1,
                ReplicateVariance.Pooling.PER_ENTRY, 0.25);
        assertEquals(0.25, floored.variance(0, 0, 5));
    }

    @Test
    void replicateVarianceSkipsMissingAndNeedsTwo() {
        double[][] reps = {{1, Double.NaN}, {3, 4}, {5, Double.NaN}};
        EntryVariance v = ReplicateVariance.estimate(reps, 1, 2, ReplicateVariance.Pooling.PER_ENTRY, 1e-9);
        assertEquals(4.0, v.variance(0, 0, 0), 1e-12);
        assertThrows(IllegalStateException.class, () -> v.variance(0, 1, 0), "one replicate cannot give a variance");
        assertThrows(IllegalArgumentException.class,
                () -> ReplicateVariance.estimate(new double[][] {{1}}, 1, 1, ReplicateVariance.Pooling.PER_ENTRY, 1));
    }

    @Test
    void replicateVarianceRecoversAKnownNoiseLevel() {
        // 400 replicates of N(μ, 0.5²): s² has standard error σ²·sqrt(2/(R−1)) ≈ 0.0177; allow 5 of them.
        Well19937c rng = new Well19937c(11);
        int reps = 400;
        double[][] data = new double[reps][3];
        for (double[] rep : data) {
            for (int i = 0; i < 3; i++) {
                rep[i] = 7 * i + 0.5 * rng.nextGaussian();
            }
        }
        EntryVariance v = ReplicateVariance.estimate(data, 3, 1, ReplicateVariance.Pooling.PER_ENTRY, 1e-9);
        for (double s2 : v.variance()) {
            assertTrue(Math.abs(s2 - 0.25) < 5 * 0.25 * Math.sqrt(2.0 / (reps - 1)), "s² = " + s2);
        }
    }
}
