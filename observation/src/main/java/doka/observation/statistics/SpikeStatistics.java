package doka.observation.statistics;

import doka.observation.operator.NeuronGroups;
import doka.observation.operator.SpikeTrains;

/**
 * Per-population statistics of spike trains in a window, each with its error model. One pass over the spikes
 * (in time order, as the engine records them) and O(neurons) memory; neurons of group −1 are ignored, silent
 * neurons count (they are part of the population).
 *
 * <ul>
 *   <li>{@link #rates}: r_g = n_g/(N_g·T) in Hz (n_g spikes of the N_g neurons of group g in a window of T s). Error
 *       model: Poisson counts, Var r_g = n_g/(N_g·T)² (at least one spike's worth, 1/(N_g·T)², for a silent group).</li>
 *   <li>{@link #cvIsi}: the mean over the group's neurons with at least two inter-spike intervals in the window of
 *       CVᵢ = sd(ISI)/mean(ISI) (sample sd, denominator k − 1). 0 for periodic firing, 1 for a Poisson process (Dayan
 *       &amp; Abbott 2001, §1.4). Error model: the standard error of that mean, Var = s²_CV/n (s²_CV the sample
 *       variance of CVᵢ over the n neurons); the value is NaN without such neurons, the variance with fewer than 2.</li>
 *   <li>{@link #synchrony}: the variance ratio χ² of Golomb (2007, Scholarpedia 2:1347; Golomb &amp; Rinzel 1994) on
 *       spike counts in bins of Δ: χ² = Var_t(P(t)) / ((1/N)·Σᵢ Var_t(cᵢ(t))), cᵢ(t) neuron i's count in bin t and
 *       P(t) the group's mean count. 1 when all neurons fire together, 1/N for independent neurons (Poisson or not),
 *       in between for partial synchrony. Error model: the sampling variance of a variance over B independent bins,
 *       Var χ² ≈ 2χ⁴/B; rhythmic activity has fewer effective bins, so replicates estimate it better.</li>
 * </ul>
 */
public final class SpikeStatistics {
    private SpikeStatistics() {
    }

    /** Mean firing rate (Hz) of each group in {@code window}. */
    public static Estimates rates(SpikeTrains spikes, NeuronGroups groups, Window window) {
        int g = groups.groupCount();
        int[] size = groupSizes(groups);
        double[] count = new double[g];
        double[] times = spikes.timesMs();
        int[] ids = spikes.neuronIds();
        int[] groupOf = groups.groupOfNeuron();
        for (int i = 0; i < spikes.count(); i++) {
            int k = groupOf[ids[i]];
            if (k >= 0 && window.contains(times[i])) {
                count[k]++;
            }
        }
        double seconds = window.durationMs() / 1000;
        double[] rate = new double[g];
        double[] variance = new double[g];
        for (int k = 0; k < g; k++) {
            double exposure = size[k] * seconds;
            rate[k] = count[k] / exposure;
            variance[k] = Math.max(count[k], 1) / (exposure * exposure);
        }
        return new Estimates(rate, variance);
    }

    /** Mean coefficient of variation of the inter-spike intervals of each group's neurons in {@code window}. */
    public static Estimates cvIsi(SpikeTrains spikes, NeuronGroups groups, Window window) {
        int n = groups.neuronCount();
        double[] last = new double[n];
        java.util.Arrays.fill(last, Double.NaN);
        double[] sum = new double[n];
        double[] sumSq = new double[n];
        int[] intervals = new int[n];
        double[] times = spikes.timesMs();
        int[] ids = spikes.neuronIds();
        int[] groupOf = groups.groupOfNeuron();
        for (int i = 0; i < spikes.count(); i++) {
            int id = ids[i];
            double t = times[i];
            if (groupOf[id] < 0 || !window.contains(t)) {
                continue;
            }
            if (!Double.isNaN(last[id])) {
                double isi = t - last[id];
                sum[id] += isi;
                sumSq[id] += isi * isi;
                intervals[id]++;
            }
            last[id] = t;
        }
        int g = groups.groupCount();
        double[] cvSum = new double[g];
        double[] cvSumSq = new double[g];
        int[] neurons = new int[g];
        for (int id = 0; id < n; id++) {
            int k = groupOf[id];
            int m = intervals[id];
            if (k < 0 || m < 2 || sum[id] <= 0) {
                continue;
            }
            double mean = sum[id] / m;
            double var = Math.max(0, (sumSq[id] - m * mean * mean) / (m - 1));
            double cv = Math.sqrt(var) / mean;
            cvSum[k] += cv;
            cvSumSq[k] += cv * cv;
            neurons[k]++;
        }
        return meanAndStandardError(cvSum, cvSumSq, neurons);
    }

    /** Golomb's χ² of each group on spike counts in bins of {@code binMs} over {@code window}. */
    public static Estimates synchrony(SpikeTrains spikes, NeuronGroups groups, Window window, double binMs) {
        int bins = window.bins(binMs);
        if (bins < 2) {
            throw new IllegalArgumentException("synchrony needs at least 2 bins of " + binMs + " ms in " + window);
        }
        int n = groups.neuronCount();
        int g = groups.groupCount();
        int[] size = groupSizes(groups);
        int[] currentBin = new int[n];
        java.util.Arrays.fill(currentBin, -1);
        double[] currentCount = new double[n];
        double[] sumSq = new double[n];   // Σ_t cᵢ(t)², flushed bin by bin
        double[] total = new double[n];   // Σ_t cᵢ(t)
        double[] population = new double[bins * g];
        double[] times = spikes.timesMs();
        int[] ids = spikes.neuronIds();
        int[] groupOf = groups.groupOfNeuron();
        double end = window.startMs() + bins * binMs;
        for (int i = 0; i < spikes.count(); i++) {
            int id = ids[i];
            double t = times[i];
            int k = groupOf[id];
            if (k < 0 || t < window.startMs() || t >= end) {
                continue;
            }
            int b = Math.min(bins - 1, (int) ((t - window.startMs()) / binMs));
            if (b != currentBin[id]) {
                sumSq[id] += currentCount[id] * currentCount[id];
                currentCount[id] = 0;
                currentBin[id] = b;
            }
            currentCount[id]++;
            total[id]++;
            population[b * g + k]++;
        }
        double[] meanNeuronVariance = new double[g];
        for (int id = 0; id < n; id++) {
            int k = groupOf[id];
            if (k < 0) {
                continue;
            }
            double ss = sumSq[id] + currentCount[id] * currentCount[id];
            double mean = total[id] / bins;
            meanNeuronVariance[k] += (ss / bins - mean * mean) / size[k];
        }
        double[] chi2 = new double[g];
        double[] variance = new double[g];
        for (int k = 0; k < g; k++) {
            double s = 0;
            double ss = 0;
            for (int b = 0; b < bins; b++) {
                double p = population[b * g + k] / size[k];
                s += p;
                ss += p * p;
            }
            double mean = s / bins;
            double popVariance = ss / bins - mean * mean;
            chi2[k] = meanNeuronVariance[k] > 0 ? popVariance / meanNeuronVariance[k] : Double.NaN;
            variance[k] = 2 * chi2[k] * chi2[k] / bins;
        }
        return new Estimates(chi2, variance);
    }

    /** Neurons per group; fails for an empty group. */
    static int[] groupSizes(NeuronGroups groups) {
        int[] size = new int[groups.groupCount()];
        for (int k : groups.groupOfNeuron()) {
            if (k >= 0) {
                size[k]++;
            }
        }
        for (int k = 0; k < size.length; k++) {
            if (size[k] == 0) {
                throw new IllegalArgumentException("group " + groups.groups().get(k) + " has no neurons");
            }
        }
        return size;
    }

    /** Per group: the mean of n samples and the squared standard error s²/n; NaN for n &lt; 2. */
    static Estimates meanAndStandardError(double[] sum, double[] sumSq, int[] n) {
        double[] mean = new double[sum.length];
        double[] variance = new double[sum.length];
        for (int k = 0; k < sum.length; k++) {
            if (n[k] < 2) {
                mean[k] = n[k] == 1 ? sum[k] : Double.NaN;
                variance[k] = Double.NaN;
                continue;
            }
            mean[k] = sum[k] / n[k];
            double s2 = Math.max(0, (sumSq[k] - n[k] * mean[k] * mean[k]) / (n[k] - 1));
            variance[k] = s2 / n[k];
        }
        return new Estimates(mean, variance);
    }
}
