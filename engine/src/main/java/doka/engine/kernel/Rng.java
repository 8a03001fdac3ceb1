package doka.engine.kernel;

/**
 * Counter-based random numbers: a draw is a pure function of (key, counter), so results do not
 * depend on which thread makes the draw, on how the run is cut into slices, or on snapshots.
 * The mixer is SplitMix64's finalizer (Steele, Lea and Flood 2014, variant 13 of Stafford).
 */
public final class Rng {
    /** The golden-ratio increment of SplitMix64. */
    public static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private Rng() {
    }

    /** A 64-bit bijective mixer: equal inputs give equal outputs, nearby inputs unrelated ones. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The key of stream {@code index} of purpose {@code purpose} under {@code seed}. */
    public static long key(long seed, long purpose, long index) {
        long k = mix64(seed * GOLDEN + 0x2545f4914f6cdd1dL);
        k = mix64(k ^ mix64(purpose + GOLDEN));
        return mix64(k ^ mix64(index * GOLDEN + 0x632be59bd9b4e019L));
    }

    /** The mixed counter that {@link #uniform(long, long)} combines with a key (hoistable per step). */
    public static long counterMix(long counter) {
        return mix64(counter * GOLDEN + 0x1b873593L);
    }

    /** A uniform double in [0, 1) for (key, pre-mixed counter). */
    public static double uniformMixed(long key, long counterMix) {
        return (mix64(key + counterMix) >>> 11) * 0x1.0p-53;
    }

    /** 53 uniform bits for (key, pre-mixed counter): {@link #uniformMixed} is this times 2^−53. */
    public static long bits53(long key, long counterMix) {
        return mix64(key + counterMix) >>> 11;
    }

    /** A uniform double in [0, 1) for (key, counter). */
    public static double uniform(long key, long counter) {
        return uniformMixed(key, counterMix(counter));
    }
}
