package doka.engine.connect;

import doka.engine.kernel.Ownership;
import doka.engine.kernel.SplitMix64;
import doka.engine.kernel.SynapseBatch;

/**
 * A rule that connects each target on its own (pairwise Bernoulli, fixed in-degree): blocks of
 * targets, one pair stream and one value stream per target, so the synapses of a target do not
 * depend on how targets are grouped into blocks or threads, and a rank of a split network
 * draws only its own targets.
 */
abstract class PerTargetRule extends ProjectionRule {
    private static final int TARGETS_PER_BLOCK = 64;

    PerTargetRule(String rule, Projection projection) {
        super(rule, projection);
    }

    @Override
    public final int blockCount() {
        return (projection.target().size() + TARGETS_PER_BLOCK - 1) / TARGETS_PER_BLOCK;
    }

    @Override
    public final void generate(int block, SynapseBatch out, Ownership targets) {
        int lo = block * TARGETS_PER_BLOCK;
        int hi = Math.min(projection.target().size(), lo + TARGETS_PER_BLOCK);
        int offset = projection.target().offset();
        for (int t = lo; t < hi; t++) {
            if (targets.isAll() || targets.owns(offset + t)) {
                connectTarget(t, pairStream(t), valueStream(t), out);
            }
        }
    }

    /**
     * Emits the synapses onto population-local target {@code t}, drawing the pairs from
     * {@code pairs} and the weights and delays from {@code valueRng}.
     */
    abstract void connectTarget(int t, SplitMix64 pairs, SplitMix64 valueRng, SynapseBatch out);
}
