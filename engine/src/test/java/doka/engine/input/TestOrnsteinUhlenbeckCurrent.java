package doka.engine.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

import doka.engine.kernel.Purpose;
import doka.engine.kernel.Rng;

class TestOrnsteinUhlenbeckCurrent {
    private static final double DT_MS = 0.1;
    private static final long UPDATE_STEPS = 10; // Δ = 1 ms

    /** One group of one neuron (neuron 0), σ and τ given. */
    private static OrnsteinUhlenbeckCurrent device(double sdPa, double tauMs) {
        OrnsteinUhlenbeckCurrent d = new OrnsteinUhlenbeckCurrent(new int[][] {{0}}, new long[] {Rng.key(3, Purpose.SLOW_INPUT, 0)},
                UPDATE_STEPS, DT_MS);
        d.set(0, sdPa, tauMs);
        return d;
    }

    /** The current at the first step of updates 0 … n−1. */
    private static double[] sample(OrnsteinUhlenbeckCurrent d, int n) {
        double[] x = new double[n];
        double[] stim = new double[1];
        for (int k = 0; k < n; k++) {
            stim[0] = 0;
            d.addCurrent(k * UPDATE_STEPS, stim);
            x[k] = stim[0];
        }
        return x;
    }

    @Test
    void stationaryVarianceAndExponentialAutocorrelation() {
        double sd = 40, tau = 20;
        int n = 200_000;
        double[] x = sample(device(sd, tau), n);
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / n;
        }
        // n Δ / τ = 10,000 correlation times: the variance is within a few percent of σ².
        assertEquals(sd * sd, var, 0.04 * sd * sd, "variance");
        assertEquals(0, mean, 0.05 * sd, "mean");
        for (int lag : new int[] {1, 10, 20, 40}) {
            double c = 0;
            for (int k = 0; k + lag < n; k++) {
                c += (x[k] - mean) * (x[k + lag] - mean);
            }
            c /= (n - lag) * var;
            assertEquals(Math.exp(-lag * UPDATE_STEPS * DT_MS / tau), c, 0.03, "autocorrelation at lag " + lag + " ms");
        }
    }

    @Test
    void theCurrentIsHeldWithinAnUpdateAndTheNextChangeIsTheNextUpdate() {
        OrnsteinUhlenbeckCurrent d = device(10, 50);
        double[] a = new double[1];
        double[] b = new double[1];
        d.addCurrent(20, a);
        d.addCurrent(29, b);
        assertEquals(a[0], b[0], 0);
        assertEquals(30, d.nextChangeAfter(20));
        assertEquals(30, d.nextChangeAfter(29));
        d.setStepOffset(5);
        assertEquals(25, d.nextChangeAfter(20), "steps of a rebuilt network count from the offset");
    }

    @Test
    void theSameCurrentWhateverStepsTheNetworkRefreshesAt() {
        double[] every = sample(device(25, 30), 300);
        OrnsteinUhlenbeckCurrent sparse = device(25, 30);
        double[] stim = new double[1];
        // Refreshed only now and then (long slices), then read: the process caught up exactly.
        for (long step : new long[] {0, 7, 55, 1234, 2990}) {
            stim[0] = 0;
            sparse.addCurrent(step, stim);
            assertEquals(every[(int) (step / UPDATE_STEPS)], stim[0], 0, "step " + step);
        }
    }

    @Test
    void sigmaActsAtOnceAndTheProcessRunsOnAtZeroSigma() {
        OrnsteinUhlenbeckCurrent on = device(30, 40);
        OrnsteinUhlenbeckCurrent off = device(0, 40);
        double[] x = sample(on, 100);
        double[] zero = sample(off, 100);
        for (double v : zero) {
            assertEquals(0, v, 0);
        }
        off.set(0, 30, 40);
        double[] stim = new double[1];
        off.addCurrent(99 * UPDATE_STEPS, stim);
        assertEquals(x[99], stim[0], 0);
    }

    @Test
    void aSavedStateContinuesExactly() throws IOException {
        OrnsteinUhlenbeckCurrent d = device(30, 40);
        double[] all = sample(d, 200);
        OrnsteinUhlenbeckCurrent first = device(30, 40);
        sample(first, 120);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        first.write(new DataOutputStream(saved));
        OrnsteinUhlenbeckCurrent resumed = device(30, 40);
        resumed.read(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
        double[] stim = new double[1];
        for (int k = 120; k < 200; k++) {
            stim[0] = 0;
            resumed.addCurrent(k * UPDATE_STEPS, stim);
            assertEquals(all[k], stim[0], 0, "update " + k);
        }
    }

    @Test
    void groupsHaveTheirOwnStreamsAndAddToTheirNeurons() {
        OrnsteinUhlenbeckCurrent d = new OrnsteinUhlenbeckCurrent(new int[][] {{0, 2}, {1}},
                new long[] {Rng.key(3, Purpose.SLOW_INPUT, 0), Rng.key(3, Purpose.SLOW_INPUT, 1)}, UPDATE_STEPS, DT_MS);
        d.set(0, 10, 20);
        d.set(1, 10, 20);
        double[] stim = {1, 1, 1};
        d.addCurrent(0, stim);
        assertEquals(stim[0], stim[2], 0);
        assertEquals(1 + d.currentPa(0), stim[0], 0);
        assertEquals(1 + d.currentPa(1), stim[1], 0);
        assertThrows(IllegalArgumentException.class, () -> d.set(0, -1, 20));
        assertThrows(IllegalArgumentException.class, () -> d.set(0, 1, 0));
    }
}
