package doka.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ziggurat normal of {@link SplitMix64#nextGaussian} against the exact standard normal: its
 * tables, the moments, the whole CDF (Kolmogorov–Smirnov and χ² on bins), the tails beyond 3, 3.5
 * and 4, the tail sampler beyond r ≈ 3.44 on its own (only 1 draw in 1,700 reaches it), and
 * determinism. Bounds are
 * 5 standard errors unless stated; the draws are fixed by the seed.
 */
class TestSplitMix64Gaussian {
    private static final int N = 2_000_000;
    private static double[] draws;

    @BeforeAll
    static void draw() {
        SplitMix64 r = new SplitMix64(Rng.key(20240607, 1, 2));
        draws = new double[N];
        for (int i = 0; i < N; i++) {
            draws[i] = r.nextGaussian();
        }
    }

    /** erfc(z) to about 1e−15 relative: a positive-term series of erf below 1, Laplace's continued fraction above. */
    static double erfc(double z) {
        if (z < 0) {
            return 2 - erfc(-z);
        }
        if (z < 1) {
            // erf z = (2/√π) e^{−z²} Σ 2ⁿ z^{2n+1} / (1·3·…·(2n+1))
            double term = z;
            double sum = z;
            for (int n = 0; term > 1e-17 * sum; n++) {
                term *= 2 * z * z / (2 * n + 3);
                sum += term;
            }
            return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-z * z) * sum;
        }
        // erfc z = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), evaluated from the bottom.
        double t = z;
        for (int k = 200; k >= 1; k--) {
            t = z + 0.5 * k / t;
        }
        return Math.exp(-z * z) / Math.sqrt(Math.PI) / t;
    }

    /** Φ(x), the standard normal CDF. */
    static double phi(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    @Test
    void referenceCdfIsAccurate() {
        // erfc(1), erfc(2), erfc(3), erfc(4) (Abramowitz and Stegun, table 7.1, and DLMF).
        assertEquals(0.157299207050285130, erfc(1), 1e-14 * 0.157);
        assertEquals(4.67773498104726584e-3, erfc(2), 1e-14 * 4.7e-3);
        assertEquals(2.20904969985854414e-5, erfc(3), 1e-14 * 2.2e-5);
        assertEquals(1.54172579002800189e-8, erfc(4), 1e-14 * 1.5e-8);
        // The two branches meet at 1.
        assertEquals(erfc(Math.nextDown(1.0)), erfc(1.0), 1e-14 * 0.157);
        assertEquals(0.5, phi(0), 1e-16);
    }

    @Test
    void everyLayerHasTheSameArea() {
        double v = SplitMix64.LAYER_AREA;
        double r = SplitMix64.TAIL_R;
        assertEquals(r, SplitMix64.layerEdge(1));
        // Base layer: the rectangle [0, r] × [0, f(r)] plus the tail ∫_r^∞ exp(−x²/2) dx.
        double tail = Math.sqrt(Math.PI / 2) * erfc(r / Math.sqrt(2));
        assertEquals(v, r * Math.exp(-r * r / 2) + tail, 1e-10 * v);
        assertEquals(v, SplitMix64.layerEdge(0) * SplitMix64.layerHeight(1), 1e-14 * v);
        for (int i = 1; i < SplitMix64.LAYERS; i++) {
            double x = SplitMix64.layerEdge(i);
            assertTrue(x > SplitMix64.layerEdge(i + 1), "layer edges decrease at " + i);
            assertEquals(Math.exp(-x * x / 2), SplitMix64.layerHeight(i), 1e-14, "f(x_" + i + ")");
            double area = x * (SplitMix64.layerHeight(i + 1) - SplitMix64.layerHeight(i));
            assertEquals(v, area, 1e-8 * v, "area of layer " + i);
        }
        assertEquals(0, SplitMix64.layerEdge(SplitMix64.LAYERS));
    }

    @Test
    void momentsAreThoseOfTheStandardNormal() {
        double mean = 0;
        for (double x : draws) {
            mean += x;
        }
        mean /= N;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double x : draws) {
            double d = x - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= N;
        m3 /= N;
        m4 /= N;
        double skewness = m3 / Math.pow(m2, 1.5);
        double excessKurtosis = m4 / (m2 * m2) - 3;
        // Standard errors for normal samples: 1/√n, √(2/n), √(6/n), √(24/n).
        assertEquals(0, mean, 5 / Math.sqrt(N), "mean");
        assertEquals(1, m2, 5 * Math.sqrt(2.0 / N), "variance");
        assertEquals(0, skewness, 5 * Math.sqrt(6.0 / N), "skewness");
        assertEquals(0, excessKurtosis, 5 * Math.sqrt(24.0 / N), "excess kurtosis");
    }

    @Test
    void kolmogorovSmirnovAgainstTheNormalCdf() {
        double[] sorted = draws.clone();
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double f = phi(sorted[i]);
            d = Math.max(d, Math.max(f - (double) i / N, (double) (i + 1) / N - f));
        }
        // P(√n·D > 2.23) ≈ 2·exp(−2·2.23²) ≈ 1e−4.
        assertTrue(Math.sqrt(N) * d < 2.23, "KS distance " + d + " (√n·D = " + Math.sqrt(N) * d + ")");
    }

    @Test
    void binnedCountsFollowTheNormal() {
        // 160 bins of width 0.05 over [−4, 4] and the two tails: χ² with 161 degrees of freedom.
        int bins = 160;
        double width = 0.05;
        long[] count = new long[bins + 2];
        for (double x : draws) {
            int b = x < -4 ? 0 : x >= 4 ? bins + 1 : 1 + Math.min(bins - 1, (int) Math.floor((x + 4) / width));
            count[b]++;
        }
        double chi2 = 0;
        for (int b = 0; b < bins + 2; b++) {
            double lo = b == 0 ? Double.NEGATIVE_INFINITY : -4 + (b - 1) * width;
            double hi = b == bins + 1 ? Double.POSITIVE_INFINITY : -4 + b * width;
            double expected = N * cdfBetween(lo, hi);
            chi2 += (count[b] - expected) * (count[b] - expected) / expected;
        }
        int dof = bins + 1;
        assertTrue(chi2 < dof + 5 * Math.sqrt(2.0 * dof), "χ² = " + chi2 + " with " + dof + " degrees of freedom");
    }

    /** P(lo ≤ Z < hi), from the nearer tail so that no precision is lost. */
    private static double cdfBetween(double lo, double hi) {
        if (lo >= 0) {
            return phi(-lo) - phi(-hi);
        }
        return phi(hi) - phi(lo);
    }

    @Test
    void tailFrequenciesAreExact() {
        for (double z : new double[] {3, 3.5, 4}) {
            long beyond = 0;
            for (double x : draws) {
                if (Math.abs(x) > z) {
                    beyond++;
                }
            }
            double p = erfc(z / Math.sqrt(2)); // P(|Z| > z)
            double se = Math.sqrt(N * p * (1 - p));
            assertEquals(N * p, beyond, 5 * se, "draws with |z| > " + z);
        }
        // Both signs in the tail sampler's range.
        long below = Arrays.stream(draws).filter(x -> x < -SplitMix64.TAIL_R).count();
        long above = Arrays.stream(draws).filter(x -> x > SplitMix64.TAIL_R).count();
        double half = N * phi(-SplitMix64.TAIL_R);
        assertEquals(half, below, 5 * Math.sqrt(half));
        assertEquals(half, above, 5 * Math.sqrt(half));
    }

    @Test
    void tailSamplerFollowsTheNormalBeyondR() {
        // Kolmogorov–Smirnov of the tail sampler alone against P(Z ≤ z | Z > r), both signs.
        int n = 200_000;
        double r = SplitMix64.TAIL_R;
        double beyondR = erfc(r / Math.sqrt(2));
        SplitMix64 rng = new SplitMix64(Rng.key(20240607, 1, 3));
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double t = rng.tail(i % 2 == 1);
            assertTrue(i % 2 == 1 ? t < -r : t > r, "tail draw " + t);
            z[i] = Math.abs(t);
        }
        Arrays.sort(z);
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = 1 - erfc(z[i] / Math.sqrt(2)) / beyondR;
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        assertTrue(Math.sqrt(n) * d < 2.23, "KS distance " + d + " (√n·D = " + Math.sqrt(n) * d + ")");
    }

    @Test
    void sameSeedSameSequence() {
        SplitMix64 a = new SplitMix64(77);
        SplitMix64 b = new SplitMix64(77);
        SplitMix64 c = new SplitMix64(78);
        boolean differs = false;
        for (int i = 0; i < 100_000; i++) {
            double x = a.nextGaussian();
            assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(b.nextGaussian()), "draw " + i);
            differs |= x != c.nextGaussian();
        }
        assertTrue(differs, "another seed gives another sequence");
    }
}
