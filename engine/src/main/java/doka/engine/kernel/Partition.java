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
    /** Queues of pending input by arrival step modulo {@code queues.length}, routed by the weights' sign. */
    private final short[][] queueTarget;
    private final float[][] queueWeight;
    private final int[] queueSize;
    /**
     * The receptor channel of each source slot, {@link Receptor#BY_SIGN} for most; null when all
     * slots are routed by sign (then the fixed-channel queues below are null too).
     */
    private final byte[] slotChannel;
    /** Queues of input routed to one fixed channel, [channel][arrival step]; null for channels nothing is routed to. */
    private final short[][][] channelTarget;
    private final float[][][] channelWeight;
    private final int[][] channelSize;
    /** Receptor channels per neuron in the accumulator. */
    private final int channels;
    long events;

    /**
     * @param slotChannel the receptor channel of each source slot ({@link Receptor#BY_SIGN} for
     *                    routing by sign), or null when every slot is routed by sign
     * @param channels    receptor channels per neuron in the accumulator (at least 2, above every
     *                    channel in {@code slotChannel})
     */
    Partition(int index, int nLocal, SynapseStore store, Piece[] pieces, int maxSliceSteps, int queues,
              long[] backgroundKey, double[] stimulusPa, byte[] slotChannel, int channels) {
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
        this.slotChannel = slotChannel;
        this.channels = channels;
        this.channelTarget = slotChannel == null ? null : new short[channels][][];
        this.channelWeight = slotChannel == null ? null : new float[channels][][];
        this.channelSize = slotChannel == null ? null : new int[channels][];
        if (slotChannel != null) {
            for (byte c : slotChannel) {
                if (c >= 0 && channelSize[c] == null) {
                    channelTarget[c] = new short[queues][16];
                    channelWeight[c] = new float[queues][16];
                    channelSize[c] = new int[queues];
                }
            }
        }
        ctx.buffer = new double[maxSliceSteps * nLocal * channels];
        ctx.channels = channels;
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
            final int channel = slotChannel == null ? Receptor.BY_SIGN : slotChannel[src];
            final short[][] qTarget = channel < 0 ? queueTarget : channelTarget[channel];
            final float[][] qWeight = channel < 0 ? queueWeight : channelWeight[channel];
            final int[] qSize = channel < 0 ? queueSize : channelSize[channel];
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

    /** Sums the queues of {@code step} into slot {@code offset} of the accumulator and empties them. */
    private void drain(long step, int offset) {
        int q = (int) (step % queueSize.length);
        final int n = queueSize[q];
        final short[] tg = queueTarget[q];
        final float[] w = queueWeight[q];
        final double[] acc = ctx.buffer;
        final int base = offset * nLocal;
        if (channels == 2) {
            // the common case: a shift and the sign bit pick the cell
            for (int i = 0; i < n; i++) {
                float wi = w[i];
                acc[((base + (tg[i] & 0xffff)) << 1) | (Float.floatToRawIntBits(wi) >>> 31)] += wi;
            }
        } else {
            final int ch = channels;
            for (int i = 0; i < n; i++) {
                float wi = w[i];
                acc[(base + (tg[i] & 0xffff)) * ch + (Float.floatToRawIntBits(wi) >>> 31)] += wi;
            }
        }
        queueSize[q] = 0;
        events += n;
        if (channelSize != null) {
            for (int c = 0; c < channels; c++) {
                if (channelSize[c] != null && channelSize[c][q] > 0) {
                    drainChannel(c, q, base);
                }
            }
        }
    }

    /** Sums queue {@code q} of the fixed channel {@code c} into its cells and empties it. */
    private void drainChannel(int c, int q, int base) {
        final int m = channelSize[c][q];
        final short[] tg = channelTarget[c][q];
        final float[] w = channelWeight[c][q];
        final double[] acc = ctx.buffer;
        final int ch = channels;
        for (int i = 0; i < m; i++) {
            acc[(base + (tg[i] & 0xffff)) * ch + c] += w[i];
        }
        channelSize[c][q] = 0;
        events += m;
    }

    /** Empties all queues (before a restore rebuilds them). */
    void clearQueues() {
        Arrays.fill(queueSize, 0);
        if (channelSize != null) {
            for (int[] size : channelSize) {
                if (size != null) {
                    Arrays.fill(size, 0);
                }
            }
        }
    }
}
