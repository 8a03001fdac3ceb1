package doka.observation.statistics;

import java.util.ArrayList;
import java.util.List;

import doka.observation.analysis.Signals;
import doka.observation.analysis.Spectra;
import doka.observation.operator.NeuronGroups;
import doka.observation.operator.ObsOperators;
import doka.observation.operator.SpikeTrains;

/**
 * Statistics of the rhythm of an area: its population rate (all its neurons' spikes, binned), the rate's band
 * power and spectral peak, each population's spike phase relative to the area's band-passed rate, and the lag
 * between areas. An area is the {@code area} of the groups' {@link doka.observation.ObservedQuantity}. Error models:
 *
 * <ul>
 *   <li>{@link #bandPower}: Welch's estimate (Hann, 50 % overlap, {@link Spectra#welch}) averages K segments; a
 *       PSD bin then has relative variance ≈ 1/K (Welch 1967), and the B bins of the band, correlated in pairs by the
 *       Hann main lobe, add up to Var P ≈ P²/(K·max(1, B/2)).</li>
 *   <li>{@link #peakHz}: the frequency grid's quantization, Var = Δf²/12 (Δf = 1000/(segment·bin ms)); a floor
 *       (noise-driven peaks wander more: use replicates).</li>
 *   <li>{@link #phases}: per population, the circular mean φ̄ of the spikes' phases on the area's rate band-passed
 *       to the band ({@link Spectra#bandPhase}; 0 at the rate's peaks, increasing in time). Its variance is Fisher's
 *       (1993, Statistical Analysis of Circular Data, eq. 4.21) δ/n, δ = (1 − ρ₂)/(2R²) with R the mean resultant
 *       length and ρ₂ = (1/n) Σ cos 2(φᵢ − φ̄), plus the bin's phase quantization (2π·f_c·bin)²/12 at the band's
 *       centre f_c. As observations, {@link Phases#cos()} and {@link Phases#sin()} of φ̄ (each with that variance, an
 *       upper bound of the component's) or a wrapped difference of two populations ({@link Phases#difference}).</li>
 *   <li>{@link #lags}: the lag of each area's rate behind a reference area's at the peak of their cross-covariance
 *       within ±maxLag ({@link Signals#interpolatedLagMs}); Var = bin²/12 (a floor, as for the peak). For rhythmic
 *       rates maxLag must stay below half the period, or a neighbouring cycle can win.</li>
 * </ul>
 */
public final class RhythmStatistics {
    private RhythmStatistics() {
    }

    /** The areas of the groups, in order of first appearance. */
    public static List<String> areas(NeuronGroups groups) {
        List<String> areas = new ArrayList<>();
        for (var q : groups.groups()) {
            if (!areas.contains(q.area())) {
                areas.add(q.area());
            }
        }
        return List.copyOf(areas);
    }

    /** The area index of each group, in the order of {@link #areas}. */
    public static int[] areaOfGroup(NeuronGroups groups) {
        List<String> areas = areas(groups);
        int[] out = new int[groups.groupCount()];
        for (int k = 0; k < out.length; k++) {
            out[k] = areas.indexOf(groups.groups().get(k).area());
        }
        return out;
    }

    /** The population rate (Hz) of each area in bins of {@code binMs} over {@code window}: {@code [area][bin]}. */
    public static double[][] areaRates(SpikeTrains spikes, NeuronGroups groups, Window window, double binMs) {
        int[] areaOf = areaOfGroup(groups);
        int areas = areas(groups).size();
        int[] slot = new int[groups.neuronCount()];
        int[] size = new int[areas];
        for (int i = 0; i < slot.length; i++) {
            int k = groups.groupOfNeuron()[i];
            slot[i] = k < 0 ? -1 : areaOf[k];
            if (k >= 0) {
                size[slot[i]]++;
            }
        }
        int bins = window.bins(binMs);
        double[] binned = ObsOperators.binnedGroupRates(spikes.timesMs(), spikes.neuronIds(), spikes.count(), slot, size,
                window.startMs(), binMs, bins, 1000.0, new double[bins * areas]);
        double[][] out = new double[areas][bins];
        for (int b = 0; b < bins; b++) {
            for (int a = 0; a < areas; a++) {
                out[a][b] = binned[b * areas + a];
            }
        }
        return out;
    }

    /** Power (signal unit²) of each signal in [loHz, hiHz], Welch segments of {@code segment} samples. */
    public static Estimates bandPower(double[][] signals, double binMs, int segment, double loHz, double hiHz) {
        double[] value = new double[signals.length];
        double[] variance = new double[signals.length];
        for (int a = 0; a < signals.length; a++) {
            Spectra.Psd psd = Spectra.welch(signals[a], binMs, segment);
            int seg = 2 * (psd.frequencyHz().length - 1);
            int segments = Math.max(1, (signals[a].length - seg) / (seg / 2) + 1);
            int inBand = 0;
            for (double f : psd.frequencyHz()) {
                if (f >= loHz && f <= hiHz) {
                    inBand++;
                }
            }
            value[a] = psd.bandPower(loHz, hiHz);
            variance[a] = value[a] * value[a] / (segments * Math.max(1.0, inBand / 2.0));
        }
        return new Estimates(value, variance);
    }

    /** Frequency (Hz) of the largest Welch density of each signal in [loHz, hiHz]. */
    public static Estimates peakHz(double[][] signals, double binMs, int segment, double loHz, double hiHz) {
        double[] value = new double[signals.length];
        double[] variance = new double[signals.length];
        for (int a = 0; a < signals.length; a++) {
            Spectra.Psd psd = Spectra.welch(signals[a], binMs, segment);
            double df = psd.frequencyHz().length > 1 ? psd.frequencyHz()[1] : Double.NaN;
            value[a] = psd.peakHz(loHz, hiHz);
            variance[a] = df * df / 12;
        }
        return new Estimates(value, variance);
    }

    /**
     * The lag (ms) of each area's rate behind area {@code reference}'s (0 for the reference itself), searched within
     * ±{@code maxLagMs}.
     */
    public static Estimates lags(double[][] signals, double binMs, double maxLagMs, int reference) {
        double[] value = new double[signals.length];
        double[] variance = new double[signals.length];
        for (int a = 0; a < signals.length; a++) {
            value[a] = a == reference ? 0 : Signals.interpolatedLagMs(signals[reference], signals[a], binMs, maxLagMs);
            variance[a] = binMs * binMs / 12;
        }
        return new Estimates(value, variance);
    }

    /**
     * Each group's spike phases relative to its area's rate ({@code areaRates}, from {@link #areaRates} over the same
     * window and bins) band-passed to [loHz, hiHz].
     */
    public static Phases phases(SpikeTrains spikes, NeuronGroups groups, Window window, double binMs,
                                double[][] areaRates, double loHz, double hiHz) {
        double[][] phase = new double[areaRates.length][];
        for (int a = 0; a < areaRates.length; a++) {
            phase[a] = Spectra.bandPhase(areaRates[a], binMs, loHz, hiHz);
        }
        int[] areaOf = areaOfGroup(groups);
        int g = groups.groupCount();
        double[] c = new double[g];
        double[] s = new double[g];
        double[] c2 = new double[g];
        double[] s2 = new double[g];
        int[] n = new int[g];
        double[] times = spikes.timesMs();
        int[] ids = spikes.neuronIds();
        int[] groupOf = groups.groupOfNeuron();
        for (int i = 0; i < spikes.count(); i++) {
            int k = groupOf[ids[i]];
            if (k < 0 || !window.contains(times[i])) {
                continue;
            }
            double[] ph = phase[areaOf[k]];
            int sample = (int) ((times[i] - window.startMs()) / binMs);
            if (sample >= ph.length) {
                continue; // in the window's last, partial bin
            }
            double p = ph[sample];
            c[k] += Math.cos(p);
            s[k] += Math.sin(p);
            c2[k] += Math.cos(2 * p);
            s2[k] += Math.sin(2 * p);
            n[k]++;
        }
        double quantization = Math.pow(2 * Math.PI * 0.5 * (loHz + hiHz) * binMs / 1000, 2) / 12;
        double[] mean = new double[g];
        double[] resultant = new double[g];
        double[] variance = new double[g];
        for (int k = 0; k < g; k++) {
            if (n[k] == 0) {
                mean[k] = Double.NaN;
                resultant[k] = Double.NaN;
                variance[k] = Double.NaN;
                continue;
            }
            mean[k] = Math.atan2(s[k], c[k]);
            resultant[k] = Math.hypot(c[k], s[k]) / n[k];
            double rho2 = (c2[k] * Math.cos(2 * mean[k]) + s2[k] * Math.sin(2 * mean[k])) / n[k];
            variance[k] = (1 - rho2) / (2 * resultant[k] * resultant[k]) / n[k] + quantization;
        }
        return new Phases(mean, resultant, variance, n);
    }

    /** φ wrapped to (−π, π]. */
    public static double wrap(double rad) {
        double w = Math.IEEEremainder(rad, 2 * Math.PI);
        return w <= -Math.PI ? w + 2 * Math.PI : w;
    }

    /**
     * Mean spike phases per group.
     *
     * @param meanRad   circular mean φ̄ (rad, −π..π), NaN for a group without spikes
     * @param resultant mean resultant length R (1: every spike at the same phase, ≈ 0: no locking)
     * @param variance  the error variance of φ̄ (rad²), see {@link RhythmStatistics}
     * @param spikes    spikes counted
     */
    public record Phases(double[] meanRad, double[] resultant, double[] variance, int[] spikes) {
        /** cos φ̄ per group, with the variance of φ̄. */
        public Estimates cos() {
            double[] v = new double[meanRad.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = Math.cos(meanRad[k]);
            }
            return new Estimates(v, variance.clone());
        }

        /** sin φ̄ per group, with the variance of φ̄. */
        public Estimates sin() {
            double[] v = new double[meanRad.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = Math.sin(meanRad[k]);
            }
            return new Estimates(v, variance.clone());
        }

        /** The wrapped difference φ̄_a − φ̄_b in (−π, π] (a later than b when positive) and its variance. */
        public double[] difference(int a, int b) {
            return new double[] {wrap(meanRad[a] - meanRad[b]), variance[a] + variance[b]};
        }
    }
}
