package doka.engine.member;

import java.util.List;

import doka.engine.kernel.RankComm;
import doka.engine.record.SpikeRecorder;
import doka.engine.record.SynapticCurrentRecorder;

/**
 * A spiking member that hands out raw measurements besides its rates, so that measures defined outside the
 * engine (calcium imaging, LFP proxies) can be computed from them: which area and class each neuron is, this
 * rank's spikes of the last advance, and recorders of synaptic currents. A member split over ranks hands out
 * its rank's part; combining the parts is the caller's business (through {@link #comm()}).
 */
public interface MeasurableMember extends SpikingMember {
    /**
     * Area and class of every neuron of the whole member.
     *
     * @param areas       the area names, in the order of the member's rate predictions
     * @param areaOf      for each neuron (global index), its index in {@code areas}, -1 for a neuron in no area
     * @param excitatory  for each neuron, true for an excitatory (pyramidal) cell
     */
    record CellLabels(List<String> areas, int[] areaOf, boolean[] excitatory) {
        public CellLabels {
            areas = List.copyOf(areas);
        }
    }

    CellLabels cellLabels();

    /**
     * This rank's spikes of the last {@link #advance} or {@link #simulateMs} call, in (step, neuron) order:
     * global neuron ids, steps counted from {@link #spikeStepOffset()}.
     */
    SpikeRecorder lastSpikes();

    /** Added to {@link #lastSpikes()}' steps, gives the member's step count (time / {@link #dtMs()}). */
    long spikeStepOffset();

    double dtMs();

    /** The member's step count: its time is {@code stepCount() · dtMs()}. */
    long stepCount();

    /** Whether this rank simulates neuron {@code neuron} (global index); always true for a member on one rank. */
    boolean owns(int neuron);

    /**
     * Attaches {@code recorder} for the rest of the member's life (across rebuilds), sampling every
     * {@code everySteps} steps; its sample steps count on the member's clock.
     */
    void recordCurrents(SynapticCurrentRecorder recorder, int everySteps);

    /** The member's communicator when it is split over ranks, else null. */
    RankComm comm();
}
