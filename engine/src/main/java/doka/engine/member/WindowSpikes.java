package doka.engine.member;

import java.util.List;
import java.util.function.UnaryOperator;

import doka.engine.kernel.Network;
import doka.engine.kernel.Population;
import doka.engine.record.SpikeRecorder;

/**
 * Every spike of a member's last window, in time order, with the populations that name its neurons.
 *
 * @param neuron            the neuron of each spike
 * @param timeMs            its time, ms from the window's start
 * @param windowStartMs     the window's start, ms of the member's own clock (warm-up included)
 * @param dtMs              the time step: the resolution of the times
 * @param neuronCount       the member's neurons
 * @param populations       the population names, in neuron order
 * @param areas             the brain area of each population ("" when the model has none)
 * @param populationOffsets the first neuron of each population, and the neuron count last
 */
public record WindowSpikes(int[] neuron, double[] timeMs, double windowStartMs, double dtMs, int neuronCount, List<String> populations,
                           List<String> areas, int[] populationOffsets) {
    /**
     * The spikes {@code recorder} holds (steps of {@code network}, whose step 0 is {@code stepOriginMs} of the
     * member's clock), from a window starting at {@code startMs}; {@code areaOf} names a population's area.
     */
    public static WindowSpikes of(Network network, SpikeRecorder recorder, double stepOriginMs, double startMs,
                                  UnaryOperator<String> areaOf) {
        double[] time = new double[recorder.size()];
        for (int i = 0; i < time.length; i++) {
            time[i] = stepOriginMs + recorder.step(i) * network.dtMs() - startMs;
        }
        List<Population> pops = network.populations();
        int[] offsets = new int[pops.size() + 1];
        for (int p = 0; p < pops.size(); p++) {
            offsets[p] = pops.get(p).offset();
        }
        offsets[pops.size()] = network.neuronCount();
        List<String> names = pops.stream().map(Population::name).toList();
        return new WindowSpikes(recorder.neurons(), time, startMs, network.dtMs(), network.neuronCount(), names,
                names.stream().map(areaOf).toList(), offsets);
    }
}
