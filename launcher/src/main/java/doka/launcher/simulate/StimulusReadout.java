package doka.launcher.simulate;

import com.fasterxml.jackson.annotation.JsonProperty;
import doka.engine.cortex.Cells;
import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.engine.cortex.RateRecorder;
import doka.observation.analysis.PhaseHistogram;
import doka.observation.analysis.Signals;
import doka.observation.analysis.Spectra;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The area-level read-out of a stimulus experiment (the report's Fig. 1C measures the population rate of the whole
 * area), which {@code simulate --json} prints and {@code calibrate} fits:
 * <ul>
 *   <li>{@code areas}: per area (and region population) the 30–50 Hz power of its population rate before and during the
 *       stimulus and the spectral peak (10–200 Hz) during it;</li>
 *   <li>{@code phaseRad}: per layer × class of the stimulated area ("L2/3 E" … "L6 LTS"), the circular mean phase of its
 *       spikes during the stimulus against the 30–50 Hz cycle of the area's rate (0 = the rate's peak; positive =
 *       later);</li>
 *   <li>{@code lagMs}: per other area, where the cross-correlation of its rate with the stimulated area's earlier rate
 *       peaks, during the stimulus (0–30 ms);</li>
 *   <li>{@code rest}: per population, the rate (all populations) and the mean CV of the inter-spike intervals (the
 *       stimulated area's populations; neurons with 3 spikes or more) before the stimulus.</li>
 * </ul>
 * The driven cells are left out of the stimulated area's reference rate, phases and lags: their regular firing is the
 * stimulus, not the network's response. Without a stimulus the whole window is rest.
 */
public record StimulusReadout(Map<String, AreaGamma> areas, Map<String, Double> phaseRad, Map<String, Double> lagMs,
                              Rest rest) {
    /** One area or region population. */
    public record AreaGamma(@JsonProperty("gamma_pre") double gammaPre, @JsonProperty("gamma_during") double gammaDuring,
                            @JsonProperty("peak_during_hz") double peakDuringHz) {
    }

    /** The window before the stimulus. */
    public record Rest(@JsonProperty("rates_hz") Map<String, Double> ratesHz,
                       @JsonProperty("cv_isi") Map<String, Double> cvIsi) {
    }

    /** Largest inter-area lag searched, ms. */
    static final double MAX_LAG_MS = 30;

    /** The rest read-out of a window without a stimulus (or whose stimulus starts at bin {@code onsetBin}). */
    static Rest rest(CortexMember member, int onsetBin) {
        CortexNetwork net = member.network();
        RateRecorder rec = member.recorder();
        Map<String, Double> rates = new LinkedHashMap<>();
        double seconds = onsetBin * rec.binMs() * 1e-3;
        for (doka.engine.kernel.Population pop : net.network().populations()) {
            if (pop.size() == 0) {
                continue;
            }
            long n = 0;
            for (int b = 0; b < onsetBin; b++) {
                n += rec.count(b, pop.index());
            }
            rates.put(pop.name(), n / (seconds * pop.size()));
        }
        long onsetStep = rec.startStep() + onsetBin * rec.binSteps();
        return new Rest(rates, CortexRun.cvIsi(net, rec, onsetStep));
    }

    /** The read-out of a stimulus experiment whose [onset, offset) bins of {@code w} are {@code bins}. */
    static StimulusReadout of(CortexModel model, CortexMember member, CortexMember.Window w, int[] bins) {
        CortexNetwork net = member.network();
        RateRecorder rec = member.recorder();
        int seg = CortexRun.segmentBins(w.binMs());
        Map<String, AreaGamma> areas = new LinkedHashMap<>();
        for (int q = 0; q < w.areas().size(); q++) {
            double[] r = w.rateHz()[q];
            Spectra.Psd pre = Spectra.welch(Arrays.copyOfRange(r, 0, bins[0]), w.binMs(), seg);
            Spectra.Psd during = Spectra.welch(Arrays.copyOfRange(r, bins[0], bins[1]), w.binMs(), seg);
            areas.put(w.areas().get(q), new AreaGamma(pre.bandPower(CortexRun.GAMMA_LOW_HZ, CortexRun.GAMMA_HIGH_HZ),
                    during.bandPower(CortexRun.GAMMA_LOW_HZ, CortexRun.GAMMA_HIGH_HZ), during.peakHz(10, 200)));
        }
        int area = net.atlas().area(model.stimulation().area()).index();
        boolean[] network = new boolean[net.network().neuronCount()];
        Arrays.fill(network, net.cells().areaStart(area), net.cells().areaEnd(area), true);
        for (int n : member.stimulus().neurons()) {
            network[n] = false;
        }
        double[] reference = rec.keptRateHz(network);
        PhaseHistogram ph = CortexRun.gammaPhases(rec, reference, network, bins[0], bins[1]);
        Map<String, Double> phase = new LinkedHashMap<>();
        for (int l = 0; l < Cells.LAYERS; l++) {
            for (int c = 0; c < Cells.CLASSES; c++) {
                int g = CortexRun.group(l, c);
                if (ph.events()[g] >= CortexRun.MIN_PHASE_SPIKES) {
                    phase.put(CortexRun.label(l, c), ph.meanPhaseRad()[g]);
                }
            }
        }
        double[] referenceDuring = Arrays.copyOfRange(reference, bins[0], bins[1]);
        Map<String, Double> lag = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(w.areas());
        for (int q = 0; q < names.size(); q++) {
            if (q != area) {
                lag.put(names.get(q), Signals.lagMs(referenceDuring, Arrays.copyOfRange(w.rateHz()[q], bins[0], bins[1]),
                        w.binMs(), MAX_LAG_MS));
            }
        }
        return new StimulusReadout(areas, phase, lag, rest(member, bins[0]));
    }
}
