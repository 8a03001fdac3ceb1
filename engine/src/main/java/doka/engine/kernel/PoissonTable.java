package doka.engine.kernel;

import java.util.Arrays;

/**
 * Exact Poisson sampling by inversion of a tabulated cumulative distribution: count k is the
 * number of table entries at or below a uniform u. One uniform per draw, no transcendental
 * function in the hot loop. The table runs past the mean until a term is below 1e-18 (the tail
 * is then below the resolution of a 53-bit uniform), then ends with +infinity.
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
            if (k > lambda && p < 1e-18) { // the rest of the tail is below a 53-bit uniform's resolution
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

    /**
     * The table as 53-bit integer thresholds: {@code u ≥ cdf[j]} for {@code u = bits · 2^−53}
     * exactly when {@code bits ≥ T[j] = ceil(cdf[j] · 2^53)} (+∞ becomes {@link Long#MAX_VALUE}).
     */
    public static long[] thresholds(double lambda) {
        double[] cdf = cumulative(lambda);
        long[] t = new long[cdf.length];
        for (int j = 0; j < cdf.length; j++) {
            t[j] = cdf[j] >= 1 ? Long.MAX_VALUE : (long) Math.ceil(cdf[j] * 0x1.0p53);
        }
        return t;
    }

    /**
     * A Poisson count for 53 uniform bits: the number of thresholds at or below {@code bits}.
     * The first four comparisons are integer arithmetic without branches (a count of 0 or 1 is
     * unpredictable); larger counts fall back to a loop.
     */
    public static int sample(long bits, long[] t) {
        return sample(bits, t[0] - 1, t[1] - 1, t[2] - 1, t[3] - 1, t);
    }

    /**
     * {@link #sample(long, long[])} with the first four thresholds minus one passed in (hoisted
     * out of a model's loop).
     */
    public static int sample(long bits, long t0m1, long t1m1, long t2m1, long t3m1, long[] t) {
        int k = (int) (((t0m1 - bits) >>> 63) + ((t1m1 - bits) >>> 63) + ((t2m1 - bits) >>> 63)
                + ((t3m1 - bits) >>> 63));
        if (k == 4) {
            while (bits >= t[k]) {
                k++;
            }
        }
        return k;
    }
}
