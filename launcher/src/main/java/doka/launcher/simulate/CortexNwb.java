package doka.launcher.simulate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexNetwork;
import doka.engine.cortex.RateRecorder;
import doka.observation.io.NwbWriter;

/**
 * A cortex member's run as NWB ({@code simulate --nwb}): the kept spikes as a units table, one unit per
 * neuron of the kept range (silent ones too), and each area's binned rate as a time series in
 * {@code /processing/rates}. Times are seconds from the start of the simulation (the warm-up included),
 * as in {@code spikes.csv} and {@code rates.csv}.
 */
public final class CortexNwb {
    private CortexNwb() {
    }

    /** Writes {@code file} from the member after its run; {@code startedAt} is when the simulation started. */
    public static void write(Path file, CortexMember member, CortexMember.Window w, int memberIndex, Instant startedAt) {
        NwbWriter.write(file, new NwbWriter.Content(UUID.randomUUID().toString(),
                "Doka simulation of " + member.model().name() + ", member " + memberIndex, startedAt,
                units(member, memberIndex), "rates", "binned population rate of each area",
                rates(w)));
    }

    static NwbWriter.Units units(CortexMember member, int memberIndex) {
        CortexNetwork net = member.network();
        RateRecorder rec = member.recorder();
        int from = rec.keptFrom(), to = Math.min(rec.keptTo(), net.network().neuronCount());
        int n = Math.max(0, to - from);
        // count per unit, then place each spike at its unit's next slot: recording order is time order
        int[] end = new int[n];
        for (int i = 0; i < rec.keptCount(); i++) {
            end[rec.keptNeuron(i) - from]++;
        }
        int[] next = new int[n];
        for (int u = 0, sum = 0; u < n; u++) {
            next[u] = sum;
            sum += end[u];
            end[u] = sum;
        }
        double[] times = new double[rec.keptCount()];
        double dt = member.model().run().dtMs();
        long now = net.network().step();
        for (int i = 0; i < rec.keptCount(); i++) {
            times[next[rec.keptNeuron(i) - from]++] = (member.timeMs() - (now - rec.keptStep(i)) * dt) / 1000;
        }
        int[] ids = new int[n];
        String[] locations = new String[n];
        String[] populations = new String[n];
        for (int u = 0; u < n; u++) {
            ids[u] = from + u;
            populations[u] = net.network().populationOf(from + u).name();
            int slash = populations[u].indexOf('/');
            locations[u] = slash < 0 ? populations[u] : populations[u].substring(0, slash);
        }
        int[] members = new int[n];
        java.util.Arrays.fill(members, memberIndex);
        return new NwbWriter.Units("the neurons whose spikes the run kept (neurons " + from + " to " + (to - 1) + ")",
                ids, end, times, dt / 1000, locations, populations, members);
    }

    static List<NwbWriter.RateSeries> rates(CortexMember.Window w) {
        List<NwbWriter.RateSeries> out = new ArrayList<>();
        for (int a = 0; a < w.areas().size(); a++) {
            out.add(new NwbWriter.RateSeries(w.areas().get(a), "population rate of " + w.areas().get(a)
                    + ", spikes per neuron per second in bins of " + w.binMs() + " ms", w.startMs() / 1000,
                    1000 / w.binMs(), w.rateHz()[a]));
        }
        return out;
    }
}
