package doka.observation.statistics;

import doka.observation.operator.NeuronGroups;
import doka.observation.operator.SpikeTrains;

/**
 * The intrinsic timescale of each group's neurons: the decay time of the autocorrelation of binned spike
 * counts, as in the Neuropixels literature (Murray et al. 2014, Nat. Neurosci. 17:1661; Siegle et al. 2021,
 * Nature 592:86, whose per-unit {@code timescale_ac} it matches in method).
 *
 * <p>Each neuron's spike counts in bins of Δ over the window give its autocorrelation R_i(k) at lags
 * k = 1 … K (Pearson's, over the pairs of bins k apart; neurons with constant counts are left out). Their
 * mean R(k) over the group is fitted from the lag of its largest value on by R(k) = A·exp(−kΔ/τ) + B:
 * for each τ the amplitude A and offset B are a linear least-squares fit, and τ minimises the squared
 * error (golden-section search in log τ within [Δ/10, {@value #MAX_TAU_BINS}·Δ]). A fit with A ≤ 0, or
 * with τ at a bound, is a failed fit: the value is NaN, as Siegle et al. mark failed fits.
 *
 * <p>Error model: a delete-one-block jackknife over the group's neurons (at most {@value #BLOCKS} blocks,
 * neuron j of the group in block j mod blocks), Var τ = (G − 1)/G · Σ_g (τ_(g) − τ̄)². NaN with fewer than
 * two usable blocks.
 */
public final class TimescaleStatistics {
    static final int BLOCKS = 10;
    static final double MAX_TAU_BINS = 100;
    private static final double MIN_TAU_BINS = 0.1;

    private TimescaleStatistics() {
    }

    /**
     * @param binMs  the count bin Δ (Murray et al.: 50 ms)
     * @param maxLag the largest lag K, in bins (at least 3; below the window's bins)
     * @return the timescale τ of each group in ms, with its jackknife variance
     */
    public static Estimates intrinsicTimescaleMs(SpikeTrains spikes, NeuronGroups groups, Window window, double binMs,
                                                 int maxLag) {
        int bins = window.bins(binMs);
        if (maxLag < 3 || maxLag >= bins) {
            throw new IllegalArgumentException("the largest lag must be 3 to " + (bins - 1) + " bins of " + binMs
                    + " ms in a window of " + window.durationMs() + " ms, got " + maxLag);
        }
        int[] groupOf = groups.groupOfNeuron();
        int n = groups.neuronCount();
        int[] counts = binnedCounts(spikes, groupOf, window, binMs, bins);
        int g = groups.groupCount();
        // Each neuron's autocorrelation, summed per group and per jackknife block.
        int[] members = new int[g];
        double[][][] blockSum = new double[g][BLOCKS][maxLag + 1];
        int[][] blockCount = new int[g][BLOCKS];
        double[] r = new double[maxLag + 1];
        for (int i = 0; i < n; i++) {
            int k = groupOf[i];
            if (k < 0) {
                continue;
            }
            int block = members[k]++ % BLOCKS;
            if (autocorrelation(counts, i * bins, bins, maxLag, r)) {
                for (int lag = 1; lag <= maxLag; lag++) {
                    blockSum[k][block][lag] += r[lag];
                }
                blockCount[k][block]++;
            }
        }
        double[] tau = new double[g];
        double[] variance = new double[g];
        for (int k = 0; k < g; k++) {
            tau[k] = fitWithout(blockSum[k], blockCount[k], -1, binMs, maxLag);
            variance[k] = jackknifeVariance(blockSum[k], blockCount[k], binMs, maxLag);
        }
        return new Estimates(tau, variance);
    }

    /** Counts per neuron and bin, neuron-major: {@code counts[i·bins + b]}. */
    private static int[] binnedCounts(SpikeTrains spikes, int[] groupOf, Window window, double binMs, int bins) {
        int[] counts = new int[groupOf.length * bins];
        double[] times = spikes.timesMs();
        int[] ids = spikes.neuronIds();
        for (int s = 0; s < spikes.count(); s++) {
            int id = ids[s];
            if (groupOf[id] < 0 || !window.contains(times[s])) {
                continue;
            }
            int b = (int) ((times[s] - window.startMs()) / binMs);
            if (b < bins) {
                counts[id * bins + b]++;
            }
        }
        return counts;
    }

    /** Pearson autocorrelation of {@code c[from … from+bins)} at lags 1 … maxLag into r; false for constant counts. */
    private static boolean autocorrelation(int[] c, int from, int bins, int maxLag, double[] r) {
        double mean = 0;
        for (int b = 0; b < bins; b++) {
            mean += c[from + b];
        }
        mean /= bins;
        double var = 0;
        for (int b = 0; b < bins; b++) {
            double d = c[from + b] - mean;
            var += d * d;
        }
        if (var == 0) {
            return false;
        }
        for (int lag = 1; lag <= maxLag; lag++) {
            double cov = 0;
            for (int b = 0; b + lag < bins; b++) {
                cov += (c[from + b] - mean) * (c[from + b + lag] - mean);
            }
            // The usual biased estimator (sums over bins − lag pairs, divided by the total variance).
            r[lag] = cov / var;
        }
        return true;
    }

    private static double jackknifeVariance(double[][] blockSum, int[] blockCount, double binMs, int maxLag) {
        int usable = 0;
        for (int c : blockCount) {
            usable += c > 0 ? 1 : 0;
        }
        if (usable < 2) {
            return Double.NaN;
        }
        double[] leaveOut = new double[usable];
        int j = 0;
        for (int b = 0; b < blockCount.length; b++) {
            if (blockCount[b] > 0) {
                leaveOut[j++] = fitWithout(blockSum, blockCount, b, binMs, maxLag);
            }
        }
        double mean = 0;
        for (double v : leaveOut) {
            mean += v;
        }
        mean /= usable;
        double ss = 0;
        for (double v : leaveOut) {
            ss += (v - mean) * (v - mean);
        }
        return (usable - 1.0) / usable * ss;
    }

    /** τ (ms) fitted to the mean autocorrelation of every block but {@code skip} (−1: all). */
    private static double fitWithout(double[][] blockSum, int[] blockCount, int skip, double binMs, int maxLag) {
        double[] mean = new double[maxLag + 1];
        int neurons = 0;
        for (int b = 0; b < blockCount.length; b++) {
            if (b == skip) {
                continue;
            }
            neurons += blockCount[b];
            for (int lag = 1; lag <= maxLag; lag++) {
                mean[lag] += blockSum[b][lag];
            }
        }
        if (neurons == 0) {
            return Double.NaN;
        }
        for (int lag = 1; lag <= maxLag; lag++) {
            mean[lag] /= neurons;
        }
        return fitExponentialMs(mean, binMs);
    }

    /**
     * τ (ms) of R(k) = A·exp(−kΔ/τ) + B fitted to {@code r[1 … K]} from the lag of the largest value on;
     * NaN for a failed fit (A ≤ 0, τ at a bound, fewer than 3 lags to fit).
     */
    static double fitExponentialMs(double[] r, double binMs) {
        int first = 1;
        for (int lag = 2; lag < r.length; lag++) {
            if (r[lag] > r[first]) {
                first = lag;
            }
        }
        if (r.length - first < 3) {
            return Double.NaN;
        }
        // Golden-section search of the squared error over u = ln(τ/Δ).
        double lo = Math.log(MIN_TAU_BINS);
        double hi = Math.log(MAX_TAU_BINS);
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo);
        double b = lo + phi * (hi - lo);
        double fa = linearFit(r, first, Math.exp(a))[2];
        double fb = linearFit(r, first, Math.exp(b))[2];
        for (int it = 0; it < 100 && hi - lo > 1e-9; it++) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - phi * (hi - lo);
                fa = linearFit(r, first, Math.exp(a))[2];
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + phi * (hi - lo);
                fb = linearFit(r, first, Math.exp(b))[2];
            }
        }
        double tauBins = Math.exp((lo + hi) / 2);
        double amplitude = linearFit(r, first, tauBins)[0];
        boolean atBound = Math.log(tauBins) < Math.log(MIN_TAU_BINS) + 1e-3 || Math.log(tauBins) > Math.log(MAX_TAU_BINS) - 1e-3;
        return amplitude <= 0 || atBound ? Double.NaN : tauBins * binMs;
    }

    /** {A, B, squared error} of the least-squares fit of A·e + B, e = exp(−k/τ), to r[first …]. */
    private static double[] linearFit(double[] r, int first, double tauBins) {
        int m = r.length - first;
        double se = 0;
        double sy = 0;
        double see = 0;
        double sey = 0;
        for (int k = first; k < r.length; k++) {
            double e = Math.exp(-k / tauBins);
            se += e;
            sy += r[k];
            see += e * e;
            sey += e * r[k];
        }
        double det = m * see - se * se;
        double amplitude = det == 0 ? 0 : (m * sey - se * sy) / det;
        double offset = (sy - amplitude * se) / m;
        double sse = 0;
        for (int k = first; k < r.length; k++) {
            double d = r[k] - amplitude * Math.exp(-k / tauBins) - offset;
            sse += d * d;
        }
        return new double[] {amplitude, offset, sse};
    }
}
