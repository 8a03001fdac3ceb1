package doka.engine.kernel;

import java.util.Arrays;

/**
 * Exact Poisson sampling by inversion of a tabulated cumulative distribution: count k is the
 * number of table entries at or below a uniform u. One uniform per draw, no transcendental
 * function in the hot loop. The table runs until the remaining tail is below 1e-17 (below the
 * resolution of a 53-bit uniform), then ends with +infinity.
 */
public final class PoissonTable {
    /** Largest mean per draw we tabulate; higher means need a smaller dt or several inputs. */
    public static final double MAX_MEAN = 500;
    /** Branch-free prefix length: the table always has at least this many entries. */
    static final int PREFIX = 8;

    private PoissonTable() {
    }

    /** The cumulative table for mean {@code lambda} (≥ 0). */
    public static double[] cumulative(double lambda) {
        if (!(lambda >= 0) || lambda > MAX_MEAN) {
            throw new IllegalArgumentException("Poisson mean per step must be in [0, " + MAX_MEAN + "], got " + lambda);
        }
        double[] cdf = new double[Math.max(PREFIX + 1, (int) (lambda + 12 * Math.sqrt(lambda) + 40))];
        double p = StrictMath.exp(-lambda);
        double sum = 0;
        int k = 0;
        // Work in log space for large lambda where exp(-lambda) is tiny but the mass is far out.
        double logP = -lambda;
        while (true) {
            sum += p;
            if (k + 1 >= cdf.length) {
                cdf = Arrays.copyOf(cdf, cdf.length * 2);
            }
            cdf[k] = sum;
            k++;
            logP += StrictMath.log(lambda) - StrictMath.log(k);
            p = lambda == 0 ? 0 : StrictMath.exp(logP);
            if (k > lambda && (1 - sum) < 1e-17 && p < 1e-17) {
                break;
            }
            if (lambda == 0) {
                break;
            }
        }
        int len = Math.max(k + 1, PREFIX + 1);
        double[] out = Arrays.copyOf(cdf, len);
        Arrays.fill(out, k, len, Double.POSITIVE_INFINITY);
        return out;
    }

    /** A Poisson count for uniform {@code u} ∈ [0, 1): mostly branch-free for small means. */
    public static int sample(double u, double[] cdf) {
        int k = (u >= cdf[0] ? 1 : 0) + (u >= cdf[1] ? 1 : 0) + (u >= cdf[2] ? 1 : 0) + (u >= cdf[3] ? 1 : 0);
        if (k == 4) {
            while (u >= cdf[k]) {
                k++;
            }
        }
        return k;
    }
}
