package doka.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestPscExpPropagator {
    private static double direct(double ts, double tm, double c, double h) {
        return ts * tm / (c * (tm - ts)) * (Math.exp(-h / tm) - Math.exp(-h / ts));
    }

    @Test
    void matchesTheTextbookFormWhenTimeConstantsDiffer() {
        for (double ts : new double[] {0.5, 2, 5, 20}) {
            double p = PscExpPropagator.p21(ts, 10, 250, 0.1);
            assertEquals(direct(ts, 10, 250, 0.1), p, 1e-12 * Math.abs(p), "tau_syn " + ts);
        }
    }

    @Test
    void equalTimeConstantsGiveTheLimit() {
        double h = 0.1;
        double tau = 10;
        double expected = h / 250 * Math.exp(-h / tau);
        assertEquals(expected, PscExpPropagator.p21(tau, tau, 250, h), 1e-18);
    }

    @Test
    void nearlyEqualTimeConstantsAreContinuousAndAccurate() {
        double h = 0.1;
        double tau = 10;
        double limit = h / 250 * Math.exp(-h / tau);
        for (double eps : new double[] {1e-15, 1e-12, 1e-9, 1e-6}) {
            double p = PscExpPropagator.p21(tau * (1 + eps), tau, 250, h);
            // first-order expansion around the limit: dP/dτs = (h²/(2 τ² C)) e^(−h/τ) · ... small; bound it
            assertEquals(limit, p, limit * (10 * eps + 1e-15), "eps " + eps);
            double naive = direct(tau * (1 + eps), tau, 250, h);
            if (eps <= 1e-12) {
                // the textbook form loses most digits here, which is why the class exists
                assertTrue(Math.abs(naive - limit) > Math.abs(p - limit), "eps " + eps);
            }
        }
    }

    @Test
    void constantCurrentPropagator() {
        assertEquals(10.0 / 250 * (1 - Math.exp(-0.01)), PscExpPropagator.p20(10, 250, 0.1), 1e-17);
    }
}
