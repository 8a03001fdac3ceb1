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
    /** The table always has at least this many entries. */
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

    /** log2 of the number of cells of the lookup table over the 53-bit uniforms. */
    static final int CELL_BITS = 11;

    /**
     * A Poisson sampler: counts by table lookup on the top bits of the uniform, exact because a
     * cell whose uniforms do not all give the same count (about one in a few hundred) falls back
     * to comparing with the thresholds. Gives exactly {@code #{j : bits ≥ T[j]}}.
     */
    public static final class Sampler {
        private final long[] thresholds;
        private final int[] cell;

        public Sampler(double lambda) {
            this.thresholds = thresholds(lambda);
            this.cell = new int[1 << CELL_BITS];
            int shift = 53 - CELL_BITS;
            for (int c = 0; c < cell.length; c++) {
                long lo = (long) c << shift;
                long hi = lo + (1L << shift) - 1;
                int kLo = count(lo, 0);
                int kHi = count(hi, kLo);
                cell[c] = kLo == kHi ? kLo : ~kLo;
            }
        }

        private int count(long bits, int from) {
            int k = from;
            while (bits >= thresholds[k]) {
                k++;
            }
            return k;
        }

        /** A Poisson count for 53 uniform bits. */
        public int sample(long bits) {
            int e = cell[(int) (bits >>> (53 - CELL_BITS))];
            if (e >= 0) {
                return e;
            }
            return count(bits, ~e);
        }
    }
}
