package doka.engine.connect;

import doka.engine.kernel.SplitMix64;
import doka.engine.kernel.SynapseBatch;

/**
 * {@code pairwise_bernoulli} with a fixed probability p: every (source, target) pair connects
 * independently. Per target, the gaps between connected sources are geometric, so the cost is
 * proportional to the synapses made. In-degree ~ Binomial(N_source, p) (minus the autapse when
 * autapses are excluded).
 */
public final class PairwiseBernoulli extends PerTargetRule {
    public static final String NAME = "pairwise_bernoulli";

    private final double p;
    private final boolean autapses;
    private final double logOneMinusP;

    public PairwiseBernoulli(Projection projection, double p, boolean autapses) {
        super(NAME, projection);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(description() + ": p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.autapses = autapses;
        this.logOneMinusP = StrictMath.log1p(-p);
    }

    public double p() {
        return p;
    }

    @Override
    void connectTarget(int t, SplitMix64 pairs, SplitMix64 vals, SynapseBatch out) {
        int ns = projection.source().size();
        int so = projection.source().offset();
        int target = projection.target().offset() + t;
        long j = pairs.nextGeometric(logOneMinusP);
        while (j < ns) {
            int source = so + (int) j;
            if (autapses || source != target) {
                emit(out, vals, source, target);
            }
            j += 1L + pairs.nextGeometric(logOneMinusP);
        }
    }
}
