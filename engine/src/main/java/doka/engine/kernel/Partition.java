package doka.engine.kernel;

import java.util.Arrays;

/**
 * A contiguous range of target neurons owned by one task per slice: its rows of the synapse
 * store, its pieces of populations, the input accumulator of the current slice, and one queue
 * of pending inputs per future step.
 *
 * <p>Delivery: when a spike is taken up, its row (sorted by delay, then target) is copied run by
 * run into the queue of each arrival step (targets and weights); at step s the
 * queue of s is summed into the accumulator of the slice, which is small and stays in cache.
 * Queues receive spikes in (emission step, source) order, so the order in which a neuron's
 * inputs are summed is the same for any thread count or partitioning, and a restored
 * snapshot rebuilds the queues exactly by taking up the recent spikes again.
 */
final class Partition {
    /** A population's piece inside this partition. */
    record Piece(Population population, int lo, int hi, int localBase) {
    }

    final int index;
    final int nLocal;
    final SliceContext ctx = new SliceContext();
    final int[] rowStart;
    final short[] target;
    final float[] weight;
    final byte[] delay;
    final Piece[] pieces;
    /** Spike register of the current slice: global neuron, step offset; (neuron, offset) order. */
    final int[] spikeNeuron;
    final int[] spikeOffset;
    int spikeCount;
    /** Queues of pending input by arrival step modulo {@code queues.length}. */
    private final short[][] queueTarget;
    private final float[][] queueWeight;
    private final int[] queueSize;
    /** The same for the slow inhibitory channel, and which slots drive it (null: none do). */
    private final boolean[] slowSlot;
    private final short[][] slowTarget;
    private final float[][] slowWeight;
    private final int[] slowSize;
    long events;

    Partition(int index, int nLocal, SynapseStore store, Piece[] pieces, int maxSliceSteps, int queues,
              long[] backgroundKey, double[] stimulusPa, boolean[] slowSlot) {
        this.index = index;
        this.nLocal = nLocal;
        this.rowStart = store.rowStart[index];
        this.target = store.target[index];
        this.weight = store.weight[index];
        this.delay = store.delay[index];
        this.pieces = pieces;
        this.spikeNeuron = new int[nLocal * maxSliceSteps];
        this.spikeOffset = new int[nLocal * maxSliceSteps];
        this.queueTarget = new short[queues][16];
        this.queueWeight = new float[queues][16];
        this.queueSize = new int[queues];
        this.slowSlot = slowSlot;
        this.slowTarget = slowSlot == null ? null : new short[queues][16];
        this.slowWeight = slowSlot == null ? null : new float[queues][16];
        this.slowSize = slowSlot == null ? null : new int[queues];
        ctx.buffer = new double[maxSliceSteps * nLocal * 2];
        ctx.slowBuffer = slowSlot == null ? null : new double[maxSliceSteps * nLocal];
        ctx.nLocal = nLocal;
        ctx.rangeStart = new int[pieces.length];
        ctx.rangeEnd = new int[pieces.length];
        ctx.rangeLocal = new int[pieces.length];
        for (int r = 0; r < pieces.length; r++) {
            ctx.rangeStart[r] = pieces[r].population.offset() + pieces[r].lo;
            ctx.rangeEnd[r] = pieces[r].population.offset() + pieces[r].hi;
            ctx.rangeLocal[r] = pieces[r].localBase;
        }
        ctx.backgroundKey = backgroundKey;
        ctx.stimulusPa = stimulusPa;
        ctx.stepMix = new long[maxSliceSteps];
    }

    /**
     * One slice: take up the spikes emitted in the previous slice, sum the input of every step
     * of this slice, add device input, update the neurons.
     */
    void advance(int[] newSlot, long[] newStep, int newCount, long from, int steps, InputDevice[] devices) {
        enqueue(newSlot, newStep, newCount, from);
        SliceContext c = ctx;
        c.fromStep = from;
        c.steps = steps;
        for (int s = 0; s < steps; s++) {
            c.stepMix[s] = Rng.counterMix(from + s);
            drain(from + s, s);
        }
        for (InputDevice d : devices) {
            d.addSpikeInput(c, from, steps);
        }
        c.spikeNeuron = spikeNeuron;
        c.spikeOffset = spikeOffset;
        c.spikeCount = 0;
        for (Piece piece : pieces) {
            piece.population.dynamics().update(c, piece.population, piece.lo, piece.hi, piece.localBase, from, steps);
        }
        spikeCount = c.spikeCount;
    }

    /**
     * Takes up spikes (sorted by step, then neuron; given by their sources' slots in the store,
     * −1 for sources without synapses here): each run of equal delay in a spike's row goes to the
     * queue of its arrival step. Synapses whose input arrived before {@code now} are skipped
     * (this only happens when a snapshot is restored).
     */
    void enqueue(int[] slots, long[] steps, int count, long now) {
        final byte[] d = delay;
        final short[] tg = target;
        final float[] w = weight;
        final int queues = queueSize.length;
        for (int k = 0; k < count; k++) {
            int src = slots[k];
            if (src < 0) {
                continue;
            }
            final boolean slow = slowSlot != null && slowSlot[src];
            final short[][] qTarget = slow ? slowTarget : queueTarget;
            final float[][] qWeight = slow ? slowWeight : queueWeight;
            final int[] qSize = slow ? slowSize : queueSize;
            int a = rowStart[src];
            final int b = rowStart[src + 1];
            final long t = steps[k];
            final int q0 = (int) (t % queues);
            while (a < b) {
                final int dj = d[a] & 0xff;
                int e = a + 1;
                while (e < b && (d[e] & 0xff) == dj) {
                    e++;
                }
                if (t + dj >= now) {
                    int q = q0 + dj;
                    if (q >= queues) {
                        q -= queues;
                    }
                    int size = qSize[q];
                    int n = e - a;
                    if (size + n > qTarget[q].length) {
                        grow(qTarget, qWeight, q, size + n);
                    }
                    if (n >= 16) {
                        System.arraycopy(tg, a, qTarget[q], size, n);
                        System.arraycopy(w, a, qWeight[q], size, n);
                    } else {
                        // short runs (PD14's random delays): a loop beats the calls
                        final short[] qt = qTarget[q];
                        final float[] qw = qWeight[q];
                        for (int j = 0; j < n; j++) {
                            qt[size + j] = tg[a + j];
                            qw[size + j] = w[a + j];
                        }
                    }
                    qSize[q] = size + n;
                }
                a = e;
            }
        }
    }

    private static void grow(short[][] qTarget, float[][] qWeight, int q, int needed) {
        int cap = Math.max(needed, 2 * qTarget[q].length);
        qTarget[q] = Arrays.copyOf(qTarget[q], cap);
        qWeight[q] = Arrays.copyOf(qWeight[q], cap);
    }

    /** Sums the queue of {@code step} into slot {@code offset} of the accumulator and empties it. */
    private void drain(long step, int offset) {
        int q = (int) (step % queueSize.length);
        final int n = queueSize[q];
        final short[] tg = queueTarget[q];
        final float[] w = queueWeight[q];
        final double[] acc = ctx.buffer;
        final int base = offset * nLocal;
        for (int i = 0; i < n; i++) {
            float wi = w[i];
            acc[((base + (tg[i] & 0xffff)) << 1) | (Float.floatToRawIntBits(wi) >>> 31)] += wi;
        }
        queueSize[q] = 0;
        events += n;
        if (slowSize != null && slowSize[q] > 0) {
            final int m = slowSize[q];
            final short[] st = slowTarget[q];
            final float[] sw = slowWeight[q];
            final double[] slowAcc = ctx.slowBuffer;
            for (int i = 0; i < m; i++) {
                slowAcc[base + (st[i] & 0xffff)] += sw[i];
            }
            slowSize[q] = 0;
            events += m;
        }
    }

    /** Empties all queues (before a restore rebuilds them). */
    void clearQueues() {
        Arrays.fill(queueSize, 0);
        if (slowSize != null) {
            Arrays.fill(slowSize, 0);
        }
    }
}
