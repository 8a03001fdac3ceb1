package doka.observation.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import doka.observation.operator.NeuronGroups;
import doka.observation.operator.SpikeTrains;

/** Band power, spectral peak, phases and inter-area lags on spike trains with known answers. */
class TestRhythmStatistics {
    static final double BIN = 1.0;
    static final int SEGMENT = 256; // Δf = 3.906 Hz

    @Test
    void periodicPopulationPeaksAtItsFrequencyWithTheFundamentalsPower() {
        // all neurons fire together every 25 ms, in one 1 ms bin: the area rate is 1000 Hz pulses at 40 Hz, whose
        // Fourier coefficients are all 1000/25 = 40 Hz, so the 40 Hz harmonic has amplitude 80 Hz and power 80²/2
        Trains t = new Trains();
        t.periodic(t.group("A", "E", 50), 50, 25, 0.5, 20_000);
        double[][] rate = RhythmStatistics.areaRates(t.trains(), t.neuronGroups(), new Window(0, 20_000), BIN);
        Estimates power = RhythmStatistics.bandPower(rate, BIN, SEGMENT, 30, 50);
        Estimates peak = RhythmStatistics.peakHz(rate, BIN, SEGMENT, 10, 100);
        System.out.printf("40 Hz pulses: band power %.1f Hz² (3200), peak %.2f Hz%n", power.value()[0], peak.value()[0]);
        assertEquals(3200, power.value()[0], 0.03 * 3200);
        assertEquals(40, peak.value()[0], 1000.0 / SEGMENT / 2);
        assertEquals(Math.pow(1000.0 / SEGMENT, 2) / 12, peak.variance()[0], 1e-12);
    }

    @Test
    void poissonPopulationHasWhiteBandPower() {
        // N independent Poisson neurons at λ: the 1 ms rate has variance 1000·λ/N Hz², flat over 0–500 Hz, so the
        // rectangle-rule band power over the 5 bins in [30, 50] Hz is that variance × 5·Δf/500; over 100 replicates the
        // variance of a variance estimate has a relative sd of √(2/99) = 14 %
        double[] powers = new double[100];
        double[] model = new double[100];
        for (int r = 0; r < powers.length; r++) {
            Trains t = new Trains();
            t.poisson(t.group("A", "P", 100), 100, 10, 20_000, 7 + r);
            double[][] rate = RhythmStatistics.areaRates(t.trains(), t.neuronGroups(), new Window(0, 20_000), BIN);
            Estimates e = RhythmStatistics.bandPower(rate, BIN, SEGMENT, 30, 50);
            powers[r] = e.value()[0];
            model[r] = e.variance()[0];
        }
        double expected = 1000.0 * 10 / 100 / 500 * 5 * 1000.0 / SEGMENT;
        double mean = TestSpikeStatistics.mean(powers);
        double ratio = TestSpikeStatistics.sampleVariance(powers) / TestSpikeStatistics.mean(model);
        System.out.printf("Poisson: band power %.4f Hz² (expected %.4f), replicate variance / model variance = %.2f%n",
                mean, expected, ratio);
        assertEquals(expected, mean, 4 * Math.sqrt(TestSpikeStatistics.mean(model) / powers.length));
        assertTrue(ratio > 0.5 && ratio < 1.8, "band power error model off by " + ratio);
    }

    @Test
    void knownPhasesAndPhaseLag() {
        // E (40 neurons) fires at 25k + 0.5 ms, FS (10 neurons) 5 ms later: the FS lag is θ = 2π·5/25 rad. The area
        // rate's 40 Hz component is ∝ 40 + 10·e^(−iθ) relative to the E pulses, so E fires at phase
        // atan2(−10 sin θ, 40 + 10 cos θ) (before the band-passed rate's peak), and FS θ later
        Trains t = new Trains();
        t.periodic(t.group("A", "E", 40), 40, 25, 0.5, 4000);
        t.periodic(t.group("A", "FS", 10), 10, 25, 5.5, 4000);
        Window w = new Window(0, 4000);
        SpikeTrains s = t.trains();
        NeuronGroups g = t.neuronGroups();
        RhythmStatistics.Phases p = RhythmStatistics.phases(s, g, w, BIN, RhythmStatistics.areaRates(s, g, w, BIN), 30, 50);
        double theta = 2 * Math.PI * 5 / 25;
        double e = Math.atan2(-10 * Math.sin(theta), 40 + 10 * Math.cos(theta));
        System.out.printf("phases: E %.4f (%.4f), FS %.4f (%.4f), R %.4f, sd %.4f rad%n", p.meanRad()[0], e,
                p.meanRad()[1], e + theta, p.resultant()[0], Math.sqrt(p.variance()[0]));
        assertEquals(e, p.meanRad()[0], 0.02);
        assertEquals(e + theta, p.meanRad()[1], 0.02);
        assertEquals(theta, p.difference(1, 0)[0], 0.01);
        assertEquals(1.0, p.resultant()[0], 0.01);
        assertEquals(Math.cos(e), p.cos().value()[0], 0.02);
        assertEquals(Math.sin(e + theta), p.sin().value()[1], 0.02);
        // a phase-locked train's variance is its quantization floor, (2π·40 Hz·1 ms)²/12
        assertEquals(Math.pow(2 * Math.PI * 0.040, 2) / 12, p.variance()[0], 1e-3);
    }

    @Test
    void poissonSpikesAreNotPhaseLocked() {
        // Independent Poisson spikes have no preferred phase, but each spike adds a pulse to the very rate it is read
        // against, which biases its phase towards 0: R ∝ 1/√N (relative weight of one neuron's pulse in the rate)
        double[] r = new double[2];
        int[] sizes = {100, 1600};
        for (int k = 0; k < 2; k++) {
            Trains t = new Trains();
            t.poisson(t.group("A", "P", sizes[k]), sizes[k], 10, 10_000, 3);
            Window w = new Window(0, 10_000);
            SpikeTrains s = t.trains();
            NeuronGroups g = t.neuronGroups();
            r[k] = RhythmStatistics.phases(s, g, w, BIN, RhythmStatistics.areaRates(s, g, w, BIN), 30, 50).resultant()[0];
        }
        System.out.printf("Poisson: R = %.4f for N = 100, %.4f for N = 1600%n", r[0], r[1]);
        assertTrue(r[0] < 0.2, "R " + r[0]);
        assertEquals(0.25, r[1] / r[0], 0.1, "R ∝ 1/√N");
    }

    @Test
    void knownInterAreaLag() {
        // area B repeats area A's Poisson spikes 3.5 ms later (half the spikes land 3 bins later, half 4), and
        // area C A's periodic 40 Hz spikes 3 ms later
        Trains t = new Trains();
        int a = t.group("A", "E", 100);
        t.poisson(a, 100, 20, 20_000, 5);
        int b = t.group("B", "E", 100);
        t.copy(a, b, 100, 3.5);
        Window w = new Window(0, 20_000);
        double[][] rates = RhythmStatistics.areaRates(t.trains(), t.neuronGroups(), w, BIN);
        Estimates lag = RhythmStatistics.lags(rates, BIN, 10, 0);
        assertEquals(0.0, lag.value()[0]);
        assertEquals(3.5, lag.value()[1], 0.05);
        assertEquals(1.0 / 12, lag.variance()[1], 1e-12);
        assertEquals(-3.5, RhythmStatistics.lags(rates, BIN, 10, 1).value()[0], 0.05, "A leads B");

        Trains p = new Trains();
        p.periodic(p.group("A", "E", 20), 20, 25, 0.5, 4000);
        p.periodic(p.group("C", "E", 20), 20, 25, 3.5, 4000);
        double[][] periodic = RhythmStatistics.areaRates(p.trains(), p.neuronGroups(), new Window(0, 4000), BIN);
        assertEquals(3.0, RhythmStatistics.lags(periodic, BIN, 10, 0).value()[1], 1e-3);
        System.out.printf("lags: Poisson copy +3.5 ms → %.3f ms, periodic +3 ms → %.3f ms%n", lag.value()[1],
                RhythmStatistics.lags(periodic, BIN, 10, 0).value()[1]);
    }

    @Test
    void wrapsIntoMinusPiToPi() {
        assertEquals(Math.PI, RhythmStatistics.wrap(-Math.PI), 1e-15);
        assertEquals(-0.5, RhythmStatistics.wrap(2 * Math.PI - 0.5), 1e-12);
        assertEquals(0.5, RhythmStatistics.wrap(0.5 - 4 * Math.PI), 1e-12);
    }
}
