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

    /** The resolution of each cell's ΔF/F in {@link #applySums}' sums (2⁻³²). */
    public static final double SUM_QUANTUM_DFF = 0x1p-32;

    public CalciumFluorescenceOperator(NeuronGroups groups, CellSelection selection, CalciumKernel kernel) {
        this(groups, selection, kernel, neuron -> true);
    }

    /**
     * The operator for a part of the cells ({@code part}: e.g. those a rank owns), whose spikes only it will
     * be given: the groups' sizes ({@link #cellCount}) stay those of the whole, so the parts'
     * {@link #applySums sums} add up to the whole's.
     */
    public CalciumFluorescenceOperator(NeuronGroups groups, CellSelection selection, CalciumKernel kernel,
                                       java.util.function.IntPredicate part) {
        this.kernel = kernel;
        this.quantities = groups.groups();
        this.cellsPerGroup = new int[groups.groupCount()];
        this.slotOfNeuron = groups.slots(selection, cellsPerGroup);
        for (int i = 0; i < slotOfNeuron.length; i++) {
            if (!part.test(i)) {
                slotOfNeuron[i] = -1;
            }
        }
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
        checkLength(out.length, sampleTimesMs.length);
        run(spikes, sampleTimesMs, out, null);
        return out;
    }

    /**
     * Like {@link #apply}, but {@code sums[sample * groups + group]} receives the sum of this part's
     * cells' ΔF/F, each rounded to a multiple of {@link #SUM_QUANTUM_DFF}: integers, so the sums of
     * the parts of a split member add up exactly, in any order. ΔF/F is {@code sum · SUM_QUANTUM_DFF /
     * cellCount(group)}.
     */
    public long[] applySums(SpikeTrains spikes, double[] sampleTimesMs, long[] sums) {
        checkLength(sums.length, sampleTimesMs.length);
        run(spikes, sampleTimesMs, null, sums);
        return sums;
    }

    /** The number of cells group {@code g} averages over (in the whole, for an operator of a part). */
    public int cellCount(int g) {
        return cellsPerGroup[g];
    }

    private void checkLength(int length, int samples) {
        if (length < samples * quantities.size()) {
            throw new IllegalArgumentException("output needs " + samples * quantities.size() + " entries, got " + length);
        }
    }

    private void run(SpikeTrains spikes, double[] sampleTimesMs, double[] out, long[] sums) {
        int groups = quantities.size();
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
            if (out != null) {
                sample(t, k, groups, out);
            } else {
                sampleSums(t, k, groups, sums);
            }
            clockMs = t;
        }
        for (; s < n; s++) {
            absorb(times[s], ids[s], s);
        }
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

    private void sampleSums(double t, int k, int groups, long[] sums) {
        rebase(t);
        int base = k * groups;
        java.util.Arrays.fill(sums, base, base + groups, 0L);
        for (int i = 0; i < slotOfNeuron.length; i++) {
            int g = slotOfNeuron[i];
            if (g >= 0 && decayTrace[i] != 0.0) {
                long q = Math.round(kernel.saturate(scale * (decayTrace[i] - riseTrace[i])) * (1.0 / SUM_QUANTUM_DFF));
                sums[base + g] = Math.addExact(sums[base + g], q);
            }
        }
    }

    /** Writes the traces (of the cells this operator counts) and the clock, for a run that continues bit for bit. */
    public void writeState(java.io.DataOutput out) throws java.io.IOException {
        out.writeDouble(refMs);
        out.writeDouble(clockMs);
        for (int i = 0; i < slotOfNeuron.length; i++) {
            if (slotOfNeuron[i] >= 0) {
                out.writeDouble(decayTrace[i]);
                out.writeDouble(riseTrace[i]);
            }
        }
    }

    /** Reads what {@link #writeState} wrote, into an operator built alike. */
    public void readState(java.io.DataInput in) throws java.io.IOException {
        refMs = in.readDouble();
        clockMs = in.readDouble();
        for (int i = 0; i < slotOfNeuron.length; i++) {
            if (slotOfNeuron[i] >= 0) {
                decayTrace[i] = in.readDouble();
                riseTrace[i] = in.readDouble();
            }
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
