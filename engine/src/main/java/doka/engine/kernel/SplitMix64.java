package doka.engine.kernel;

/**
 * A small sequential generator (SplitMix64) for building networks: one instance per block of
 * work, seeded by {@link Rng#key}, so a build does not depend on the thread count. Written out
 * here (not {@code java.util.SplittableRandom}) so that the numbers never change with the JDK.
 */
public final class SplitMix64 {
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        state += Rng.GOLDEN;
        return Rng.mix64(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xffffffffL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xffffffffL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal (Marsaglia's polar method, StrictMath so numbers do not vary by platform). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /**
     * Number of failures before the first success of a Bernoulli(p) sequence (geometric), used
     * to skip over non-connected pairs. Returns {@link Integer#MAX_VALUE} for p = 0.
     */
    public int nextGeometric(double logOneMinusP) {
        if (logOneMinusP == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (logOneMinusP == 0) {
            return Integer.MAX_VALUE;
        }
        double u = 1 - nextDouble(); // in (0, 1]
        double g = StrictMath.floor(StrictMath.log(u) / logOneMinusP);
        return g >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) g;
    }
}
