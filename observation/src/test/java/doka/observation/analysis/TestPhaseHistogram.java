package doka.observation.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestPhaseHistogram {
    /** A 40 Hz cosine sampled every ms: peaks every 25 ms. */
    private static double[] cosine40Hz(int samples) {
        double[] x = new double[samples];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.cos(2 * Math.PI * 40 * i / 1000.0);
        }
        return x;
    }

    @Test
    void eventsAtPeaksHavePhaseZeroAndEventsAQuarterCycleLaterPhaseHalfPi() {
        double[] x = cosine40Hz(2000);
        int n = 40;
        int[] sample = new int[2 * n], group = new int[2 * n];
        for (int k = 0; k < n; k++) {
            sample[k] = 500 + 25 * k; // peaks
            sample[n + k] = 500 + 25 * k + 6; // ≈ a quarter cycle (6.25 ms) later
            group[n + k] = 1;
        }
        PhaseHistogram h = PhaseHistogram.of(x, 1.0, 30, 50, sample, group, 3, 18);
        assertEquals(n, h.events()[0]);
        assertEquals(n, h.events()[1]);
        assertEquals(0, h.events()[2]);
        assertEquals(0, h.meanPhaseRad()[0], 0.1);
        assertEquals(Math.PI / 2, h.meanPhaseRad()[1], 0.25);
        assertTrue(Double.isNaN(h.meanPhaseRad()[2]), "no events: no mean phase");
        double sum = 0;
        for (double f : h.fraction()[0]) {
            sum += f;
        }
        assertEquals(1, sum, 1e-12, "fractions of a group sum to 1");
        // phase 0 lies on the border of bins 8 and 9 of 18 (−π..π)
        assertEquals(1, h.fraction()[0][8] + h.fraction()[0][9], 1e-12, "all peak events in the two central bins");
        assertEquals(0, h.binCentresRad()[0] + Math.PI - Math.PI / 18, 1e-12);
    }

    @Test
    void rejectsEventsOutsideTheSignal() {
        assertThrows(IllegalArgumentException.class,
                () -> PhaseHistogram.of(cosine40Hz(100), 1.0, 30, 50, new int[] {100}, new int[] {0}, 1, 18));
    }
}
