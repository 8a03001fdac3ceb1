package doka.engine.cortex;

import doka.engine.kernel.RankComm;
import doka.engine.kernel.SpikeObserver;
import java.util.Arrays;

/**
 * Counts spikes per population in time bins and per voxel over the recording, and optionally
 * keeps the spikes of a chosen range of neurons (for rasters and phases). Rates are read per
 * population, or summed per area / layer / class.
 */
public final class RateRecorder implements SpikeObserver {
    /** Kept spikes of a selection, in recording order: bin and population of each. */
    public record KeptSpikes(int[] bin, int[] population) {
    }

    private final Cells cells;
    private final int nPop;
    private final int[] populationOf;
    private final long binSteps;
    private final double dtMs;
    private long startStep;
    private int bins;
    private int[] counts = new int[0]; // [bin][population]
    private final long[] voxelCounts;
    private int keepFrom;
    private int keepTo;
    private int[] keptNeuron = new int[1024];
    private long[] keptStep = new long[1024];
    private int kept;

    public RateRecorder(Cells cells, int voxelCount, double dtMs, double binMs) {
        this(cells, null, voxelCount, dtMs, binMs);
    }

    /**
     * A recorder that also counts the populations of the regions built beside the cortex
     * ({@code regions} may be null): their population indices follow the cortex's, as in the network.
     */
    public RateRecorder(Cells cells, doka.engine.regions.Regions regions, int voxelCount, double dtMs, double binMs) {
        this.cells = cells;
        this.dtMs = dtMs;
        this.binSteps = Math.round(binMs / dtMs);
        int extra = regions == null ? 0 : regions.cells().count();
        nPop = cells.populationCount() + (regions == null ? 0 : regions.cells().populationCount());
        populationOf = new int[cells.count() + extra];
        for (int p = 0; p < cells.populationCount(); p++) {
            Arrays.fill(populationOf, cells.offset(p), cells.offset(p + 1), p);
        }
        for (int p = 0; regions != null && p < regions.cells().populationCount(); p++) {
            int from = cells.count() + regions.cells().offset(p);
            Arrays.fill(populationOf, from, from + regions.cells().size(p), cells.populationCount() + p);
        }
        voxelCounts = new long[voxelCount];
    }

    /** Clears the counts and starts bins at {@code step}. */
    public void reset(long step) {
        Arrays.fill(counts, 0, Math.min(counts.length, bins * nPop), 0);
        startStep = step;
        bins = 0;
        Arrays.fill(voxelCounts, 0);
        kept = 0;
    }

    /** Keeps the spikes of neurons [from, to) from now on. */
    public void keepSpikes(int from, int to) {
        keepFrom = from;
        keepTo = to;
    }

    @Override
    public void onSpikes(int[] neuron, long[] step, int count) {
        int cortexCells = cells.count();
        for (int i = 0; i < count; i++) {
            long rel = step[i] - startStep;
            if (rel < 0) {
                continue;
            }
            int bin = (int) (rel / binSteps);
            if (bin >= bins) {
                grow(bin + 1);
            }
            int n = neuron[i];
            counts[bin * nPop + populationOf[n]]++;
            if (n < cortexCells) {
                voxelCounts[cells.voxel(n)]++;
            }
            if (n >= keepFrom && n < keepTo) {
                if (kept == keptNeuron.length) {
                    keptNeuron = Arrays.copyOf(keptNeuron, 2 * kept);
                    keptStep = Arrays.copyOf(keptStep, 2 * kept);
                }
                keptNeuron[kept] = n;
                keptStep[kept++] = step[i];
            }
        }
    }

    /**
     * On a member split over ranks each rank's recorder sees only its own cells' spikes: this
     * sums the counts over the ranks and merges the kept spikes, so that afterwards every rank
     * holds what one recorder of the whole member would. Every rank must call it.
     */
    public void combine(RankComm comm) {
        int n = bins * nPop;
        long[] all = new long[n + voxelCounts.length];
        for (int i = 0; i < n; i++) {
            all[i] = counts[i];
        }
        System.arraycopy(voxelCounts, 0, all, n, voxelCounts.length);
        comm.sum(all);
        for (int i = 0; i < n; i++) {
            counts[i] = (int) all[i];
        }
        System.arraycopy(all, n, voxelCounts, 0, voxelCounts.length);
        long[] mine = new long[kept];
        for (int i = 0; i < kept; i++) {
            mine[i] = keptStep[i] << 32 | keptNeuron[i];
        }
        long[][] send = new long[comm.size()][];
        java.util.Arrays.fill(send, mine);
        long[][] got = comm.exchange(send);
        long[] merged = java.util.Arrays.stream(got).flatMapToLong(java.util.Arrays::stream).toArray();
        Arrays.sort(merged);
        if (merged.length > keptNeuron.length) {
            keptNeuron = new int[merged.length];
            keptStep = new long[merged.length];
        }
        for (int i = 0; i < merged.length; i++) {
            keptNeuron[i] = (int) merged[i];
            keptStep[i] = merged[i] >>> 32;
        }
        kept = merged.length;
    }

    /** Makes room for {@code n} bins (call with the bins a window covers, so silent bins count). */
    public void grow(int n) {
        if (n > bins) {
            if ((long) n * nPop > counts.length) {
                counts = Arrays.copyOf(counts, Math.max(n * nPop, 2 * counts.length));
            }
            // Slots beyond the old bins may hold counts of an earlier, longer recording.
            Arrays.fill(counts, bins * nPop, n * nPop, 0);
            bins = n;
        }
    }

    public int bins() {
        return bins;
    }

    public long binSteps() {
        return binSteps;
    }

    public double binMs() {
        return binSteps * dtMs;
    }

    public long startStep() {
        return startStep;
    }

    /** Spike count of a population in a bin. */
    public int count(int bin, int population) {
        return counts[bin * nPop + population];
    }

    /**
     * Rate (Hz per neuron) of the cells of an area, optionally restricted to a layer (−1 = all)
     * and class (null = all), per bin.
     */
    public double[] rateHz(int area, int layer, CellClass cls) {
        double[] out = new double[bins];
        int neurons = 0;
        int[] pops = new int[Cells.LAYERS * Cells.CLASSES];
        int np = 0;
        for (int l = 0; l < Cells.LAYERS; l++) {
            for (CellClass c : CellClass.values()) {
                if ((layer < 0 || l == layer) && (cls == null || c == cls)) {
                    int p = Cells.population(area, l, c);
                    pops[np++] = p;
                    neurons += cells.size(p);
                }
            }
        }
        if (neurons == 0) {
            return out;
        }
        double scale = 1000.0 / (binMs() * neurons);
        for (int b = 0; b < bins; b++) {
            int sum = 0;
            for (int k = 0; k < np; k++) {
                sum += counts[b * nPop + pops[k]];
            }
            out[b] = sum * scale;
        }
        return out;
    }

    /** Rate (Hz per neuron) of one population of {@code size} neurons, per bin. */
    public double[] populationRateHz(int population, int size) {
        double[] out = new double[bins];
        double scale = size == 0 ? 0 : 1000.0 / (binMs() * size);
        for (int b = 0; b < bins; b++) {
            out[b] = counts[b * nPop + population] * scale;
        }
        return out;
    }

    /** Spikes per voxel since the last reset. */
    public long[] voxelCounts() {
        return voxelCounts.clone();
    }

    /** Rate (Hz per cell) per bin of the kept spikes of the cells in {@code include}. */
    public double[] keptRateHz(boolean[] include) {
        int n = 0;
        for (boolean b : include) {
            n += b ? 1 : 0;
        }
        double[] r = new double[bins];
        double unit = n == 0 ? 0 : 1000.0 / (binMs() * n);
        for (int i = 0; i < kept; i++) {
            if (keptNeuron[i] < include.length && include[keptNeuron[i]]) {
                int b = (int) ((keptStep[i] - startStep) / binSteps);
                if (b < r.length) {
                    r[b] += unit;
                }
            }
        }
        return r;
    }

    /** The kept spikes of the cells in {@code include} that fall in bins [fromBin, toBin). */
    public KeptSpikes keptSpikes(boolean[] include, int fromBin, int toBin) {
        int[] bin = new int[kept], population = new int[kept];
        int n = 0;
        for (int i = 0; i < kept; i++) {
            int b = (int) ((keptStep[i] - startStep) / binSteps);
            if (keptNeuron[i] < include.length && include[keptNeuron[i]] && b >= fromBin && b < toBin) {
                bin[n] = b;
                population[n++] = populationOf[keptNeuron[i]];
            }
        }
        return new KeptSpikes(Arrays.copyOf(bin, n), Arrays.copyOf(population, n));
    }

    /** The first neuron whose spikes are kept. */
    public int keptFrom() {
        return keepFrom;
    }

    /** One past the last neuron whose spikes are kept. */
    public int keptTo() {
        return keepTo;
    }

    public int keptCount() {
        return kept;
    }

    public int keptNeuron(int i) {
        return keptNeuron[i];
    }

    public long keptStep(int i) {
        return keptStep[i];
    }
}
