package doka.engine.connect;

import doka.engine.kernel.Ownership;
import doka.engine.kernel.SplitMix64;
import doka.engine.kernel.SynapseBatch;

/**
 * {@code fixed_total_number} (PD14's rule): exactly {@code n} synapses, each with source and
 * target drawn uniformly, with replacement (multapses and autapses allowed, as in NEST). The
 * in-degree of a target is Binomial(n, 1/N_target).
 */
public final class FixedTotalNumber extends ProjectionRule {
    public static final String NAME = "fixed_total_number";
    private static final int BLOCK = 1 << 18;

    private final long n;

    public FixedTotalNumber(Projection projection, long n) {
        super(NAME, projection);
        if (n < 0) {
            throw new IllegalArgumentException(description() + ": N must be >= 0, got " + n);
        }
        if (n > 0 && (projection.source().size() == 0 || projection.target().size() == 0)) {
            throw new IllegalArgumentException(description() + ": N = " + n + " synapses between empty populations");
        }
        this.n = n;
    }

    @Override
    public int blockCount() {
        return (int) ((n + BLOCK - 1) / BLOCK);
    }

    @Override
    public void generate(int block, SynapseBatch out, Ownership targets) {
        long lo = (long) block * BLOCK;
        int count = (int) Math.min(BLOCK, n - lo);
        SplitMix64 pairs = pairStream(block);
        SplitMix64 vals = valueStream(block);
        int so = projection.source().offset();
        int ns = projection.source().size();
        int to = projection.target().offset();
        int nt = projection.target().size();
        for (int i = 0; i < count; i++) {
            int s = so + pairs.nextInt(ns);
            int t = to + pairs.nextInt(nt);
            emit(out, vals, s, t);
        }
    }

    /** PD14's synapse number for connection probability {@code c}: ln(1−c)/ln(1−1/(N_pre·N_post)). */
    public static double synapsesForProbability(double c, double nPre, double nPost) {
        if (!(c >= 0 && c < 1)) {
            throw new IllegalArgumentException("connection probability must be in [0, 1), got " + c);
        }
        if (c == 0) {
            return 0;
        }
        return StrictMath.log(1 - c) / StrictMath.log(1 - 1 / (nPre * nPost));
    }
}
