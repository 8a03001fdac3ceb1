package doka.engine.record;

import java.util.Arrays;

/**
 * Binned rate per neuron group of recorded spikes: {@code r[b·G + g] = N_spk(g, b) / (N_g · Δt)}
 * in Hz, bins {@code [t0 + bΔt, t0 + (b+1)Δt)}, spike times {@code step · dt}. The arithmetic is
 * that of the observation module's binned population-rate operator, so that a member's
 * predictions equal the same operator applied to its recorded spikes.
 */
public final class GroupRates {
    private final int[] groupOf;
    private final int[] groupSize;

    /** @param groupOf group of each neuron, -1 for none; groups are 0..max */
    public GroupRates(int[] groupOf) {
        this.groupOf = groupOf.clone();
        this.groupSize = new int[Arrays.stream(groupOf).max().orElse(-1) + 1];
        for (int g : groupOf) {
            if (g >= 0) {
                groupSize[g]++;
            }
        }
    }

    public int groups() {
        return groupSize.length;
    }

    /** Rates of {@code bins} bins of {@code binMs} from {@code startMs}, bin-major. */
    public double[] rates(SpikeRecorder spikes, double dtMs, double startMs, double binMs, int bins) {
        int groups = groupSize.length;
        double[] out = new double[bins * groups];
        double end = startMs + binMs * bins;
        for (int i = 0; i < spikes.size(); i++) {
            double t = spikes.step(i) * dtMs;
            int g = groupOf[spikes.neuron(i)];
            if (g < 0 || t < startMs || t >= end) {
                continue;
            }
            int bin = Math.min((int) ((t - startMs) / binMs), bins - 1);
            out[bin * groups + g] += 1.0;
        }
        for (int b = 0; b < bins; b++) {
            for (int g = 0; g < groups; g++) {
                out[b * groups + g] *= 1000.0 / (groupSize[g] * binMs);
            }
        }
        return out;
    }
}
