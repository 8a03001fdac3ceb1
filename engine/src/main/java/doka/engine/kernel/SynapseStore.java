package doka.engine.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All synapses onto the neurons this rank owns, compressed sparse rows by source, one set of
 * rows per target partition (at most 65,536 consecutive owned neurons). Sources are indexed
 * by a per-rank <em>slot</em>: only neurons with at least one synapse here get one, so the row
 * index of a partition has one {@code int} per such source, not per neuron of the network (on a
 * rank holding 1/P of a large member most neurons of the network have no synapse onto it). Per
 * synapse: the partition-local target ({@code short}), the weight ({@code float}, pA) and the
 * delay ({@code byte}, 1..255 steps): 7 bytes, plus one {@code int} row start per (partition,
 * slot) and one {@code int} slot per neuron of the network.
 *
 * <p>Within a row the synapses are sorted by (delay, target, weight): delivery then walks the
 * queues slot by slot in ascending address order, and the order (hence the floating-point sum
 * of every input) does not depend on how many threads built the store.
 */
public final class SynapseStore {
    /** Largest delay a synapse can have, in steps (byte storage). */
    public static final int MAX_DELAY_STEPS = 255;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    final int neurons;
    final Ownership owned;
    final int partitionSize;
    /** Slot of every neuron of the network, −1 where it has no synapse here. */
    final int[] slotOf;
    /** Source neuron of every slot (ascending). */
    final int[] sourceOfSlot;
    final int[][] rowStart;
    final short[][] target;
    final float[][] weight;
    final byte[][] delay;
    private final long synapses;
    /** Seconds of the build's phases: generation, source index, sorts. */
    private double[] buildSeconds = new double[3];
    private final int minDelaySteps;
    private final int maxDelaySteps;
    private long digest;
    private boolean digested;

    private SynapseStore(int neurons, Ownership owned, int partitionSize, int[] slotOf, int[] sourceOfSlot,
                         int[][] rowStart, short[][] target, float[][] weight, byte[][] delay, int minDelay, int maxDelay) {
        this.neurons = neurons;
        this.owned = owned;
        this.partitionSize = partitionSize;
        this.slotOf = slotOf;
        this.sourceOfSlot = sourceOfSlot;
        this.rowStart = rowStart;
        this.target = target;
        this.weight = weight;
        this.delay = delay;
        long n = 0;
        for (short[] t : target) {
            n += t.length;
        }
        this.synapses = n;
        this.minDelaySteps = minDelay;
        this.maxDelaySteps = maxDelay;
    }

    public long synapseCount() {
        return synapses;
    }

    public int partitionCount() {
        return rowStart.length;
    }

    /** Smallest delay in steps, or 0 when there are no synapses. */
    public int minDelaySteps() {
        return minDelaySteps;
    }

    public int maxDelaySteps() {
        return maxDelaySteps;
    }

    /** Seconds the build spent in its phases: generating the synapses, indexing the sources, sorting. */
    public double[] buildSeconds() {
        return buildSeconds.clone();
    }

    /**
     * A 64-bit digest of the synapses, for snapshots to recognise the network they belong to:
     * the sum over synapses of a mixed hash of (source, owned-local target, weight bits, delay).
     * A sum, not a chain over the rows, because the rows are cut by partitions, whose size
     * follows the thread count, and a snapshot restores into any thread count; the synapses
     * themselves are in a fixed order for a given partitioning. Computed on first use.
     */
    public synchronized long digest() {
        if (!digested) {
            long sum = 0;
            for (int p = 0; p < rowStart.length; p++) {
                long base = (long) p * partitionSize;
                int[] rs = rowStart[p];
                short[] tg = target[p];
                float[] w = weight[p];
                byte[] d = delay[p];
                for (int k = 0; k < sourceOfSlot.length; k++) {
                    long source = (long) sourceOfSlot[k] << 32;
                    for (int j = rs[k]; j < rs[k + 1]; j++) {
                        long pair = Rng.mix64((source | (base + (tg[j] & 0xffff))) + Rng.GOLDEN);
                        sum += Rng.mix64(pair ^ ((Float.floatToRawIntBits(w[j]) & 0xffffffffL) << 8 | (d[j] & 0xff)));
                    }
                }
            }
            digest = sum;
            digested = true;
        }
        return digest;
    }

    /** Sources with at least one synapse here. */
    public int sourceCount() {
        return sourceOfSlot.length;
    }

    /** Bytes held by the synapse arrays, the row starts and the slot index. */
    public long bytes() {
        return synapses * 7 + (long) rowStart.length * (sourceOfSlot.length + 1) * 4 + (long) (neurons + sourceOfSlot.length) * 4;
    }

    /** Visits every synapse (tests, statistics; not for simulation). */
    public void forEach(SynapseVisitor visitor) {
        for (int p = 0; p < rowStart.length; p++) {
            int base = p * partitionSize;
            int[] rs = rowStart[p];
            for (int k = 0; k < sourceOfSlot.length; k++) {
                for (int j = rs[k]; j < rs[k + 1]; j++) {
                    visitor.visit(sourceOfSlot[k], global(base + (target[p][j] & 0xffff)), weight[p][j], delay[p][j] & 0xff);
                }
            }
        }
    }

    private int global(int local) {
        return owned.isAll() ? local : owned.globalIndex(local);
    }

    /** The neurons whose incoming synapses this store holds. */
    public Ownership owned() {
        return owned;
    }

    /** Whether any stored synapse has global neuron {@code source} as its source. */
    boolean hasSource(int source) {
        return slotOf[source] >= 0;
    }

    /** In-degree of every neuron (0 for neurons not owned). */
    public int[] inDegrees() {
        int[] k = new int[neurons];
        for (int p = 0; p < rowStart.length; p++) {
            int base = p * partitionSize;
            for (short t : target[p]) {
                k[global(base + (t & 0xffff))]++;
            }
        }
        return k;
    }

    /** Out-degree of every neuron, counting only synapses onto owned neurons. */
    public int[] outDegrees() {
        int[] k = new int[neurons];
        for (int[] rs : rowStart) {
            for (int slot = 0; slot < sourceOfSlot.length; slot++) {
                k[sourceOfSlot[slot]] += rs[slot + 1] - rs[slot];
            }
        }
        return k;
    }

    /** One synapse: global source and target, weight pA, delay steps. */
    @FunctionalInterface
    public interface SynapseVisitor {
        void visit(int source, int target, float weightPa, int delaySteps);
    }

    /**
     * Builds the store from generators in one pass: every block's synapses onto owned neurons are
     * appended, in chunks, to their partition's buffer (any order), and their sources are marked.
     * Then the marked sources get their slots, and each partition's buffer is sorted by slot into
     * its final arrays (a counting sort, which gives the row starts) and every row by (delay,
     * target, weight), a total order that makes the result independent of threads. Only synapses
     * onto {@code owned} neurons are kept, in partitions of {@code partitionSize} consecutive
     * owned neurons. The buffers hold 11 bytes per synapse, freed partition by partition.
     */
    static SynapseStore build(int neurons, Ownership owned, int partitionSize, List<SynapseGenerator> generators,
                              WorkerPool pool) {
        int partitions = Math.max(1, (owned.count() + partitionSize - 1) / partitionSize);
        int[] localOf = owned.isAll() ? null : owned.localIndexMap();
        List<long[]> tasks = new ArrayList<>();
        for (int g = 0; g < generators.size(); g++) {
            int blocks = generators.get(g).blockCount();
            for (int b = 0; b < blocks; b++) {
                tasks.add(new long[] {g, b});
            }
        }
        ThreadLocal<SynapseBatch> batches = ThreadLocal.withInitial(SynapseBatch::new);
        long t0 = System.nanoTime();
        long[] isSource = new long[(neurons + 63) / 64];
        Buffer[] buffers = new Buffer[partitions];
        for (int p = 0; p < partitions; p++) {
            buffers[p] = new Buffer();
        }
        AtomicInteger minDelay = new AtomicInteger(Integer.MAX_VALUE);
        AtomicInteger maxDelay = new AtomicInteger(0);
        pool.run(tasks.size(), t -> {
            SynapseGenerator gen = generators.get((int) tasks.get(t)[0]);
            SynapseBatch batch = batches.get();
            batch.clear();
            gen.generate((int) tasks.get(t)[1], batch, owned);
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            int run = 0;       // consecutive entries of one partition go in one append
            int runPartition = -1;
            for (int i = 0; i < batch.size; i++) {
                int s = batch.source[i];
                int tg = batch.target[i];
                if (s < 0 || s >= neurons || tg < 0 || tg >= neurons) {
                    throw new IllegalArgumentException(gen.description() + ": synapse " + s + " -> " + tg
                            + " names a neuron outside [0, " + neurons + ")");
                }
                int local = localOf == null ? tg : localOf[tg];
                int d = batch.delaySteps[i];
                float w = batch.weightPa[i];
                if (local >= 0) {
                    if (d < 1 || d > MAX_DELAY_STEPS) {
                        throw new IllegalArgumentException(gen.description() + ": delay of " + d + " steps; expected 1.."
                                + MAX_DELAY_STEPS + " steps (at least dt)");
                    }
                    if (!Float.isFinite(w)) {
                        throw new IllegalArgumentException(gen.description() + ": weightPa must be finite, got " + w);
                    }
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                    LONGS.getAndBitwiseOr(isSource, s >>> 6, 1L << s);
                    batch.target[i] = local; // the batch is this task's own: reuse it for the local index
                }
                int p = local < 0 ? -1 : local / partitionSize;
                if (p != runPartition) {
                    if (runPartition >= 0) {
                        buffers[runPartition].append(batch, i - run, run, runPartition * partitionSize);
                    }
                    runPartition = p;
                    run = 0;
                }
                run++;
            }
            if (runPartition >= 0) {
                buffers[runPartition].append(batch, batch.size - run, run, runPartition * partitionSize);
            }
            minDelay.accumulateAndGet(lo, Math::min);
            maxDelay.accumulateAndGet(hi, Math::max);
        });
        long t1 = System.nanoTime();
        int[] slotOf = new int[neurons];
        int slots = 0;
        for (int s = 0; s < neurons; s++) {
            slotOf[s] = (isSource[s >>> 6] & (1L << s)) != 0 ? slots++ : -1;
        }
        int[] sourceOfSlot = new int[slots];
        for (int s = 0; s < neurons; s++) {
            if (slotOf[s] >= 0) {
                sourceOfSlot[slotOf[s]] = s;
            }
        }
        long t2 = System.nanoTime();
        int[][] rowStart = new int[partitions][];
        short[][] target = new short[partitions][];
        float[][] weight = new float[partitions][];
        byte[][] delay = new byte[partitions][];
        final int nSlots = slots;
        ThreadLocal<long[]> keys = ThreadLocal.withInitial(() -> new long[256]);
        pool.run(partitions, p -> {
            Buffer b = buffers[p];
            buffers[p] = null;
            rowStart[p] = b.sortBySlot(slotOf, nSlots, p);
            target[p] = b.target;
            weight[p] = b.weight;
            delay[p] = b.delay;
            sortRows(rowStart[p], target[p], weight[p], delay[p], keys);
        });
        int min = minDelay.get() == Integer.MAX_VALUE ? 0 : minDelay.get();
        SynapseStore store = new SynapseStore(neurons, owned, partitionSize, slotOf, sourceOfSlot, rowStart, target, weight,
                delay, min, maxDelay.get());
        store.buildSeconds = new double[] {(t1 - t0) * 1e-9, (t2 - t1) * 1e-9, (System.nanoTime() - t2) * 1e-9};
        return store;
    }

    /**
     * The synapses of one partition as they are generated: chunks of (source, partition-local
     * target, weight, delay), appended under the buffer's lock; then sorted into final arrays.
     */
    private static final class Buffer {
        private static final int CHUNK = 1 << 15;
        private final List<int[]> sources = new ArrayList<>();
        private final List<short[]> targets = new ArrayList<>();
        private final List<float[]> weights = new ArrayList<>();
        private final List<byte[]> delays = new ArrayList<>();
        private long size;
        short[] target;
        float[] weight;
        byte[] delay;

        /** Appends batch entries [from, from + n) (their targets already local) of a partition starting at {@code base}. */
        synchronized void append(SynapseBatch batch, int from, int n, int base) {
            for (int i = from; i < from + n; i++) {
                int at = (int) (size % CHUNK);
                if (at == 0) {
                    sources.add(new int[CHUNK]);
                    targets.add(new short[CHUNK]);
                    weights.add(new float[CHUNK]);
                    delays.add(new byte[CHUNK]);
                }
                int c = sources.size() - 1;
                sources.get(c)[at] = batch.source[i];
                targets.get(c)[at] = (short) (batch.target[i] - base);
                weights.get(c)[at] = batch.weightPa[i];
                delays.get(c)[at] = (byte) batch.delaySteps[i];
                size++;
            }
        }

        /** Counting sort by slot into {@link #target}, {@link #weight}, {@link #delay}; returns the row starts. */
        int[] sortBySlot(int[] slotOf, int slots, int partition) {
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("more than 2^31 synapses onto partition " + partition
                        + "; use a smaller partition size");
            }
            int n = (int) size;
            int[] rs = new int[slots + 1];
            for (int[] chunk : sources) {
                int m = chunk == sources.get(sources.size() - 1) && n % CHUNK != 0 ? n % CHUNK : CHUNK;
                for (int i = 0; i < m; i++) {
                    rs[slotOf[chunk[i]] + 1]++;
                }
            }
            for (int k = 0; k < slots; k++) {
                rs[k + 1] += rs[k];
            }
            int[] fill = Arrays.copyOf(rs, slots);
            target = new short[n];
            weight = new float[n];
            delay = new byte[n];
            for (int c = 0; c < sources.size(); c++) {
                int m = c == sources.size() - 1 && n % CHUNK != 0 ? n % CHUNK : CHUNK;
                int[] src = sources.get(c);
                short[] tg = targets.get(c);
                float[] w = weights.get(c);
                byte[] d = delays.get(c);
                for (int i = 0; i < m; i++) {
                    int j = fill[slotOf[src[i]]]++;
                    target[j] = tg[i];
                    weight[j] = w[i];
                    delay[j] = d[i];
                }
                // free the chunk as soon as it is copied
                sources.set(c, null);
                targets.set(c, null);
                weights.set(c, null);
                delays.set(c, null);
            }
            return rs;
        }
    }

    /** Sorts every row by (delay, target, weight). */
    private static void sortRows(int[] rs, short[] target, float[] weight, byte[] delay, ThreadLocal<long[]> keys) {
        for (int s = 0; s + 1 < rs.length; s++) {
            int a = rs[s];
            int n = rs[s + 1] - a;
            if (n < 2) {
                continue;
            }
            long[] k = keys.get();
            if (k.length < n) {
                k = new long[Math.max(n, 2 * k.length)];
                keys.set(k);
            }
            for (int j = 0; j < n; j++) {
                k[j] = ((long) (delay[a + j] & 0xff) << 48) | ((long) (target[a + j] & 0xffff) << 32)
                        | (Float.floatToRawIntBits(weight[a + j]) & 0xffffffffL);
            }
            Arrays.sort(k, 0, n);
            for (int j = 0; j < n; j++) {
                long key = k[j];
                delay[a + j] = (byte) (key >>> 48);
                target[a + j] = (short) (key >>> 32);
                weight[a + j] = Float.intBitsToFloat((int) key);
            }
        }
    }
}
