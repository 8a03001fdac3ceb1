package doka.observation.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The intrinsic timescale against processes whose count autocorrelation is known in closed form: Poisson neurons
 * whose rate follows a telegraph process of correlation time τ have count correlations ∝ exp(−kΔ/τ) between bins
 * k ≥ 1 apart, so the fit must return τ; an exact exponential is recovered to the search's precision.
 */
class TestTimescaleStatistics {
    @Test
    void anExactExponentialIsFittedExactly() {
        double[] r = new double[21];
        for (int k = 1; k < r.length; k++) {
            r[k] = 0.3 * Math.exp(-k * 10.0 / 47.0) + 0.02;
        }
        assertEquals(47.0, TimescaleStatistics.fitExponentialMs(r, 10.0), 1e-4);
    }

    @Test
    void flatOrRisingAutocorrelationsAreFailedFits() {
        double[] flat = new double[21];
        java.util.Arrays.fill(flat, 0.1);
        assertTrue(Double.isNaN(TimescaleStatistics.fitExponentialMs(flat, 10.0)));
        double[] rising = new double[21];
        for (int k = 1; k < rising.length; k++) {
            rising[k] = 0.01 * k;
        }
        assertTrue(Double.isNaN(TimescaleStatistics.fitExponentialMs(rising, 10.0)), "the peak is at the last lag");
    }

    @Test
    void modulatedPoissonNeuronsGiveTheirCorrelationTime() {
        Trains t = new Trains();
        int slow = t.group("VISam", "", 100);
        int fast = t.group("VISl", "", 100);
        double endMs = 50_000;
        t.telegraphPoisson(slow, 100, 20, 60, endMs, 1).telegraphPoisson(fast, 100, 20, 20, endMs, 2);
        Estimates e = TimescaleStatistics.intrinsicTimescaleMs(t.trains(), t.neuronGroups(), new Window(0, endMs), 10, 30);
        System.out.printf("timescales: %.2f ± %.2f ms (60), %.2f ± %.2f ms (20)%n", e.value()[0],
                Math.sqrt(e.variance()[0]), e.value()[1], Math.sqrt(e.variance()[1]));
        assertEquals(60, e.value()[0], 6, "the slow group");
        assertEquals(20, e.value()[1], 2, "the fast group");
        for (int g = 0; g < 2; g++) {
            double sd = Math.sqrt(e.variance()[g]);
            double truth = g == 0 ? 60 : 20;
            assertTrue(sd > 0 && Math.abs(e.value()[g] - truth) < 4 * sd + 0.02 * truth,
                    "the jackknife error covers the truth: " + e.value()[g] + " ± " + sd);
        }
    }

    @Test
    void aLagBeyondTheWindowIsRefused() {
        Trains t = new Trains();
        t.group("A", "", 1);
        var e = assertThrows(IllegalArgumentException.class, () -> TimescaleStatistics.intrinsicTimescaleMs(t.trains(),
                t.neuronGroups(), new Window(0, 100), 10, 10));
        assertTrue(e.getMessage().contains("largest lag"), e.getMessage());
    }
}
