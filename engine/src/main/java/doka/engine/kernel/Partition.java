package doka.engine.kernel;

/**
 * A contiguous range of target neurons owned by one task per slice: its ring buffer, its rows
 * of the synapse store, its pieces of populations and its spike register (two of them, so that
 * the previous slice's spikes can be read by all partitions while new ones are written).
 */
final class Partition {
    /** A population's piece inside this partition. */
    record Piece(Population population, int lo, int hi, int localBase) {
    }

    final int first;
    final int nLocal;
    final SliceContext ctx = new SliceContext();
    final double[] buffer;
    final int[] rowStart;
    final short[] target;
    final float[] weight;
    final byte[] delay;
    final Piece[] pieces;
    final int[][] spikeNeuron = new int[2][];
    final int[][] spikeOffset = new int[2][];
    final int[] spikeCount = new int[2];
    long events;

    Partition(int first, int nLocal, int ringSize, SynapseStore store, int index, Piece[] pieces,
              int maxSliceSteps, long[] backgroundKey, double[] stimulusPa) {
        this.first = first;
        this.nLocal = nLocal;
        this.buffer = new double[ringSize * nLocal * 2];
        this.rowStart = store.rowStart[index];
        this.target = store.target[index];
        this.weight = store.weight[index];
        this.delay = store.delay[index];
        this.pieces = pieces;
        for (int p = 0; p < 2; p++) {
            spikeNeuron[p] = new int[nLocal * maxSliceSteps];
            spikeOffset[p] = new int[nLocal * maxSliceSteps];
        }
        ctx.buffer = buffer;
        ctx.nLocal = nLocal;
        ctx.slotMask = ringSize - 1;
        ctx.firstNeuron = first;
        ctx.backgroundKey = backgroundKey;
        ctx.stimulusPa = stimulusPa;
        ctx.stepMix = new long[maxSliceSteps];
    }

    /** One slice: deliver the previous slice's spikes, add device input, update the neurons. */
    void advance(Partition[] all, boolean hasPending, int previous, long previousFrom, long from, int steps,
                 int current, InputDevice[] devices) {
        if (hasPending) {
            deliver(all, previous, previousFrom);
        }
        SliceContext c = ctx;
        c.fromStep = from;
        c.steps = steps;
        for (int s = 0; s < steps; s++) {
            c.stepMix[s] = Rng.counterMix(from + s);
        }
        for (InputDevice d : devices) {
            d.addSpikeInput(c, from, steps);
        }
        c.spikeNeuron = spikeNeuron[current];
        c.spikeOffset = spikeOffset[current];
        c.spikeCount = 0;
        for (Piece piece : pieces) {
            piece.population.dynamics().update(c, piece.population, piece.lo, piece.hi, piece.localBase, from, steps);
        }
        spikeCount[current] = c.spikeCount;
    }

    /**
     * Adds every spike of register {@code parity} of all partitions (emitted in the slice that
     * started at {@code from}) to this partition's ring buffer. Order: source neuron, then step,
     * then the row's (delay, target, weight) order — the same for any thread count.
     */
    void deliver(Partition[] all, int parity, long from) {
        final double[] buf = buffer;
        final int n = nLocal;
        final int mask = ctx.slotMask;
        final int[] rs = rowStart;
        final short[] tg = target;
        final float[] w = weight;
        final byte[] d = delay;
        long ev = 0;
        for (Partition q : all) {
            int count = q.spikeCount[parity];
            int[] sn = q.spikeNeuron[parity];
            int[] so = q.spikeOffset[parity];
            for (int k = 0; k < count; k++) {
                int src = sn[k];
                int a = rs[src];
                int b = rs[src + 1];
                if (a == b) {
                    continue;
                }
                ev += b - a;
                int t = (int) ((from + so[k]) & mask);
                for (int j = a; j < b; j++) {
                    float wj = w[j];
                    int slot = (t + (d[j] & 0xff)) & mask;
                    int idx = ((slot * n + (tg[j] & 0xffff)) << 1) | (Float.floatToRawIntBits(wj) >>> 31);
                    buf[idx] += wj;
                }
            }
        }
        events += ev;
    }
}
