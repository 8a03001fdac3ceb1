package doka.launcher.experiment;

import doka.engine.kernel.NetworkBytes;

/**
 * A member's size from its model's own rules, without building it ({@link MemberEstimate} turns it into memory and
 * time).
 *
 * @param neurons           neurons of the member (exact: the cells are placed as the builder places them)
 * @param synapses          the rules' expected synapses
 * @param largestBlocks     expected synapses of the largest generator blocks, largest first (builder batches' sizes)
 * @param sliceSteps        steps of the network's slice
 * @param channels          receptor channels per neuron the partitions buffer
 * @param builtPerNeuron    bytes per neuron of the member the model's own arrays keep on every rank (cells, recorders)
 * @param buildingPerNeuron bytes per neuron of the member the model's build holds on top, until it ends
 * @param dtMs              the time step, ms
 */
public record MemberSize(double neurons, double synapses, double[] largestBlocks, int sliceSteps, int channels,
                         int builtPerNeuron, int buildingPerNeuron, double dtMs) {
    /** One rank's part of the network when the member is split over {@code ranks} tiles of about equal cell count. */
    NetworkBytes.Part part(int ranks, int threads) {
        double[] blocks = java.util.Arrays.stream(largestBlocks).map(b -> b / ranks).toArray();
        return new NetworkBytes.Part(neurons, neurons / ranks, synapses / ranks, blocks, threads, sliceSteps, channels,
                ranks > 1);
    }

    /** A cortex model's size by the builder's rules ({@link doka.engine.cortex.CortexSize}), without a build. */
    public static MemberSize ofCortex(doka.engine.cortex.CortexModel model, doka.engine.cortex.CortexNetwork.Inputs inputs) {
        doka.engine.cortex.CortexSize s = doka.engine.cortex.CortexSize.of(model, inputs);
        return new MemberSize(s.neurons(), s.synapses(), s.largestBlocks(), s.sliceSteps(), s.channels(),
                doka.engine.cortex.CortexSize.BUILT_PER_NEURON, doka.engine.cortex.CortexSize.BUILDING_PER_NEURON,
                model.run().dtMs());
    }
}
