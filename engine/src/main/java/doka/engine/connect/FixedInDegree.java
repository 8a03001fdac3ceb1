package doka.engine.connect;

import doka.engine.kernel.SplitMix64;
import doka.engine.kernel.SynapseBatch;

/**
 * {@code fixed_indegree}: every target gets exactly K synapses from sources drawn uniformly,
 * with replacement when multapses are allowed, otherwise K distinct sources. Out-degree of a
 * source: Binomial(K·N_target, 1/N_source) with multapses.
 */
public final class FixedInDegree extends PerTargetRule {
    public static final String NAME = "fixed_indegree";

    private final int k;
    private final boolean autapses;
    private final boolean multapses;
    private final ThreadLocal<boolean[]> marks;

    public FixedInDegree(Projection projection, int k, boolean autapses, boolean multapses) {
        super(NAME, projection);
        int ns = projection.source().size();
        boolean overlap = projection.source().offset() < projection.target().end()
                && projection.target().offset() < projection.source().end();
        int available = ns - (!autapses && overlap ? 1 : 0);
        if (k < 0) {
            throw new IllegalArgumentException(description() + ": K must be >= 0, got " + k);
        }
        if (k > 0 && available <= 0) {
            throw new IllegalArgumentException(description() + ": K = " + k + " but no eligible source");
        }
        if (!multapses && k > available) {
            throw new IllegalArgumentException(description() + ": K = " + k + " exceeds the " + available
                    + " eligible sources and multapses are not allowed");
        }
        this.k = k;
        this.autapses = autapses;
        this.multapses = multapses;
        this.marks = ThreadLocal.withInitial(() -> new boolean[ns]);
    }

    @Override
    void connectTarget(int t, SplitMix64 pairs, SplitMix64 vals, SynapseBatch out) {
        int ns = projection.source().size();
        int so = projection.source().offset();
        int target = projection.target().offset() + t;
        boolean[] used = multapses ? null : marks.get();
        int start = out.size();
        int made = 0;
        while (made < k) {
            int s = pairs.nextInt(ns);
            if (!autapses && so + s == target) {
                continue;
            }
            if (used != null) {
                if (used[s]) {
                    continue;
                }
                used[s] = true;
            }
            emit(out, vals, so + s, target);
            made++;
        }
        if (used != null) {
            for (int i = start; i < out.size(); i++) {
                used[out.source(i) - so] = false;
            }
        }
    }
}
