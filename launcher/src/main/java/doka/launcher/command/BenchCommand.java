package doka.launcher.command;

import doka.launcher.EnsembleRunner;
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
import picocli.CommandLine.Mixin;
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

    @Parameters(index = "0", paramLabel = "NAME", description = "b10k, pd14, exchange (the spike exchange of a member"
            + " split over --ranks ranks: median and 90th percentile time per exchange), or protocol (the member"
            + " protocol's cost per window against an external member's own simulation time; --config).")
    String name;

    @Option(names = "--config", description = "protocol: an ensemble configuration with an external model; its member 0"
            + " is timed over --windows windows.")
    java.nio.file.Path config;

    @Option(names = "--windows", defaultValue = "20", description = "protocol: windows timed (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--ranks", defaultValue = "2", description = "exchange: ranks (default: ${DEFAULT-VALUE}).")
    int ranks;

    @Mixin
    SharedOptions.Device device;

    @Option(names = "--keys", defaultValue = "100", description = "exchange: spike keys (8 bytes) sent to each other rank"
            + " per exchange (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--exchanges", defaultValue = "2000", description = "exchange: timed exchanges (default:"
            + " ${DEFAULT-VALUE}).")
    int exchanges;

    @Mixin
    SharedOptions.Threads threads;

    @Mixin
    SharedOptions.Seed seed = new SharedOptions.Seed(12345);

    @Option(names = "--json", description = "One JSON object on one line.")
    boolean json;

    @Mixin
    SharedOptions.Pd14Network pd14;

    @Mixin
    SharedOptions.SimulationTimes times;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (name.equals("exchange")) {
            return exchange(out);
        }
        if (name.equals("protocol")) {
            return protocol(out);
        }
        int n = SimulateCommand.resolveThreads(threads.value());
        BenchResult r = switch (name) {
            case "b10k" -> Benchmarks.b10k(n, seed.value(), times.simulationMs);
            case "pd14" -> Benchmarks.pd14(new Pd14.Config(pd14.nScale, pd14.kScale, pd14.background, seed.value(), n,
                    pd14.kScale < 1 ? Pd14Rates.fullScaleRatesHz() : null), times.warmupMs, times.simulationMs);
            default -> throw new IllegalArgumentException("NAME must be b10k, pd14, exchange or protocol, got '" + name + "'");
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

    private int protocol(PrintWriter out) throws java.io.IOException {
        if (config == null || windows < 1) {
            throw new IllegalArgumentException("protocol needs --config <ensemble.json> (an external model) and --windows >= 1");
        }
        java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("doka-protocol");
        doka.launcher.config.EnsembleConfig c = EnsembleRunner.prepare(config, scratch.resolve("run"), true);
        out.println(doka.launcher.experiment.ExternalCost.measure(c, scratch.resolve("run"), windows).report(c));
        out.flush();
        return 0;
    }

    private int exchange(PrintWriter out) throws JsonProcessingException {
        if (ranks < 2 || keys < 0 || exchanges < 1) {
            throw new IllegalArgumentException("exchange needs --ranks >= 2, --keys >= 0 and --exchanges >= 1");
        }
        String[] args = {Integer.toString(exchanges), Integer.toString(keys)};
        String program = doka.launcher.mpi.ExchangeLatency.class.getName();
        java.time.Duration timeout = java.time.Duration.ofHours(1);
        String[] r0 = EnsembleRunner.runWorld(device.value(), ranks, timeout, "-Xmx512m", program, args).get(0).split(" ");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", "exchange");
        m.put("device", device.value().name().toLowerCase(java.util.Locale.ROOT));
        m.put("ranks", ranks);
        m.put("keys_per_destination", keys);
        m.put("exchanges", exchanges);
        m.put("median_us", Double.parseDouble(r0[0]));
        m.put("p90_us", Double.parseDouble(r0[1]));
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(m));
        } else {
            out.printf("spike exchange, %d ranks on %s, %d keys to each other rank: median %.1f µs, 90th percentile %.1f µs"
                    + " per exchange (rank 0)%n", ranks, m.get("device"), keys, m.get("median_us"), m.get("p90_us"));
        }
        out.flush();
        return 0;
    }
}
