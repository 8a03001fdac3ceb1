package doka.engine.connect;

import doka.engine.kernel.NetworkBuilder;
import doka.engine.kernel.SplitMix64;

/**
 * Synaptic delays, ms: constant or normal, clipped below at dt and rounded to the grid.
 */
public record DelayDistribution(double meanMs, double sdMs) {
    public DelayDistribution {
        if (!(meanMs > 0) || Double.isInfinite(meanMs)) {
            throw new IllegalArgumentException("delay meanMs must be positive and finite, got " + meanMs);
        }
        if (!(sdMs >= 0) || Double.isInfinite(sdMs)) {
            throw new IllegalArgumentException("delay sdMs must be finite and >= 0, got " + sdMs);
        }
    }

    public static DelayDistribution constant(double delayMs) {
        return new DelayDistribution(delayMs, 0);
    }

    /** Delay in steps of {@code dtMs}, at least one step. */
    public int sampleSteps(SplitMix64 rng, double dtMs) {
        double d = sdMs == 0 ? meanMs : meanMs + sdMs * rng.nextGaussian();
        return NetworkBuilder.delaySteps(Math.max(d, dtMs), dtMs, "delay");
    }
}
