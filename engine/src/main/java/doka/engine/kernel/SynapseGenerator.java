package doka.engine.kernel;

/**
 * A deterministic source of synapses, split into independent blocks. Blocks run on any thread,
 * in any order, so a block's output must depend only on its index and the generator's seed.
 */
public interface SynapseGenerator {
    /** For error messages, e.g. "fixed_total_number L4e -> L2/3e". */
    String description();

    int blockCount();

    /**
     * Emits block {@code block} into {@code out} (already cleared). A rank of a split network
     * keeps only the synapses onto the neurons it owns ({@code targets}); a generator whose
     * random streams are keyed by target may skip the others, but must then emit exactly the
     * synapses onto owned targets that it would emit for the whole network.
     */
    void generate(int block, SynapseBatch out, Ownership targets);
}
