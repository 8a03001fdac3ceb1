package doka.engine.connect;

import doka.engine.kernel.SplitMix64;

/**
 * Synaptic weights, pA: constant ({@code sdPa = 0}) or normal, clipped at 0 so that a weight
 * never changes sign (a draw of the wrong sign becomes 0, as in the PD14 reference).
 */
public record WeightDistribution(double meanPa, double sdPa) {
    public WeightDistribution {
        if (!Double.isFinite(meanPa)) {
            throw new IllegalArgumentException("weight meanPa must be finite, got " + meanPa);
        }
        if (!(sdPa >= 0) || Double.isInfinite(sdPa)) {
            throw new IllegalArgumentException("weight sdPa must be finite and >= 0, got " + sdPa);
        }
    }

    public static WeightDistribution constant(double weightPa) {
        return new WeightDistribution(weightPa, 0);
    }

    /** Normal with standard deviation {@code relativeSd · |mean|}. */
    public static WeightDistribution normalRelative(double meanPa, double relativeSd) {
        return new WeightDistribution(meanPa, Math.abs(meanPa) * relativeSd);
    }

    public float sample(SplitMix64 rng) {
        if (sdPa == 0) {
            return (float) meanPa;
        }
        double w = meanPa + sdPa * rng.nextGaussian();
        if (meanPa >= 0 ? w < 0 : w > 0) {
            w = 0;
        }
        return (float) w;
    }
}
