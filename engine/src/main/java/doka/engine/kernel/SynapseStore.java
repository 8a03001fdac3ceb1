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
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
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
    /** Seconds of the build's phases: count pass, fill pass, sorts. */
    private double[] buildSeconds = new double[3];
    private final int minDelaySteps;
    private final int maxDelaySteps;

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

    /** Seconds the build spent in its phases: the counting pass, the filling pass, the sorts. */
    public double[] buildSeconds() {
        return buildSeconds.clone();
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
     * Builds the store from generators in two passes. The first marks the sources and counts the
     * synapses of each partition; the second writes every synapse at the end of its partition's
     * arrays (in any order); each partition is then sorted by slot (a counting sort, which gives
     * the row starts) and every row by (delay, target, weight), a total order that makes the
     * result independent of threads. Only synapses onto {@code owned} neurons are kept, in
     * partitions of {@code partitionSize} consecutive owned neurons.
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
        int[] count = new int[partitions];
        pool.run(tasks.size(), t -> {
            SynapseGenerator gen = generators.get((int) tasks.get(t)[0]);
            SynapseBatch batch = batches.get();
            batch.clear();
            gen.generate((int) tasks.get(t)[1], batch, false, owned);
            for (int i = 0; i < batch.size; i++) {
                int s = batch.source[i];
                int tg = batch.target[i];
                if (s < 0 || s >= neurons || tg < 0 || tg >= neurons) {
                    throw new IllegalArgumentException(gen.description() + ": synapse " + s + " -> " + tg
                            + " names a neuron outside [0, " + neurons + ")");
                }
                int local = localOf == null ? tg : localOf[tg];
                if (local >= 0) {
                    LONGS.getAndBitwiseOr(isSource, s >>> 6, 1L << s);
                    if ((int) INTS.getAndAdd(count, local / partitionSize, 1) == Integer.MAX_VALUE - 16) {
                        throw new IllegalArgumentException("more than 2^31 synapses onto partition "
                                + local / partitionSize + "; use a smaller partition size");
                    }
                }
            }
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
        short[][] target = new short[partitions][];
        float[][] weight = new float[partitions][];
        byte[][] delay = new byte[partitions][];
        int[][] slotTmp = new int[partitions][];
        for (int p = 0; p < partitions; p++) {
            target[p] = new short[count[p]];
            weight[p] = new float[count[p]];
            delay[p] = new byte[count[p]];
            slotTmp[p] = new int[count[p]];
        }
        int[] cursor = new int[partitions];
        AtomicInteger minDelay = new AtomicInteger(Integer.MAX_VALUE);
        AtomicInteger maxDelay = new AtomicInteger(0);
        pool.run(tasks.size(), t -> {
            SynapseGenerator gen = generators.get((int) tasks.get(t)[0]);
            SynapseBatch batch = batches.get();
            batch.clear();
            gen.generate((int) tasks.get(t)[1], batch, true, owned);
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            for (int i = 0; i < batch.size; i++) {
                int local = localOf == null ? batch.target[i] : localOf[batch.target[i]];
                if (local < 0) {
                    continue;
                }
                int d = batch.delaySteps[i];
                float w = batch.weightPa[i];
                if (d < 1 || d > MAX_DELAY_STEPS) {
                    throw new IllegalArgumentException(gen.description() + ": delay of " + d + " steps; expected 1.."
                            + MAX_DELAY_STEPS + " steps (at least dt)");
                }
                if (!Float.isFinite(w)) {
                    throw new IllegalArgumentException(gen.description() + ": weightPa must be finite, got " + w);
                }
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
                int p = local / partitionSize;
                int pos = (int) INTS.getAndAdd(cursor, p, 1);
                slotTmp[p][pos] = slotOf[batch.source[i]];
                target[p][pos] = (short) (local - p * partitionSize);
                weight[p][pos] = w;
                delay[p][pos] = (byte) d;
            }
            minDelay.accumulateAndGet(lo, Math::min);
            maxDelay.accumulateAndGet(hi, Math::max);
        });
        long t2 = System.nanoTime();
        int[][] rowStart = new int[partitions][];
        final int nSlots = slots;
        ThreadLocal<long[]> keys = ThreadLocal.withInitial(() -> new long[256]);
        pool.run(partitions, p -> {
            rowStart[p] = sortBySlot(slotTmp[p], target, weight, delay, p, nSlots);
            slotTmp[p] = null;
            sortRows(rowStart[p], target[p], weight[p], delay[p], keys);
        });
        int min = minDelay.get() == Integer.MAX_VALUE ? 0 : minDelay.get();
        SynapseStore store = new SynapseStore(neurons, owned, partitionSize, slotOf, sourceOfSlot, rowStart, target, weight,
                delay, min, maxDelay.get());
        store.buildSeconds = new double[] {(t1 - t0) * 1e-9, (t2 - t1) * 1e-9, (System.nanoTime() - t2) * 1e-9};
        return store;
    }

    /** Counting sort of partition p's synapses by slot; replaces its arrays and returns the row starts. */
    private static int[] sortBySlot(int[] slot, short[][] target, float[][] weight, byte[][] delay, int p, int slots) {
        int n = slot.length;
        int[] rs = new int[slots + 1];
        for (int k : slot) {
            rs[k + 1]++;
        }
        for (int k = 0; k < slots; k++) {
            rs[k + 1] += rs[k];
        }
        int[] fill = Arrays.copyOf(rs, slots);
        short[] t = new short[n];
        float[] w = new float[n];
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            int j = fill[slot[i]]++;
            t[j] = target[p][i];
            w[j] = weight[p][i];
            d[j] = delay[p][i];
        }
        target[p] = t;
        weight[p] = w;
        delay[p] = d;
        return rs;
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
