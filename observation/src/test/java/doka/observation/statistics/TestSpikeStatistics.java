package doka.observation.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import doka.observation.operator.NeuronGroups;
import doka.observation.operator.SpikeTrains;

/** Rates, CV of ISI and Golomb's synchrony on spike trains with known answers, and their error models. */
class TestSpikeStatistics {
    @Test
    void periodicPopulation() {
        // 50 neurons firing together every 25 ms (40 Hz): rate 40 Hz, CV 0, χ² = 1
        Trains t = new Trains();
        t.periodic(t.group("A", "E", 50), 50, 25, 0.5, 2000);
        Window w = new Window(0, 2000);
        SpikeTrains s = t.trains();
        NeuronGroups g = t.neuronGroups();
        assertEquals(40.0, SpikeStatistics.rates(s, g, w).value()[0], 1e-12);
        assertEquals(80 * 50 / Math.pow(50 * 2.0, 2), SpikeStatistics.rates(s, g, w).variance()[0], 1e-12);
        assertEquals(0.0, SpikeStatistics.cvIsi(s, g, w).value()[0], 1e-9);
        assertEquals(1.0, SpikeStatistics.synchrony(s, g, w, 5).value()[0], 1e-12);
    }

    @Test
    void poissonPopulation() {
        // 200 independent Poisson neurons at 8 Hz for 100 s: rate 8, CV 1, χ² = 1/N; a periodic group beside them and
        // an unobserved neuron (group −1) must not disturb them
        Trains t = new Trains();
        int first = t.group("A", "P", 200);
        t.poisson(first, 200, 8, 100_000, 1);
        t.periodic(t.group("A", "E", 10), 10, 25, 0.5, 100_000);
        SpikeTrains s = t.trains();
        NeuronGroups g = t.neuronGroups();
        Window w = new Window(0, 100_000);
        Estimates rate = SpikeStatistics.rates(s, g, w);
        Estimates cv = SpikeStatistics.cvIsi(s, g, w);
        Estimates chi2 = SpikeStatistics.synchrony(s, g, w, 5);
        System.out.printf("Poisson N = 200, 8 Hz, 100 s: rate %.4f ± %.4f, CV %.4f ± %.4f, χ² %.5f ± %.5f (1/N = 0.005)%n",
                rate.value()[0], Math.sqrt(rate.variance()[0]), cv.value()[0], Math.sqrt(cv.variance()[0]), chi2.value()[0],
                Math.sqrt(chi2.variance()[0]));
        assertEquals(8.0, rate.value()[0], 4 * Math.sqrt(rate.variance()[0]));
        // the sample CV of k exponential intervals is biased low by O(1/k) (k ≈ 800 here)
        assertEquals(1.0, cv.value()[0], 4 * Math.sqrt(cv.variance()[0]) + 0.005);
        assertEquals(1.0 / 200, chi2.value()[0], 4 * Math.sqrt(chi2.variance()[0]));
        assertEquals(40.0, rate.value()[1], 1e-12);
        assertEquals(1.0, chi2.value()[1], 1e-12);
    }

    @Test
    void errorModelsMatchTheSpreadOverReplicates() {
        // 40 replicates of 100 Poisson neurons at 10 Hz for 20 s: the sample variance of each statistic over the
        // replicates against the error model's variance; a variance from 40 samples has a relative sd of √(2/39) = 23 %
        int replicates = 40;
        double[][] values = new double[3][replicates];
        double[][] model = new double[3][replicates];
        for (int r = 0; r < replicates; r++) {
            Trains t = new Trains();
            t.poisson(t.group("A", "P", 100), 100, 10, 20_000, 100 + r);
            SpikeTrains s = t.trains();
            NeuronGroups g = t.neuronGroups();
            Window w = new Window(0, 20_000);
            Estimates[] e = {SpikeStatistics.rates(s, g, w), SpikeStatistics.cvIsi(s, g, w),
                    SpikeStatistics.synchrony(s, g, w, 5)};
            for (int k = 0; k < 3; k++) {
                values[k][r] = e[k].value()[0];
                model[k][r] = e[k].variance()[0];
            }
        }
        String[] names = {"rate", "CV", "χ²"};
        for (int k = 0; k < 3; k++) {
            double ratio = sampleVariance(values[k]) / mean(model[k]);
            System.out.printf("%s: replicate variance / model variance = %.2f%n", names[k], ratio);
            assertTrue(ratio > 0.5 && ratio < 1.8, names[k] + ": ratio " + ratio);
        }
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double sampleVariance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
