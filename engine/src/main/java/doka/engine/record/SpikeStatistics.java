package doka.engine.record;

import java.util.ArrayList;
import java.util.List;

import doka.engine.kernel.Network;
import doka.engine.kernel.Population;

/** Rates, CV of ISI and synchrony per population from recorded spikes. */
public final class SpikeStatistics {
    private SpikeStatistics() {
    }

    /**
     * Statistics of spikes in steps [fromStep, toStep). CV ISI: per neuron with ≥ 2 intervals,
     * then averaged (NaN if no neuron qualifies). Synchrony: counts of the whole population in
     * bins of {@code synchronyBinSteps}, variance (population) / mean (NaN if no spike).
     */
    public static List<PopulationStatistics> compute(Network network, SpikeRecorder spikes, long fromStep, long toStep,
                                                     int synchronyBinSteps) {
        if (toStep <= fromStep) {
            throw new IllegalArgumentException("need toStep > fromStep, got " + fromStep + ", " + toStep);
        }
        int n = network.neuronCount();
        int[] count = new int[n];
        int[] last = new int[n];
        double[] isiSum = new double[n];
        double[] isiSq = new double[n];
        int bins = (int) ((toStep - fromStep + synchronyBinSteps - 1) / synchronyBinSteps);
        List<Population> pops = network.populations();
        long[][] binCounts = new long[pops.size()][bins];
        int[] popOf = new int[n];
        for (Population p : pops) {
            for (int i = 0; i < p.size(); i++) {
                popOf[p.offset() + i] = p.index();
            }
        }
        for (int k = 0; k < spikes.size(); k++) {
            int s = spikes.step(k);
            if (s < fromStep || s >= toStep) {
                continue;
            }
            int i = spikes.neuron(k);
            if (count[i] > 0) {
                double isi = s - last[i];
                isiSum[i] += isi;
                isiSq[i] += isi * isi;
            }
            last[i] = s;
            count[i]++;
            binCounts[popOf[i]][(int) ((s - fromStep) / synchronyBinSteps)]++;
        }
        double seconds = (toStep - fromStep) * network.dtMs() * 1e-3;
        List<PopulationStatistics> out = new ArrayList<>();
        for (Population p : pops) {
            long total = 0;
            double cvSum = 0;
            int cvN = 0;
            for (int i = p.offset(); i < p.offset() + p.size(); i++) {
                total += count[i];
                int m = count[i] - 1;
                if (m >= 2) {
                    double mean = isiSum[i] / m;
                    double var = Math.max(0, isiSq[i] / m - mean * mean);
                    cvSum += Math.sqrt(var) / mean;
                    cvN++;
                }
            }
            double mean = 0;
            for (long c : binCounts[p.index()]) {
                mean += c;
            }
            mean /= bins;
            double var = 0;
            for (long c : binCounts[p.index()]) {
                var += (c - mean) * (c - mean);
            }
            var /= bins;
            double rate = p.size() == 0 ? 0 : total / (p.size() * seconds);
            out.add(new PopulationStatistics(p.name(), rate, cvN == 0 ? Double.NaN : cvSum / cvN,
                    mean == 0 ? Double.NaN : var / mean, total));
        }
        return out;
    }
}
