package doka.observation.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TestSignals {
    @Test
    void lagOfADelayedBumpIsTheDelayAndNotTheReverse() {
        double[] a = new double[400], b = new double[400];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1 + Math.exp(-0.5 * Math.pow((i - 200) / 5.0, 2));
            b[i] = 3 * Math.exp(-0.5 * Math.pow((i - 204) / 5.0, 2)); // 4 samples of 0.5 ms later
        }
        assertEquals(2.0, Signals.lagMs(a, b, 0.5, 30), 1e-12);
        assertEquals(0.0, Signals.lagMs(b, a, 0.5, 30), 1e-12, "a leads b: a does not follow it");
        assertEquals(1.0, Signals.lagMs(a, b, 0.5, 1), 1e-12, "a delay beyond the largest lag: that lag");
    }

    @Test
    void meanOfSamples() {
        assertEquals(2.5, Signals.mean(new double[] {1, 2, 3, 4}), 1e-15);
        assertEquals(0, Signals.mean(new double[0]));
    }
}
