package doka.observation.operator;

import java.util.List;

import doka.observation.ObservedQuantity;

/**
 * Binned population rate per group: {@code r[b][g] = N_spk(g, b) / (N_g · Δt)} in Hz, where
 * {@code N_spk(g, b)} counts the spikes of the selected cells of group {@code g} (excitatory or all)
 * in bin {@code b = [t0 + bΔt, t0 + (b+1)Δt)} and {@code N_g} is the number of selected cells.
 *
 * <p>{@link #PopulationRateOperator init} precomputes each neuron's slot and the group sizes (the
 * PDAF-OMI split); {@link #apply} only counts, allocation-free.
 */
public final class PopulationRateOperator {
    private final List<ObservedQuantity> quantities;
    private final int[] slotOfNeuron;
    private final int[] cellsPerGroup;
    private final double startMs;
    private final double binWidthMs;
    private final int binCount;

    /**
     * @param groups     neuron → group map and E/I flags
     * @param selection  which cells count
     * @param startMs    start of the first bin
     * @param binWidthMs bin width, {@code > 0}
     * @param binCount   number of bins, {@code ≥ 1}
     */
    public PopulationRateOperator(NeuronGroups groups, CellSelection selection, double startMs, double binWidthMs, int binCount) {
        if (!(binWidthMs > 0) || binCount < 1 || !Double.isFinite(startMs)) {
            throw new IllegalArgumentException("bins need a finite start, width > 0 and count >= 1; got start " + startMs
                    + " ms, width " + binWidthMs + " ms, count " + binCount);
        }
        this.quantities = groups.groups();
        this.cellsPerGroup = new int[groups.groupCount()];
        this.slotOfNeuron = groups.slots(selection, cellsPerGroup);
        this.startMs = startMs;
        this.binWidthMs = binWidthMs;
        this.binCount = binCount;
    }

    /** Number of outputs: bins × groups. */
    public int observationCount() {
        return binCount * quantities.size();
    }

    public List<ObservedQuantity> quantities() {
        return quantities;
    }

    /** Bin centres in seconds (the observation times). */
    public double[] timesS() {
        return ObsOperators.binCentres(startMs, binWidthMs, binCount, 1e-3);
    }

    /** Rates in Hz into {@code out[bin * groups + group]}; returns {@code out}. */
    public double[] apply(SpikeTrains spikes, double[] out) {
        if (out.length < observationCount()) {
            throw new IllegalArgumentException("output needs " + observationCount() + " entries, got " + out.length);
        }
        return ObsOperators.binnedGroupRates(spikes.timesMs(), spikes.neuronIds(), spikes.count(), slotOfNeuron, cellsPerGroup,
                startMs, binWidthMs, binCount, 1000.0, out);
    }
}
