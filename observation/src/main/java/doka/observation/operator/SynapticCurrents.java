package doka.observation.operator;

import java.util.List;

import doka.observation.ObservedQuantity;

/**
 * Synaptic input currents onto the pyramidal cells of each group, summed over the group's cells and
 * sampled on a regular grid {@code t_k = startMs + k · dtMs}. The launcher fills it from the
 * engine's recorders. Arrays are row-major {@code [group][sample]}.
 *
 * @param groups      the observed quantities (one LFP per group)
 * @param startMs     time of sample 0
 * @param dtMs        sampling step, {@code > 0}
 * @param sampleCount samples per group
 * @param ampaPa      summed AMPA (excitatory) current, pA
 * @param gabaPa      summed GABA (inhibitory) current, pA
 */
public record SynapticCurrents(List<ObservedQuantity> groups, double startMs, double dtMs, int sampleCount,
                               double[] ampaPa, double[] gabaPa) {
    public SynapticCurrents {
        groups = List.copyOf(groups);
        if (!(dtMs > 0) || sampleCount < 2 || !Double.isFinite(startMs)) {
            throw new IllegalArgumentException("current traces need a finite start, dt > 0 and >= 2 samples; got start "
                    + startMs + " ms, dt " + dtMs + " ms, " + sampleCount + " samples");
        }
        int n = groups.size() * sampleCount;
        if (ampaPa.length != n || gabaPa.length != n) {
            throw new IllegalArgumentException(groups.size() + " groups × " + sampleCount + " samples need " + n
                    + " values per current; got AMPA " + ampaPa.length + ", GABA " + gabaPa.length);
        }
    }

    public double endMs() {
        return startMs + (sampleCount - 1) * dtMs;
    }

    /** Linear interpolation of {@code trace} for group {@code g} at time {@code tMs} (inside the grid). */
    double interpolate(double[] trace, int g, double tMs) {
        double x = (tMs - startMs) / dtMs;
        int k = Math.min((int) Math.floor(x), sampleCount - 2);
        double f = x - k;
        int base = g * sampleCount;
        return trace[base + k] * (1.0 - f) + trace[base + k + 1] * f;
    }
}
