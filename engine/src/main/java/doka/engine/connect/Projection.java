package doka.engine.connect;

import doka.engine.kernel.NeuronRange;

/**
 * What every connection rule needs: source and target populations, weight and delay
 * distributions, the grid, and the random streams ({@code seed}, plus a {@code streamId} unique
 * per projection so that projections draw independent numbers). Positions are optional (the
 * distance-dependent rule needs them).
 */
public record Projection(NeuronRange source, NeuronRange target, WeightDistribution weight, DelayDistribution delay,
                         double dtMs, long seed, long streamId, Positions sourcePositions, Positions targetPositions) {
    public Projection {
        if (sourcePositions != null && sourcePositions.size() != source.size()) {
            throw new IllegalArgumentException(source.name() + ": " + sourcePositions.size() + " positions for "
                    + source.size() + " neurons");
        }
        if (targetPositions != null && targetPositions.size() != target.size()) {
            throw new IllegalArgumentException(target.name() + ": " + targetPositions.size() + " positions for "
                    + target.size() + " neurons");
        }
    }

    public Projection(NeuronRange source, NeuronRange target, WeightDistribution weight, DelayDistribution delay,
                      double dtMs, long seed, long streamId) {
        this(source, target, weight, delay, dtMs, seed, streamId, null, null);
    }

    public String describe(String rule) {
        return rule + " " + source.name() + " -> " + target.name();
    }
}
