package doka.launcher.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import doka.launcher.simulate.StimulusReadout;
import doka.observation.statistics.RhythmStatistics;

/**
 * The statistics of a cortex calibration that follow the model file's own stimulus experiment (its run and
 * {@code stimulation}), read from the same area-level read-out that {@code simulate --json} prints
 * ({@link StimulusReadout}):
 * <pre>
 *   rest.log10_rate_hz/POP        log10 of the rate before the stimulus (floored at 0.001 Hz), POP = "MOp-L/L2/3/E"
 *   rest.cv_isi/POP               mean CV of the ISIs before the stimulus (stimulated area's populations)
 *   stimulus.log10_gain/AREA      log10(30–50 Hz power during / before the stimulus) of the area's population rate
 *   stimulus.peak_hz/AREA         spectral peak (10–200 Hz) of the area's rate during the stimulus
 *   stimulus.phase_rad/A after B  wrapped φ_A − φ_B (−π, π] of two layer × class labels of the stimulated area
 *                                 ("L2/3 LTS after L2/3 FS"); positive when A fires later in the gamma cycle
 *   stimulus.lag_ms/AREA          lag of the area's rate behind the stimulated area's, ms
 *   rest.log10_gamma_power/AREA   log10 of the area's 30–50 Hz power before the stimulus (Hz²): an asynchronous rest
 * </pre>
 * Power ratios and rates are taken in log10 because they span decades near the operating point, where a linear
 * statistic would make the smoother's linear update poor; the phase difference is wrapped, so that it is continuous
 * for the small differences the targets ask for. An undefined statistic (a class with too few spikes, a silent
 * population) is NaN, which the calibration replaces by the ensemble's mean of the defined ones.
 */
final class StimulusStatistics {
    static final List<String> KINDS = List.of("rest.log10_rate_hz", "rest.cv_isi", "stimulus.log10_gain",
            "stimulus.peak_hz", "stimulus.phase_rad", "stimulus.lag_ms", "rest.log10_gamma_power");
    /** Rates below this are taken as this (Hz) in the log. */
    static final double RATE_FLOOR_HZ = 1e-3;
    private static final String AFTER = " after ";

    private final List<String> names;
    private final int[] kind;
    private final String[] key;
    private final String[] reference;

    /**
     * @param populations the model's population names, {@code areas} its areas, {@code labels} the layer × class labels
     * @throws IllegalArgumentException naming the statistic and what was expected
     */
    StimulusStatistics(List<String> names, List<String> populations, List<String> areas, List<String> labels) {
        this.names = List.copyOf(names);
        kind = new int[names.size()];
        key = new String[names.size()];
        reference = new String[names.size()];
        for (int j = 0; j < names.size(); j++) {
            String s = names.get(j);
            int slash = s.indexOf('/');
            int k = slash < 0 ? -1 : KINDS.indexOf(s.substring(0, slash));
            if (k < 0) {
                throw new IllegalArgumentException("protocol.statistics[" + j + "] is '" + s + "'; expected <kind>/<name>"
                        + " with a kind of " + KINDS);
            }
            String name = s.substring(slash + 1);
            kind[j] = k;
            key[j] = name;
            List<String> allowed = k <= 1 ? populations : k == 4 ? labels : areas;
            if (k == 4) {
                int at = name.indexOf(AFTER);
                key[j] = at < 0 ? name : name.substring(0, at);
                reference[j] = at < 0 ? null : name.substring(at + AFTER.length());
                if (reference[j] == null || !labels.contains(key[j]) || !labels.contains(reference[j])) {
                    throw new IllegalArgumentException("protocol.statistics[" + j + "] is '" + s + "'; expected"
                            + " stimulus.phase_rad/<A> after <B> with A and B of " + labels);
                }
            } else if (!allowed.contains(name)) {
                throw new IllegalArgumentException("protocol.statistics[" + j + "] is '" + s + "'; " + KINDS.get(k)
                        + " takes one of " + allowed);
            }
        }
    }

    /**
     * The statistics of {@code model}'s stimulus experiment, or null when {@code names} are the rest protocol's.
     *
     * @throws IllegalArgumentException for a mix of both, a model without a usable stimulus, or a bad name
     */
    static StimulusStatistics of(List<String> names, doka.engine.cortex.CortexModel model, doka.engine.atlas.Atlas atlas,
            String file) {
        if (names.stream().noneMatch(StimulusStatistics::isStimulusStatistic)) {
            return null;
        }
        if (!names.stream().allMatch(StimulusStatistics::isStimulusStatistic)) {
            throw new IllegalArgumentException("protocol.statistics " + names + " mixes the rest protocol's <kind>/<area>"
                    + " with the stimulus experiment's rest.… and stimulus.…; expected one or the other");
        }
        var st = model.stimulation();
        if (st == null) {
            throw new IllegalArgumentException("protocol.statistics: rest.… and stimulus.… follow the model file's"
                    + " stimulus experiment, but " + file + " has no 'stimulation'");
        }
        double bin = model.run().binMs(), warmup = model.run().warmupMs(), end = warmup + model.run().tSimMs();
        if (st.startMs() - warmup < 128 * bin || st.stopMs() - st.startMs() < 128 * bin || st.stopMs() > end + 1e-9) {
            throw new IllegalArgumentException("protocol.statistics: the stimulus experiment of " + file + " needs 128"
                    + " bins (run.binMs " + bin + " ms) between the warm-up (" + warmup + " ms) and stimulation.startMs ("
                    + st.startMs() + "), 128 before stimulation.stopMs (" + st.stopMs() + "), which must be within the"
                    + " run (" + end + " ms)");
        }
        List<String> populations = new ArrayList<>();
        List<String> areas = new ArrayList<>();
        for (doka.engine.atlas.Area a : atlas.areas()) {
            areas.add(a.name());
            for (String l : labels()) {
                populations.add(a.name() + "/" + l.replace(' ', '/'));
            }
        }
        return new StimulusStatistics(names, populations, areas, labels());
    }

    private static boolean isStimulusStatistic(String name) {
        return name.startsWith("rest.") || name.startsWith("stimulus.");
    }

    double[] of(StimulusReadout r) {
        double[] out = new double[names.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = switch (kind[j]) {
                case 0 -> Math.log10(Math.max(RATE_FLOOR_HZ, value(r.rest().ratesHz(), key[j])));
                case 1 -> value(r.rest().cvIsi(), key[j]);
                case 2 -> Math.log10(r.areas().get(key[j]).gammaDuring() / r.areas().get(key[j]).gammaPre());
                case 3 -> r.areas().get(key[j]).peakDuringHz();
                case 4 -> RhythmStatistics.wrap(value(r.phaseRad(), key[j]) - value(r.phaseRad(), reference[j]));
                case 5 -> value(r.lagMs(), key[j]);
                default -> Math.log10(r.areas().get(key[j]).gammaPre());
            };
            if (Double.isInfinite(out[j])) {
                out[j] = Double.NaN;
            }
        }
        return out;
    }

    private static double value(Map<String, Double> m, String key) {
        Double v = m.get(key);
        return v == null ? Double.NaN : v;
    }

    /** The layer × class labels of a cortex area ("L2/3 E" …). */
    static List<String> labels() {
        List<String> out = new ArrayList<>();
        for (int l = 0; l < doka.engine.cortex.Cells.LAYERS; l++) {
            for (int c = 0; c < doka.engine.cortex.Cells.CLASSES; c++) {
                out.add(doka.launcher.simulate.CortexRun.label(l, c));
            }
        }
        return out;
    }
}
