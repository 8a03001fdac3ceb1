package doka.engine.kernel;

/**
 * A small sequential generator (SplitMix64) for building networks: one instance per block of
 * work, seeded by {@link Rng#key}, so a build does not depend on the thread count. Written out
 * here (not {@code java.util.SplittableRandom}) so that the numbers never change with the JDK.
 */
public final class SplitMix64 {
    /** Layers of the ziggurat. */
    static final int LAYERS = 128;
    /** Where the base layer's rectangle ends and the tail begins, for 128 layers (Marsaglia and Tsang 2000). */
    static final double TAIL_R = 3.442619855899;
    /** Area of every layer under the unnormalised density exp(−x²/2), for 128 layers. */
    static final double LAYER_AREA = 9.91256303526217e-3;
    /**
     * Right edges of the layers, x_0 > x_1 = r > … > x_127 > x_128 = 0: layer i is the rectangle
     * [0, x_i] × [f(x_i), f(x_{i+1})], f(x) = exp(−x²/2), of area v; the base layer 0 spans
     * [0, f(r)] and its width x_0 = v/f(r) includes the tail beyond r.
     */
    private static final double[] LAYER_X = new double[LAYERS + 1];
    /** f(x_i), with f(x_0) taken as 0 (the base layer reaches down to the axis). */
    private static final double[] LAYER_F = new double[LAYERS + 1];

    static {
        double fr = StrictMath.exp(-0.5 * TAIL_R * TAIL_R);
        LAYER_X[0] = LAYER_AREA / fr;
        LAYER_X[1] = TAIL_R;
        LAYER_F[1] = fr;
        for (int i = 1; i < LAYERS - 1; i++) {
            // The next edge up: f(x_{i+1}) = f(x_i) + v/x_i.
            LAYER_F[i + 1] = LAYER_F[i] + LAYER_AREA / LAYER_X[i];
            LAYER_X[i + 1] = StrictMath.sqrt(-2 * StrictMath.log(LAYER_F[i + 1]));
        }
        // The published r and v close the top layer, x_127·(1 − f(x_127)) = v, to 1.2e−9 relative.
        LAYER_X[LAYERS] = 0;
        LAYER_F[LAYERS] = 1;
    }

    /** Right edge x_i of layer i of the ziggurat, 0 ≤ i ≤ 128 (for tests). */
    static double layerEdge(int i) {
        return LAYER_X[i];
    }

    /** f(x_i) as tabulated, 0 ≤ i ≤ 128 (for tests). */
    static double layerHeight(int i) {
        return LAYER_F[i];
    }

    private long state;

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

    /**
     * Standard normal, by the ziggurat method (Marsaglia and Tsang 2000) with 128 layers and the
     * layer index taken from bits independent of the uniform (Doornik 2005): one {@link #nextLong}
     * per attempt, whose top 53 bits give a signed uniform u in (−1, 1) and whose low 7 bits the
     * layer i; x = u·x_i is returned when it lies inside layer i's rectangle under the curve
     * (97% of draws). Otherwise the point lies in a wedge (accepted under exp(−x²/2) with
     * one more uniform) or, in the base layer, beyond r (a draw from the tail by Marsaglia's 1964
     * method). The tables and the rare paths use StrictMath, so the numbers are the same on every
     * platform.
     */
    public double nextGaussian() {
        while (true) {
            long bits = nextLong();
            int i = (int) bits & (LAYERS - 1);
            double x = ((bits >> 11) + 0.5) * 0x1.0p-52 * LAYER_X[i];
            if (Math.abs(x) < LAYER_X[i + 1]) {
                return x;
            }
            if (i == 0) {
                return tail(x < 0);
            }
            double y = LAYER_F[i] + nextDouble() * (LAYER_F[i + 1] - LAYER_F[i]);
            if (y < StrictMath.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }

    /** A standard normal conditioned on |z| > r (Marsaglia 1964), with the given sign. */
    double tail(boolean negative) {
        double a;
        double b;
        do {
            a = -StrictMath.log(1 - nextDouble()) / TAIL_R;
            b = -StrictMath.log(1 - nextDouble());
        } while (2 * b <= a * a);
        return negative ? -(TAIL_R + a) : TAIL_R + a;
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
        double g = Math.floor(StrictMath.log(u) / logOneMinusP); // floor is exact: Math's equals StrictMath's
        return g >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) g;
    }
}
