package doka.engine.kernel;

import java.util.Arrays;

/**
 * A contiguous range of target neurons owned by one task per slice: its rows of the synapse
 * store, its pieces of populations, the input accumulator of the current slice, and the list
 * of spikes in flight towards it.
 *
 * <p>Delivery is per step: a spike in flight keeps a cursor into its row (sorted by delay); at
 * step s every in-flight spike emitted at t delivers the run of synapses with delay s − t into
 * the accumulator of step s, which is small and stays in cache (a ring buffer of all future
 * steps would not). The in-flight list is ordered by (emission step, source), so the order in
 * which a neuron's inputs are summed is the same for any thread count or partitioning.
 */
final class Partition {
    /** A population's piece inside this partition. */
    record Piece(Population population, int lo, int hi, int localBase) {
    }

    final int index;
    final int first;
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
    /** Spikes in flight: next synapse, row end, emission step. */
    int[] cursor = new int[256];
    int[] rowEnd = new int[256];
    long[] emitted = new long[256];
    int inFlight;
    long events;

    Partition(int index, int first, int nLocal, SynapseStore store, Piece[] pieces, int maxSliceSteps,
              long[] backgroundKey, double[] stimulusPa) {
        this.index = index;
        this.first = first;
        this.nLocal = nLocal;
        this.rowStart = store.rowStart[index];
        this.target = store.target[index];
        this.weight = store.weight[index];
        this.delay = store.delay[index];
        this.pieces = pieces;
        this.spikeNeuron = new int[nLocal * maxSliceSteps];
        this.spikeOffset = new int[nLocal * maxSliceSteps];
        ctx.buffer = new double[maxSliceSteps * nLocal * 2];
        ctx.nLocal = nLocal;
        ctx.firstNeuron = first;
        ctx.backgroundKey = backgroundKey;
        ctx.stimulusPa = stimulusPa;
        ctx.stepMix = new long[maxSliceSteps];
    }

    /**
     * One slice: take up the spikes emitted in the previous slice, deliver the input of every
     * step of this slice, add device input, update the neurons.
     */
    void advance(int[] newNeuron, long[] newStep, int newCount, long from, int steps, InputDevice[] devices) {
        enqueue(newNeuron, newStep, newCount, from);
        SliceContext c = ctx;
        c.fromStep = from;
        c.steps = steps;
        Arrays.fill(c.buffer, 0, steps * nLocal * 2, 0.0);
        for (int s = 0; s < steps; s++) {
            c.stepMix[s] = Rng.counterMix(from + s);
            deliver(from + s, s);
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
     * Appends spikes (sorted by step, then neuron) whose rows reach this partition; synapses
     * with delays the spike has already passed at step {@code now} are skipped (used on restore).
     */
    void enqueue(int[] neurons, long[] steps, int count, long now) {
        final byte[] d = delay;
        for (int k = 0; k < count; k++) {
            int src = neurons[k];
            int a = rowStart[src];
            int b = rowStart[src + 1];
            long lagDone = now - 1 - steps[k];
            while (a < b && (d[a] & 0xff) <= lagDone) {
                a++;
            }
            if (a == b) {
                continue;
            }
            if (inFlight == cursor.length) {
                int n = 2 * inFlight;
                cursor = Arrays.copyOf(cursor, n);
                rowEnd = Arrays.copyOf(rowEnd, n);
                emitted = Arrays.copyOf(emitted, n);
            }
            cursor[inFlight] = a;
            rowEnd[inFlight] = b;
            emitted[inFlight] = steps[k];
            inFlight++;
        }
    }

    /** Delivers the synapses of all spikes in flight whose delay ends at {@code step} into slot {@code offset}. */
    private void deliver(long step, int offset) {
        final double[] acc = ctx.buffer;
        final int base = offset * nLocal;
        final short[] tg = target;
        final float[] w = weight;
        final byte[] d = delay;
        final int[] cur = cursor;
        final int[] end = rowEnd;
        final long[] emit = emitted;
        final int n = inFlight;
        long ev = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int c = cur[i];
            int e = end[i];
            int lag = (int) (step - emit[i]);
            int c0 = c;
            while (c < e && (d[c] & 0xff) == lag) {
                float wj = w[c];
                acc[((base + (tg[c] & 0xffff)) << 1) | (Float.floatToRawIntBits(wj) >>> 31)] += wj;
                c++;
            }
            ev += c - c0;
            if (c < e) {
                cur[kept] = c;
                end[kept] = e;
                emit[kept] = emit[i];
                kept++;
            }
        }
        inFlight = kept;
        events += ev;
    }
}
