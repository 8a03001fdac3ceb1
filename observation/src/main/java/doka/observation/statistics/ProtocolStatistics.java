package doka.observation.statistics;

import java.util.ArrayList;
import java.util.List;

import doka.observation.operator.NeuronGroups;
import doka.observation.operator.SpikeTrains;

/**
 * The statistics of a run of a protocol (a rest window, then a stimulus window) as one {@link StatisticVector}, for
 * each window {@code w} ({@code rest}, {@code stimulus}):
 * <pre>
 *   w.rate_hz/POP  w.cv_isi/POP  w.synchrony/POP  w.phase_cos/POP  w.phase_sin/POP     per population (group label)
 *   w.band_power/AREA  w.peak_hz/AREA  w.lag_ms/AREA                                per area (lag behind the first area)
 * </pre>
 * computed by {@link SpikeStatistics} and {@link RhythmStatistics}, whose documentation gives each error model.
 */
public final class ProtocolStatistics {
    private ProtocolStatistics() {
    }

    /** The rest and stimulus windows of a run. */
    public record Protocol(Window rest, Window stimulus) {
        public Protocol {
            java.util.Objects.requireNonNull(rest, "rest");
            java.util.Objects.requireNonNull(stimulus, "stimulus");
        }
    }

    /**
     * @param binMs          bin of the population rates (spectra, phases, lags)
     * @param segment        Welch segment, samples (a power of two)
     * @param bandLoHz       the band of band power and phases (gamma: 30)
     * @param bandHiHz       (gamma: 50)
     * @param peakLoHz       where the spectral peak is searched
     * @param peakHiHz
     * @param synchronyBinMs the count bin of Golomb's χ²
     * @param maxLagMs       the largest inter-area lag searched (below half the rhythm's period)
     */
    public record Settings(double binMs, int segment, double bandLoHz, double bandHiHz, double peakLoHz, double peakHiHz,
                           double synchronyBinMs, double maxLagMs) {
        public Settings {
            if (!(binMs > 0 && synchronyBinMs > 0 && maxLagMs >= 0) || segment < 4 || Integer.bitCount(segment) != 1
                    || !(bandLoHz < bandHiHz) || !(peakLoHz < peakHiHz)) {
                throw new IllegalArgumentException("bad statistics settings: " + this);
            }
        }

        /** 1 ms bins, 256-sample segments (3.9 Hz), gamma 30–50 Hz, peak in 10–100 Hz, χ² on 5 ms, lags within ±10 ms. */
        public static Settings gamma() {
            return new Settings(1.0, 256, 30, 50, 10, 100, 5.0, 10.0);
        }
    }

    public static StatisticVector of(SpikeTrains spikes, NeuronGroups groups, Protocol protocol, Settings s) {
        List<String> names = new ArrayList<>();
        List<Estimates> blocks = new ArrayList<>();
        List<String> populations = groups.groups().stream().map(q -> q.label()).toList();
        List<String> areas = RhythmStatistics.areas(groups);
        for (var entry : List.of(java.util.Map.entry("rest", protocol.rest()),
                java.util.Map.entry("stimulus", protocol.stimulus()))) {
            String w = entry.getKey();
            Window window = entry.getValue();
            double[][] rates = RhythmStatistics.areaRates(spikes, groups, window, s.binMs());
            RhythmStatistics.Phases phases = RhythmStatistics.phases(spikes, groups, window, s.binMs(), rates,
                    s.bandLoHz(), s.bandHiHz());
            add(names, blocks, w + ".rate_hz/", populations, SpikeStatistics.rates(spikes, groups, window));
            add(names, blocks, w + ".cv_isi/", populations, SpikeStatistics.cvIsi(spikes, groups, window));
            add(names, blocks, w + ".synchrony/", populations,
                    SpikeStatistics.synchrony(spikes, groups, window, s.synchronyBinMs()));
            add(names, blocks, w + ".phase_cos/", populations, phases.cos());
            add(names, blocks, w + ".phase_sin/", populations, phases.sin());
            add(names, blocks, w + ".band_power/", areas,
                    RhythmStatistics.bandPower(rates, s.binMs(), s.segment(), s.bandLoHz(), s.bandHiHz()));
            add(names, blocks, w + ".peak_hz/", areas,
                    RhythmStatistics.peakHz(rates, s.binMs(), s.segment(), s.peakLoHz(), s.peakHiHz()));
            add(names, blocks, w + ".lag_ms/", areas, RhythmStatistics.lags(rates, s.binMs(), s.maxLagMs(), 0));
        }
        double[] values = new double[names.size()];
        double[] variances = new double[names.size()];
        int i = 0;
        for (Estimates e : blocks) {
            System.arraycopy(e.value(), 0, values, i, e.size());
            System.arraycopy(e.variance(), 0, variances, i, e.size());
            i += e.size();
        }
        return new StatisticVector(names, values, variances);
    }

    private static void add(List<String> names, List<Estimates> blocks, String prefix, List<String> labels, Estimates e) {
        for (String label : labels) {
            names.add(prefix + label);
        }
        blocks.add(e);
    }
}
