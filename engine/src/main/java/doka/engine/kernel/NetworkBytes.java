package doka.engine.kernel;

/**
 * The memory a rank's part of a network takes, from the sizes of the kernel's arrays as they are allocated (object
 * headers, the model's own tables and the JVM are left out), so that a run can be planned without building it.
 *
 * <p>Per synapse: 7 bytes stored ({@link SynapseStore}: short target, float weight, byte delay); during the build
 * also 11 bytes in the store's buffers (int source, short target, float weight, byte delay), which are copied into
 * the stored arrays chunk by chunk. With a heap that has room, nothing collects the copied chunks before the build
 * ends, so a rank's memory peaks at 18 bytes per synapse; a heap held to the minimum needs 11. Each worker thread
 * also fills a {@link SynapseBatch} (16 bytes per entry: int source, int target, float weight, int delay) with the
 * synapses of one generator block, grown by doubling from 1,024 entries.
 *
 * <p>Per neuron of the network, on every rank: {@link Network}'s background key (long) and stimulus (double), 16
 * bytes, and the store's slot index (int) and source of each slot (int, up to one per neuron), 8 bytes; 4 more on a
 * split network (the ownership's local index map). Per owned neuron: the neuron state (v, the refractory count or
 * u, three PSC currents: 36–40 bytes, 40 taken) and the partition's slice buffers ({@link Partition}: spike neuron and offset,
 * 8 bytes per step of the slice, and the input accumulator, 8 bytes per step and receptor channel). Per partition:
 * its row index, one int per source slot.
 */
public final class NetworkBytes {
    public static final int STORED_PER_SYNAPSE = 7;
    public static final int BUFFERED_PER_SYNAPSE = 11;
    public static final int BATCH_PER_ENTRY = 16;
    public static final int PER_NETWORK_NEURON = 16;
    public static final int SPLIT_PER_NETWORK_NEURON = 4;
    public static final int STATE_PER_OWNED_NEURON = 40;

    private NetworkBytes() {
    }

    /**
     * One rank's part of a network.
     *
     * @param neurons       neurons of the whole network
     * @param owned         neurons this rank owns
     * @param synapses      synapses onto the owned neurons
     * @param largestBlocks the synapses the largest generator blocks give this rank, largest first (batches' sizes: a
     *                      thread's batch grows to the largest block it draws, so {@code threads} batches hold at most
     *                      the {@code threads} largest)
     * @param threads       worker threads of the rank
     * @param sliceSteps    steps per slice (the smallest delay, at most 64)
     * @param channels      receptor channels the partitions buffer per neuron
     * @param split         the network is split over ranks
     */
    public record Part(double neurons, double owned, double synapses, double[] largestBlocks, int threads, int sliceSteps,
                       int channels, boolean split) {
    }

    /**
     * Bytes of the synapse store, as {@link SynapseStore#bytes()} counts them: the synapses, a row index per partition
     * and the slot index, taking every neuron as a source with a synapse here (at most one per synapse).
     */
    public static double store(Part p) {
        int size = NetworkBuilder.partitionSize(0, (int) Math.min(Integer.MAX_VALUE - 1, p.owned()),
                (int) Math.min(Integer.MAX_VALUE - 1, p.neurons()), p.threads());
        double partitions = Math.max(1, Math.ceil(p.owned() / size));
        double slots = Math.min(p.neurons(), p.synapses());
        return STORED_PER_SYNAPSE * p.synapses() + 4 * partitions * (slots + 1) + 4 * (p.neurons() + slots);
    }

    /** Bytes the built network holds: the synapse store, the per-neuron arrays, the partitions' buffers. */
    public static double built(Part p) {
        return store(p) + (PER_NETWORK_NEURON + (p.split() ? SPLIT_PER_NETWORK_NEURON : 0)) * p.neurons()
                + p.owned() * (STATE_PER_OWNED_NEURON + 8.0 * p.sliceSteps() * (1 + p.channels()));
    }

    /** The peak of the build: the built network plus the store's buffers and the threads' batches. */
    public static double buildPeak(Part p) {
        double batches = 0;
        for (int i = 0; i < Math.min(p.threads(), p.largestBlocks().length); i++) {
            batches += BATCH_PER_ENTRY * batchCapacity(p.largestBlocks()[i]);
        }
        return built(p) + BUFFERED_PER_SYNAPSE * p.synapses() + batches;
    }

    /** Entries of a {@link SynapseBatch} that held {@code entries}: 1,024 doubled until they fit. */
    static double batchCapacity(double entries) {
        double capacity = 1024;
        while (capacity < entries) {
            capacity *= 2;
        }
        return capacity;
    }
}
