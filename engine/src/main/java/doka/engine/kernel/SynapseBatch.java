package doka.engine.kernel;

import java.util.Arrays;

/** A growable block of synapses (struct of arrays) that a {@link SynapseGenerator} fills. */
public final class SynapseBatch {
    int[] source = new int[1024];
    int[] target = new int[1024];
    float[] weightPa = new float[1024];
    int[] delaySteps = new int[1024];
    int size;

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** Source of entry {@code i}. */
    public int source(int i) {
        return source[i];
    }

    /** Target of entry {@code i}. */
    public int target(int i) {
        return target[i];
    }

    /** Adds a connection with weight (pA, sign selects the channel) and delay (steps, 1..255). */
    public void add(int src, int tgt, float weight, int delay) {
        if (size == source.length) {
            grow();
        }
        source[size] = src;
        target[size] = tgt;
        weightPa[size] = weight;
        delaySteps[size] = delay;
        size++;
    }

    private void grow() {
        int n = source.length * 2;
        source = Arrays.copyOf(source, n);
        target = Arrays.copyOf(target, n);
        weightPa = Arrays.copyOf(weightPa, n);
        delaySteps = Arrays.copyOf(delaySteps, n);
    }
}
