package doka.engine.cortex;

import doka.engine.atlas.Layer;

/**
 * Gamma-phase statistics of the spikes kept by a {@link RateRecorder}: the phase of each spike in
 * the 30–50 Hz band of its area's population rate (0 = the rate's gamma peak), histogrammed per
 * layer and class, with circular means; and the lag between two areas' rates.
 */
public final class GammaAnalysis {
    public static final double LOW_HZ = 30;
    public static final double HIGH_HZ = 50;

    private GammaAnalysis() {
    }

    /** Phase histograms [layer][class][bin] over −π..π and circular mean phases [layer][class] (NaN if no spikes). */
    public record Phases(int bins, double[][][] histogram, double[][] meanPhase, int[][] spikes) {
    }

    /**
     * Phases of the kept spikes of the cells in {@code include}, in recorder bins [fromBin, toBin),
     * against the gamma phase of {@code rateHz} (per recorder bin; usually the rate of the same cells).
     */
    public static Phases phases(Cells cells, RateRecorder recorder, double[] rateHz, boolean[] include, int fromBin,
                                int toBin, int bins) {
        double[] phase = Spectra.bandPhase(rateHz, recorder.binMs(), LOW_HZ, HIGH_HZ);
        double[][][] hist = new double[Cells.LAYERS][Cells.CLASSES][bins];
        double[][] sx = new double[Cells.LAYERS][Cells.CLASSES], sy = new double[Cells.LAYERS][Cells.CLASSES];
        int[][] n = new int[Cells.LAYERS][Cells.CLASSES];
        long binSteps = recorder.binSteps();
        for (int i = 0; i < recorder.keptCount(); i++) {
            int neuron = recorder.keptNeuron(i);
            if (!include[neuron]) {
                continue;
            }
            int pop = populationOf(cells, neuron);
            int bin = (int) ((recorder.keptStep(i) - recorder.startStep()) / binSteps);
            if (bin < fromBin || bin >= toBin || bin >= phase.length) {
                continue;
            }
            double ph = phase[bin];
            int l = Cells.layerOf(pop), c = Cells.classOf(pop).ordinal();
            int b = Math.min(bins - 1, (int) ((ph + Math.PI) / (2 * Math.PI) * bins));
            hist[l][c][b]++;
            sx[l][c] += Math.cos(ph);
            sy[l][c] += Math.sin(ph);
            n[l][c]++;
        }
        double[][] mean = new double[Cells.LAYERS][Cells.CLASSES];
        for (int l = 0; l < Cells.LAYERS; l++) {
            for (int c = 0; c < Cells.CLASSES; c++) {
                mean[l][c] = n[l][c] == 0 ? Double.NaN : Math.atan2(sy[l][c], sx[l][c]);
                for (int b = 0; b < bins; b++) {
                    hist[l][c][b] = n[l][c] == 0 ? 0 : hist[l][c][b] / n[l][c];
                }
            }
        }
        return new Phases(bins, hist, mean, n);
    }

    private static int populationOf(Cells cells, int neuron) {
        int lo = 0, hi = cells.populationCount() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cells.offset(mid) <= neuron) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Rate (Hz per cell) per recorder bin of the kept spikes of the cells in {@code include}. */
    public static double[] rateOf(RateRecorder recorder, boolean[] include) {
        int n = 0;
        for (boolean b : include) {
            n += b ? 1 : 0;
        }
        double[] r = new double[recorder.bins()];
        double unit = n == 0 ? 0 : 1000.0 / (recorder.binMs() * n);
        for (int i = 0; i < recorder.keptCount(); i++) {
            if (include[recorder.keptNeuron(i)]) {
                int b = (int) ((recorder.keptStep(i) - recorder.startStep()) / recorder.binSteps());
                if (b < r.length) {
                    r[b] += unit;
                }
            }
        }
        return r;
    }

    /** Cells of an area whose tangential position lies within {@code radiusUm} of a column. */
    public static boolean[] nearColumn(doka.engine.atlas.Atlas atlas, Cells cells, int area, int column, double radiusUm) {
        boolean[] in = new boolean[cells.count()];
        for (int c = LongRangeWiring.areaStart(cells, area); c < LongRangeWiring.areaEnd(cells, area); c++) {
            double d2 = 0;
            for (int ax = 0; ax < 3; ax++) {
                double d = cells.tangentialUm(c, ax) - atlas.columnPosUm(column, ax);
                d2 += d * d;
            }
            in[c] = d2 <= radiusUm * radiusUm;
        }
        return in;
    }

    /** All cells of an area. */
    public static boolean[] inArea(Cells cells, int area) {
        boolean[] in = new boolean[cells.count()];
        java.util.Arrays.fill(in, LongRangeWiring.areaStart(cells, area), LongRangeWiring.areaEnd(cells, area), true);
        return in;
    }

    /**
     * Lag (ms) in [0, maxLagMs] at which the cross-correlation of b's rate with a's earlier rate
     * peaks (b follows a by the lag). Means removed.
     */
    public static double lagMs(double[] a, double[] b, double binMs, double maxLagMs) {
        int maxLag = (int) Math.round(maxLagMs / binMs);
        double ma = mean(a), mb = mean(b);
        double best = Double.NEGATIVE_INFINITY;
        int bestLag = 0;
        for (int lag = 0; lag <= maxLag; lag++) {
            double s = 0;
            for (int i = 0; i + lag < b.length && i < a.length; i++) {
                s += (a[i] - ma) * (b[i + lag] - mb);
            }
            if (s > best) {
                best = s;
                bestLag = lag;
            }
        }
        return bestLag * binMs;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    /** "L2/3 E" label. */
    static String label(int layer, int cls) {
        return "L" + Layer.MODELLED[layer].label() + " " + CellClass.values()[cls].name();
    }
}
