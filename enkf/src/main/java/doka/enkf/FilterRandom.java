package doka.enkf;

/**
 * The filter's random stream (observation perturbations, rotations, jitter): SplitMix64 (Steele, Lea &
 * Flood 2014) with Marsaglia's polar method for normal deviates. Its whole state is {@link #state()}, so a
 * checkpoint restores it exactly and the run continues bit for bit.
 */
public final class FilterRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long seed;
    private boolean hasSpare;
    private double spare;

    /** The serializable state: the SplitMix64 counter and the cached second normal deviate of the polar method. */
    public record State(long seed, boolean hasSpare, double spare) implements java.io.Serializable {
    }

    public FilterRandom(long seed) {
        this.seed = seed;
    }

    public FilterRandom(State state) {
        this.seed = state.seed();
        this.hasSpare = state.hasSpare();
        this.spare = state.spare();
    }

    public State state() {
        return new State(seed, hasSpare, spare);
    }

    /** A seed for an independent stream, derived from this stream's next output. */
    public long nextSeed() {
        return nextLong();
    }

    /** Mixes a base seed with a purpose/index so that streams for different purposes are independent. */
    public static long derive(long base, long index) {
        return mix64(base + GOLDEN_GAMMA * (index + 1));
    }

    public long nextLong() {
        seed += GOLDEN_GAMMA;
        return mix64(seed);
    }

    /** Uniform on [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * f;
        hasSpare = true;
        return u * f;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
