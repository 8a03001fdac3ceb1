package doka.observation.operator;

import java.util.List;

import doka.observation.ObservedQuantity;

/**
 * Calcium imaging of model spikes: each selected cell's spike train convolved with a
 * {@link CalciumKernel}, saturated per cell, then averaged per group:
 * <pre>
 *   x_i(t)   = Σ_{spikes s of i, t_s ≤ t} k(t − t_s)
 *   ΔF/F_g(t) = (1/N_g) Σ_{i ∈ g} F_sat(x_i(t))
 * </pre>
 *
 * <p>The difference of exponentials is exact as two decaying traces per cell,
 * {@code D_i = Σ e^{−(t−t_s)/τd}} and {@code R_i = Σ e^{−(t−t_s)/τr}}, so no history is stored. All
 * cells share one reference time {@code t_ref}: a spike adds {@code e^{(t_s − t_ref)/τ}} (two
 * exponentials per spike), and moving {@code t_ref} to a sample time multiplies every trace by the same
 * factor {@code e^{−Δ/τ}} (no exponential per cell). {@code t_ref} is also moved whenever a spike is
 * more than {@value #MAX_LEAD_TAUS} rise times ahead of it, which keeps the growing factor below
 * {@code e^{40}}. The traces carry over from one {@link #apply} call to the
 * next, so windows chain exactly (spikes before a window still shine in it); {@link #reset()} starts
 * from a dark cortex. Each call must start at or after the previous call's latest spike or sample.
 */
public final class CalciumFluorescenceOperator {
    private final CalciumKernel kernel;
    private final List<ObservedQuantity> quantities;
    private final int[] slotOfNeuron;
    private final int[] cellsPerGroup;
    /** How far (in rise times) a spike may lead the reference time before the traces are rebased. */
    static final int MAX_LEAD_TAUS = 40;

    private final double scale;
    // Per-cell traces, all referenced to refMs.
    private final double[] decayTrace;
    private final double[] riseTrace;
    private double refMs = 0.0;
    private double clockMs = Double.NEGATIVE_INFINITY;

    public CalciumFluorescenceOperator(NeuronGroups groups, CellSelection selection, CalciumKernel kernel) {
        this.kernel = kernel;
        this.quantities = groups.groups();
        this.cellsPerGroup = new int[groups.groupCount()];
        this.slotOfNeuron = groups.slots(selection, cellsPerGroup);
        this.scale = kernel.scale();
        int n = groups.neuronCount();
        this.decayTrace = new double[n];
        this.riseTrace = new double[n];
    }

    public List<ObservedQuantity> quantities() {
        return quantities;
    }

    public CalciumKernel kernel() {
        return kernel;
    }

    /** Forgets all earlier spikes. */
    public void reset() {
        java.util.Arrays.fill(decayTrace, 0.0);
        java.util.Arrays.fill(riseTrace, 0.0);
        refMs = 0.0;
        clockMs = Double.NEGATIVE_INFINITY;
    }

    /**
     * ΔF/F per group at each sample time into {@code out[sample * groups + group]}. All spikes of
     * {@code spikes} are absorbed (those after the last sample shine in the next call).
     *
     * @param sampleTimesMs strictly increasing, not before the previous call's latest event
     */
    public double[] apply(SpikeTrains spikes, double[] sampleTimesMs, double[] out) {
        int groups = quantities.size();
        if (out.length < sampleTimesMs.length * groups) {
            throw new IllegalArgumentException("output needs " + sampleTimesMs.length * groups + " entries, got " + out.length);
        }
        double[] times = spikes.timesMs();
        int[] ids = spikes.neuronIds();
        int n = spikes.count();
        int s = 0;
        for (int k = 0; k < sampleTimesMs.length; k++) {
            double t = sampleTimesMs[k];
            checkClock(t, "sample " + k);
            while (s < n && times[s] <= t) {
                absorb(times[s], ids[s], s);
                s++;
            }
            sample(t, k, groups, out);
            clockMs = t;
        }
        for (; s < n; s++) {
            absorb(times[s], ids[s], s);
        }
        return out;
    }

    private void absorb(double t, int neuron, int index) {
        checkClock(t, "spike " + index);
        clockMs = t;
        if (slotOfNeuron[neuron] < 0) {
            return;
        }
        if (t - refMs > MAX_LEAD_TAUS * kernel.riseMs()) {
            rebase(t);
        }
        decayTrace[neuron] += Math.exp((t - refMs) / kernel.decayMs());
        riseTrace[neuron] += Math.exp((t - refMs) / kernel.riseMs());
    }

    private void sample(double t, int k, int groups, double[] out) {
        rebase(t);
        int base = k * groups;
        java.util.Arrays.fill(out, base, base + groups, 0.0);
        for (int i = 0; i < slotOfNeuron.length; i++) {
            int g = slotOfNeuron[i];
            if (g >= 0 && decayTrace[i] != 0.0) {
                out[base + g] += kernel.saturate(scale * (decayTrace[i] - riseTrace[i]));
            }
        }
        for (int g = 0; g < groups; g++) {
            out[base + g] /= cellsPerGroup[g];
        }
    }

    /** Moves the common reference time to {@code t}: one factor per trace type for all cells. */
    private void rebase(double t) {
        double dt = t - refMs;
        if (dt == 0.0) {
            return;
        }
        double fd = Math.exp(-dt / kernel.decayMs());
        double fr = Math.exp(-dt / kernel.riseMs());
        for (int i = 0; i < decayTrace.length; i++) {
            decayTrace[i] *= fd;
            riseTrace[i] *= fr;
        }
        refMs = t;
    }

    private void checkClock(double t, String what) {
        if (!(t >= clockMs)) {
            throw new IllegalArgumentException(what + " at " + t + " ms comes before " + clockMs
                    + " ms: spikes must be sorted by time and windows must follow each other");
        }
    }
}
