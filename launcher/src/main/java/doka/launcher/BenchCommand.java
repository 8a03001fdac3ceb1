package doka.launcher;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.engine.bench.BenchResult;
import doka.engine.bench.Benchmarks;
import doka.engine.pd14.Pd14;
import doka.engine.pd14.Pd14Rates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./doka bench b10k|pd14 …}: engine benchmarks (simulation wall time, build time, events, memory). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the engine: b10k (10,000 LIF neurons, 1 s) or pd14 (the microcircuit). Prints wall"
                + " time of the simulation phase, build time, synaptic events, events/s, bytes per synapse, peak memory.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "b10k or pd14.")
    String name;

    @Option(names = "--threads", description = "Threads (default: all cores).")
    Integer threads;

    @Option(names = "--seed", defaultValue = "12345", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "One JSON object on one line.")
    boolean json;

    @Option(names = "--n-scale", defaultValue = "1", description = "pd14: population sizes x S (default: ${DEFAULT-VALUE}).")
    double nScale;

    @Option(names = "--k-scale", defaultValue = "1", description = "pd14: in-degrees x S (default: ${DEFAULT-VALUE}).")
    double kScale;

    @Option(names = "--background", defaultValue = "poisson", description = "pd14: poisson or dc (default: ${DEFAULT-VALUE}).")
    Pd14.Background background;

    @Option(names = "--t-warmup-ms", defaultValue = "500", description = "pd14: untimed warm-up, ms (default: ${DEFAULT-VALUE}).")
    double warmupMs;

    @Option(names = "--t-sim-ms", defaultValue = "1000", description = "Timed biological time, ms (default: ${DEFAULT-VALUE}).")
    double simulationMs;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        int n = SimulateCommand.resolveThreads(threads);
        BenchResult r = switch (name) {
            case "b10k" -> Benchmarks.b10k(n, seed, simulationMs);
            case "pd14" -> Benchmarks.pd14(new Pd14.Config(nScale, kScale, background, seed, n,
                    kScale < 1 ? Pd14Rates.fullScaleRatesHz() : null), warmupMs, simulationMs);
            default -> throw new IllegalArgumentException("NAME must be b10k or pd14, got '" + name + "'");
        };
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", r.name());
            m.put("threads", r.threads());
            m.put("wall_s", r.wallS());
            m.put("build_s", r.buildS());
            m.put("synaptic_events", r.synapticEvents());
            m.put("events_per_s", r.eventsPerS());
            m.put("bytes_per_synapse", r.bytesPerSynapse());
            m.put("peak_rss_mb", SimulateCommand.finiteOrNull(r.peakRssMb()));
            m.put("synapses", r.synapses());
            m.put("spikes", r.spikes());
            m.put("biological_s", r.biologicalS());
            m.put("core_s_per_biological_s", r.wallS() * r.threads() / r.biologicalS());
            m.put("cpu_s", SimulateCommand.finiteOrNull(r.cpuS()));
            m.put("cpu_s_per_biological_s", SimulateCommand.finiteOrNull(r.cpuS() / r.biologicalS()));
            out.println(new ObjectMapper().writeValueAsString(m));
        } else {
            out.printf("%s: %d threads, %d synapses, %d spikes in %.3f s of biological time%n", r.name(),
                    r.threads(), r.synapses(), r.spikes(), r.biologicalS());
            out.printf("simulation wall time   %.3f s (%.2f core-s per biological s)%n", r.wallS(),
                    r.wallS() * r.threads() / r.biologicalS());
            out.printf("process CPU time       %.3f s (%.2f CPU-s per biological s)%n", r.cpuS(),
                    r.cpuS() / r.biologicalS());
            out.printf("build time             %.3f s%n", r.buildS());
            out.printf("synaptic events        %d (%.3g per s)%n", r.synapticEvents(), r.eventsPerS());
            out.printf("bytes per synapse      %.2f%n", r.bytesPerSynapse());
            out.printf("peak memory (RSS)      %.0f MB%n", r.peakRssMb());
        }
        out.flush();
        return 0;
    }
}
