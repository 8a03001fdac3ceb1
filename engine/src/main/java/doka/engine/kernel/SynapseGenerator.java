package doka.engine.kernel;

/**
 * A deterministic source of synapses, split into independent blocks. Blocks run on any thread,
 * in any order, and may be asked for more than once, so a block's output must depend only on
 * its index and the generator's seed. The source/target sequence of a block must be the same
 * whether or not values are requested (callers that only count ask without values).
 */
public interface SynapseGenerator {
    /** For error messages, e.g. "fixed_total_number L4e -> L2/3e". */
    String description();

    int blockCount();

    /**
     * Emits block {@code block} into {@code out} (already cleared): with {@code values} false
     * only source and target are needed.
     */
    void generate(int block, SynapseBatch out, boolean values);

    /**
     * Like {@link #generate(int, SynapseBatch, boolean)} on a rank that owns only
     * {@code targets}: the store keeps only synapses onto owned targets, so a generator whose
     * streams are keyed by target may skip the others (their synapses would be dropped anyway).
     * The synapses kept must be exactly those the full generation gives.
     */
    default void generate(int block, SynapseBatch out, boolean values, Ownership targets) {
        generate(block, out, values);
    }
}
