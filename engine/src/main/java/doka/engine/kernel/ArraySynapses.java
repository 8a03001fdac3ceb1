package doka.engine.kernel;

/**
 * Synapses given as primitive arrays (global neuron indices, weights in pA, delays in steps).
 * The arrays are read during the build and must not change until it ends.
 */
public final class ArraySynapses implements SynapseGenerator {
    private static final int BLOCK = 1 << 20;

    private final String description;
    private final int[] source;
    private final int[] target;
    private final float[] weightPa;
    private final int[] delaySteps;

    public ArraySynapses(String description, int[] source, int[] target, float[] weightPa, int[] delaySteps) {
        int n = source.length;
        if (target.length != n || weightPa.length != n || delaySteps.length != n) {
            throw new IllegalArgumentException(description + ": source, target, weightPa and delaySteps must have equal"
                    + " lengths, got " + n + ", " + target.length + ", " + weightPa.length + ", " + delaySteps.length);
        }
        this.description = description;
        this.source = source;
        this.target = target;
        this.weightPa = weightPa;
        this.delaySteps = delaySteps;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int blockCount() {
        return (source.length + BLOCK - 1) / BLOCK;
    }

    @Override
    public void generate(int block, SynapseBatch out, Ownership targets) {
        int lo = block * BLOCK;
        int hi = Math.min(source.length, lo + BLOCK);
        for (int i = lo; i < hi; i++) {
            out.add(source[i], target[i], weightPa[i], delaySteps[i]);
        }
    }
}
