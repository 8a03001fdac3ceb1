package doka.engine.connect;

import doka.engine.kernel.Purpose;
import doka.engine.kernel.Rng;
import doka.engine.kernel.SplitMix64;
import doka.engine.kernel.SynapseBatch;
import doka.engine.kernel.SynapseGenerator;

/**
 * Common part of the rules: pairs come from one stream per block, weights and delays from
 * another.
 */
abstract class ProjectionRule implements SynapseGenerator {
    protected final Projection projection;
    private final String description;

    ProjectionRule(String rule, Projection projection) {
        this.projection = projection;
        this.description = projection.describe(rule);
    }

    @Override
    public final String description() {
        return description;
    }

    final SplitMix64 pairStream(long index) {
        return new SplitMix64(Rng.key(projection.seed(), Purpose.CONNECT_PAIRS, mixIndex(index)));
    }

    final SplitMix64 valueStream(long index) {
        return new SplitMix64(Rng.key(projection.seed(), Purpose.CONNECT_VALUES, mixIndex(index)));
    }

    private long mixIndex(long index) {
        return Rng.mix64(projection.streamId()) ^ index;
    }

    /** Adds source→target (global indices) with a weight and delay drawn from {@code valueRng}. */
    final void emit(SynapseBatch out, SplitMix64 valueRng, int source, int target) {
        out.add(source, target, projection.weight().sample(valueRng),
                projection.delay().sampleSteps(valueRng, projection.dtMs()));
    }
}
