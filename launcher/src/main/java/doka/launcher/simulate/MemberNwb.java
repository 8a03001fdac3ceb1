package doka.launcher.simulate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexNetwork;
import doka.engine.cortex.RateRecorder;
import doka.engine.member.WindowSpikes;
import doka.observation.io.NwbWriter;

/**
 * A member's spikes and rates as NWB ({@link NwbWriter}): a unit per neuron (silent ones too), with its
 * area ({@code location}), population and member, and a rate time series per area or observed quantity
 * in {@code /processing/rates}. Times are seconds of the member's clock, from the start of its
 * simulation (the warm-up included).
 */
public final class MemberNwb {
    private MemberNwb() {
    }

    /**
     * {@code simulate --nwb}: the neurons whose spikes the run kept (those of {@code spikes.csv}) and each
     * area's rate (those of {@code rates.csv}); {@code startedAt} is when the simulation started.
     */
    public static void write(Path file, CortexMember member, CortexMember.Window w, Instant startedAt) {
        CortexNetwork net = member.network();
        RateRecorder rec = member.recorder();
        int from = rec.keptFrom(), to = Math.min(rec.keptTo(), net.network().neuronCount());
        String[] populations = new String[Math.max(0, to - from)];
        for (int u = 0; u < populations.length; u++) {
            populations[u] = net.network().populationOf(from + u).name();
        }
        int[] unit = new int[rec.keptCount()];
        double[] times = new double[rec.keptCount()];
        double dt = member.model().run().dtMs();
        long now = net.network().step();
        for (int i = 0; i < unit.length; i++) {
            unit[i] = rec.keptNeuron(i) - from;
            times[i] = (member.timeMs() - (now - rec.keptStep(i)) * dt) / 1000;
        }
        List<NwbWriter.RateSeries> rates = new ArrayList<>();
        for (int a = 0; a < w.areas().size(); a++) {
            rates.add(new NwbWriter.RateSeries(w.areas().get(a), "population rate of " + w.areas().get(a)
                    + ", spikes per neuron per second in bins of " + w.binMs() + " ms", w.startMs() / 1000,
                    1000 / w.binMs(), w.rateHz()[a]));
        }
        NwbWriter.write(file, new NwbWriter.Content(UUID.randomUUID().toString(), "Doka simulation of "
                + member.model().name(), startedAt, NwbWriter.units("the neurons whose spikes the run kept (neurons "
                + from + " to " + (to - 1) + ")", from, populations, areas(populations), 0, unit, times, dt / 1000),
                "rates", "binned population rate of each area", rates));
    }

    /**
     * A run's member after its last window: every neuron's spikes of that window, and the member's predicted
     * rate of each observed quantity ({@code predicted}, bin-major {@code [bin][quantity]}) in its bins.
     */
    public static void write(Path file, String description, int member, WindowSpikes spikes, double[] predicted,
                             List<String> quantities, double binMs, Instant startedAt) {
        String[] populations = new String[spikes.neuronCount()];
        String[] areas = new String[spikes.neuronCount()];
        for (int p = 0; p < spikes.populations().size(); p++) {
            int from = spikes.populationOffsets()[p], to = spikes.populationOffsets()[p + 1];
            java.util.Arrays.fill(populations, from, to, spikes.populations().get(p));
            java.util.Arrays.fill(areas, from, to, spikes.areas().get(p));
        }
        double[] times = new double[spikes.timeMs().length];
        for (int i = 0; i < times.length; i++) {
            times[i] = (spikes.windowStartMs() + spikes.timeMs()[i]) / 1000;
        }
        int nq = quantities.size();
        int bins = predicted.length / nq;
        List<NwbWriter.RateSeries> rates = new ArrayList<>();
        for (int q = 0; q < nq; q++) {
            double[] series = new double[bins];
            for (int b = 0; b < bins; b++) {
                series[b] = predicted[b * nq + q];
            }
            rates.add(new NwbWriter.RateSeries(quantities.get(q).replace('/', '|'), "member " + member + "'s predicted rate of "
                    + quantities.get(q) + " in the last window, bins of " + binMs + " ms", spikes.windowStartMs() / 1000,
                    1000 / binMs, series));
        }
        NwbWriter.write(file, new NwbWriter.Content(UUID.randomUUID().toString(), description, startedAt,
                NwbWriter.units("every neuron of member " + member + ", spikes of the last window", 0, populations,
                        areas, member, spikes.neuron(), times, spikes.dtMs() / 1000),
                "rates", "the member's predicted rates of the observed quantities in the last window", rates));
    }

    private static String[] areas(String[] populations) {
        String[] out = new String[populations.length];
        for (int u = 0; u < out.length; u++) {
            out[u] = CortexNetwork.areaOfPopulation(populations[u]);
        }
        return out;
    }
}
