package doka.observation.operator;

import java.util.List;

import doka.observation.ObservedQuantity;

/**
 * The reference weighted-sum LFP proxy of Mazzoni et al. 2015 (PLoS Comput Biol 11:e1004584):
 * <pre>
 *   LFP_g(t) = scale · ( Σ_{pyr ∈ g} |I_AMPA(t − τ_AMPA)| − α · Σ_{pyr ∈ g} |I_GABA(t − τ_GABA)| )
 * </pre>
 * with the published α = 1.65, τ_AMPA = 6 ms, τ_GABA = 0 ms ({@link #mazzoni2015()}). The currents are
 * those onto pyramidal cells; the inputs are their sums per group, and since each current type has one
 * sign (AMPA inward, GABA outward) the absolute value of the sum equals the sum of absolute values.
 * Between grid samples the currents are interpolated linearly; a sample time whose delayed time falls
 * outside the recorded traces is an error (record at least τ_AMPA before the first sample).
 *
 * @param alpha        weight of the GABA term
 * @param ampaDelayMs  τ_AMPA, {@code ≥ 0}
 * @param gabaDelayMs  τ_GABA, {@code ≥ 0}
 * @param scale        overall factor (the paper's normalisation; units of the result per pA)
 */
public record LfpProxyOperator(double alpha, double ampaDelayMs, double gabaDelayMs, double scale) {
    public LfpProxyOperator {
        if (!(alpha >= 0 && Double.isFinite(alpha) && ampaDelayMs >= 0 && gabaDelayMs >= 0 && Double.isFinite(ampaDelayMs)
                && Double.isFinite(gabaDelayMs) && Double.isFinite(scale) && scale != 0)) {
            throw new IllegalArgumentException("LFP proxy needs alpha >= 0, finite delays >= 0 and a finite non-zero scale; got alpha "
                    + alpha + ", delays " + ampaDelayMs + "/" + gabaDelayMs + " ms, scale " + scale);
        }
    }

    /** The published reference weights: α = 1.65, τ_AMPA = 6 ms, τ_GABA = 0, scale 1. */
    public static LfpProxyOperator mazzoni2015() {
        return new LfpProxyOperator(1.65, 6.0, 0.0, 1.0);
    }

    /** LFP proxy per group at each sample time into {@code out[sample * groups + group]}; returns {@code out}. */
    public double[] apply(SynapticCurrents currents, double[] sampleTimesMs, double[] out) {
        List<ObservedQuantity> groups = currents.groups();
        int ng = groups.size();
        if (out.length < sampleTimesMs.length * ng) {
            throw new IllegalArgumentException("output needs " + sampleTimesMs.length * ng + " entries, got " + out.length);
        }
        double first = currents.startMs() + Math.max(ampaDelayMs, gabaDelayMs);
        double last = currents.endMs() + Math.min(ampaDelayMs, gabaDelayMs);
        for (int k = 0; k < sampleTimesMs.length; k++) {
            double t = sampleTimesMs[k];
            if (!(t >= first && t <= last)) {
                throw new IllegalArgumentException("LFP sample at " + t + " ms needs currents from " + (t - Math.max(ampaDelayMs, gabaDelayMs))
                        + " to " + (t - Math.min(ampaDelayMs, gabaDelayMs)) + " ms; the traces cover " + currents.startMs()
                        + " to " + currents.endMs() + " ms");
            }
            for (int g = 0; g < ng; g++) {
                double ampa = Math.abs(currents.interpolate(currents.ampaPa(), g, t - ampaDelayMs));
                double gaba = Math.abs(currents.interpolate(currents.gabaPa(), g, t - gabaDelayMs));
                out[k * ng + g] = scale * (ampa - alpha * gaba);
            }
        }
        return out;
    }
}
