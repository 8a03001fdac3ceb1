package doka.engine.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All synapses, compressed sparse rows by source, one set of rows per target partition (a
 * contiguous range of at most 65,536 neurons). Per synapse: the partition-local target
 * ({@code short}), the weight ({@code float}, pA) and the delay ({@code byte}, 1..255 steps):
 * 7 bytes, plus one {@code int} row start per (partition, source).
 *
 * <p>Within a row the synapses are sorted by (delay, target, weight): delivery then walks the
 * ring buffer slot by slot in ascending address order, and the order (hence the floating-point
 * sum in each buffer cell) does not depend on how many threads built the store.
 */
public final class SynapseStore {
    /** Largest delay a synapse can have, in steps (byte storage). */
    public static final int MAX_DELAY_STEPS = 255;
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    final int neurons;
    final Ownership owned;
    final int partitionSize;
    final int[][] rowStart;
    final short[][] target;
    final float[][] weight;
    final byte[][] delay;
    private final long synapses;
    private final int minDelaySteps;
    private final int maxDelaySteps;

    private SynapseStore(int neurons, Ownership owned, int partitionSize, int[][] rowStart, short[][] target, float[][] weight,
                         byte[][] delay, int minDelay, int maxDelay) {
        this.neurons = neurons;
        this.owned = owned;
        this.partitionSize = partitionSize;
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

    /** Bytes held by the synapse arrays and row starts. */
    public long bytes() {
        return synapses * 7 + (long) rowStart.length * (neurons + 1) * 4;
    }

    /** Visits every synapse (tests, statistics; not for simulation). */
    public void forEach(SynapseVisitor visitor) {
        for (int p = 0; p < rowStart.length; p++) {
            int base = p * partitionSize;
            int[] rs = rowStart[p];
            for (int s = 0; s < neurons; s++) {
                for (int j = rs[s]; j < rs[s + 1]; j++) {
                    visitor.visit(s, global(base + (target[p][j] & 0xffff)), weight[p][j], delay[p][j] & 0xff);
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
        for (int[] rs : rowStart) {
            if (rs[source + 1] > rs[source]) {
                return true;
            }
        }
        return false;
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
            for (int s = 0; s < neurons; s++) {
                k[s] += rs[s + 1] - rs[s];
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
     * Builds the store from generators in two passes (count, fill), then sorts every row. Only
     * synapses onto {@code owned} neurons are kept, in partitions of {@code partitionSize}
     * consecutive owned neurons.
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
        int[][] rowStart = new int[partitions][neurons + 1];

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
                    INTS.getAndAdd(rowStart[local / partitionSize], s + 1, 1);
                }
            }
        });
        short[][] target = new short[partitions][];
        float[][] weight = new float[partitions][];
        byte[][] delay = new byte[partitions][];
        int[][] cursor = new int[partitions][];
        for (int p = 0; p < partitions; p++) {
            int[] rs = rowStart[p];
            long sum = 0;
            for (int s = 1; s <= neurons; s++) {
                sum += rs[s];
                if (sum > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("more than 2^31 synapses onto partition " + p
                            + "; use a smaller partition size");
                }
                rs[s] = (int) sum;
            }
            target[p] = new short[(int) sum];
            weight[p] = new float[(int) sum];
            delay[p] = new byte[(int) sum];
            cursor[p] = Arrays.copyOf(rs, neurons);
        }
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
                int pos = (int) INTS.getAndAdd(cursor[p], batch.source[i], 1);
                target[p][pos] = (short) (local - p * partitionSize);
                weight[p][pos] = w;
                delay[p][pos] = (byte) d;
            }
            int l = lo;
            int h = hi;
            minDelay.accumulateAndGet(l, Math::min);
            maxDelay.accumulateAndGet(h, Math::max);
        });
        ThreadLocal<long[]> keys = ThreadLocal.withInitial(() -> new long[256]);
        pool.run(partitions, p -> {
            int[] rs = rowStart[p];
            for (int s = 0; s < neurons; s++) {
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
                    k[j] = ((long) (delay[p][a + j] & 0xff) << 48) | ((long) (target[p][a + j] & 0xffff) << 32)
                            | (Float.floatToRawIntBits(weight[p][a + j]) & 0xffffffffL);
                }
                Arrays.sort(k, 0, n);
                for (int j = 0; j < n; j++) {
                    long key = k[j];
                    delay[p][a + j] = (byte) (key >>> 48);
                    target[p][a + j] = (short) (key >>> 32);
                    weight[p][a + j] = Float.intBitsToFloat((int) key);
                }
            }
        });
        int min = minDelay.get() == Integer.MAX_VALUE ? 0 : minDelay.get();
        return new SynapseStore(neurons, owned, partitionSize, rowStart, target, weight, delay, min, maxDelay.get());
    }
}
