package doka.engine.cortex;

import doka.engine.kernel.NeuronModel;
import doka.engine.model.NeuronModels;
import doka.engine.regions.Regions;

/**
 * The size of a cortex member from the builder's own rules, without drawing a synapse: the cells are placed as the
 * builder places them (so the neuron count is exact), and the synapses are the rules' expected counts: per local
 * pathway the target population's cells × the mean in-degree K·s less what capping p₀ at 1 takes
 * ({@link LocalPathways#expectedInDegree}), the long-range rule's expected count at the solved gain γ
 * ({@link LongRangeWiring#expectedInto}), and the regions' fixed in-degrees ({@link Regions#expectedSynapses}). The
 * background is Poisson input, not synapses. Costs the builder's first two phases (cells, pathway tables): 2 s and
 * about 50 bytes per neuron for the real atlas at s = 0.1 on this machine.
 *
 * @param neurons           neurons of the member (cortex and regions)
 * @param localSynapses     expected within-area synapses
 * @param longRangeSynapses expected between-area synapses
 * @param regionSynapses    expected synapses of the regions' rules (0 without regions)
 * @param largestBlocks     expected synapses of the largest generator blocks (a target population, a target area's
 *                          long-range input or a region task), largest first, at most {@value #BLOCKS_KEPT}: the sizes of
 *                          the builder's batches
 * @param sliceSteps        steps of the network's slice (its smallest delay, at most 64)
 * @param channels          receptor channels per neuron the partitions buffer
 */
public record CortexSize(long neurons, double localSynapses, double longRangeSynapses, double regionSynapses,
                         double[] largestBlocks, int sliceSteps, int channels) {
    /** Blocks kept in {@link #largestBlocks}: a rank's threads, on a large node. */
    public static final int BLOCKS_KEPT = 256;

    /**
     * Bytes per neuron of the member that the cortex's own arrays keep on every rank: the cells (voxel, 3-D and
     * tangential positions: 28) and the rate recorder's population index (4).
     */
    public static final int BUILT_PER_NEURON = 32;
    /** And until the build ends: the pathway tables' site (4) and the local wiring's tangential index (cell, position: 16). */
    public static final int BUILDING_PER_NEURON = 20;

    public double synapses() {
        return localSynapses + longRangeSynapses + regionSynapses;
    }

    /** The size of a member of {@code model} built from {@code inputs}. */
    public static CortexSize of(CortexModel model, CortexNetwork.Inputs inputs) {
        var atlas = inputs.atlas();
        double s = model.cells().densityScale();
        Cells cells = Cells.place(atlas, inputs.composition(), s, model.cells().seed());
        // the inhibitory time constants shape the pathways' weights, not their in-degrees
        double[][] anyTaus = new double[Cells.CLASSES][Cells.CLASSES];
        for (double[] row : anyTaus) {
            java.util.Arrays.fill(row, 1);
        }
        LocalPathways pathways = new LocalPathways(atlas, cells, inputs.composition(), model.local(), s, anyTaus);
        int perArea = Cells.LAYERS * Cells.CLASSES;
        double local = 0;
        java.util.List<Double> blocks = new java.util.ArrayList<>();
        for (int tp = 0; tp < cells.populationCount(); tp++) {
            int base = Cells.areaOf(tp) * perArea;
            double inDegree = 0;
            for (int k = 0; k < perArea && cells.size(tp) > 0; k++) {
                inDegree += pathways.expectedInDegree(tp, base + k);
            }
            double block = cells.size(tp) * inDegree;
            local += block;
            blocks.add(block);
        }
        double longRange = 0;
        double[] strength = inputs.connectome().forAtlas(atlas);
        double gamma = CortexNetwork.solveGamma(inputs, cells, strength, s, model);
        if (gamma > 0) {
            double[] gains = CortexNetwork.byArea(atlas, model.parameters().get(CortexModel.LONG_RANGE_GAIN));
            for (double into : LongRangeWiring.expectedInto(cells, strength, gamma, gains)) {
                longRange += into;
                blocks.add(into);
            }
        }
        long neurons = cells.count();
        double regionSynapses = 0;
        double minDelayMs = Math.min(Math.min(model.local().delayExcMs(), model.local().delayInhMs()),
                model.longRange().baseDelayMs());
        if (inputs.regions() != null) {
            Regions regions = new Regions(model.regions(), inputs.regions(), atlas, cells);
            neurons += regions.cells().count();
            for (double task : regions.expectedSynapses(model.parameters())) {
                regionSynapses += task;
                blocks.add(task);
            }
            minDelayMs = Math.min(minDelayMs, Regions.SMALLEST_DELAY_MS);
        }
        int slice = (int) Math.max(1, Math.min(64, Math.round(minDelayMs / model.run().dtMs())));
        double[] largest = blocks.stream().sorted(java.util.Comparator.reverseOrder()).limit(BLOCKS_KEPT)
                .mapToDouble(Double::doubleValue).toArray();
        return new CortexSize(neurons, local, longRange, regionSynapses, largest, slice, channels(model));
    }

    /** 3 when some class's LTS inhibition has its own time constant (then it has its own channel), else 2. */
    private static int channels(CortexModel model) {
        for (CellClass c : CellClass.values()) {
            CortexModel.NeuronSpec ns = model.neurons().get(c.name());
            NeuronModel m = NeuronModels.create(ns.model(), ns.preset(), ns.params());
            double[] tau = CortexNetwork.synapticTausMs(m);
            if (tau[2] != tau[1]) {
                return 3;
            }
        }
        return 2;
    }
}
