package doka.launcher.command;

import doka.launcher.EnsembleRunner;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.launcher.cycle.Progress;
import doka.launcher.simulate.CortexRun;
import doka.engine.pd14.Pd14;
import doka.engine.pd14.Pd14Run;
import doka.engine.pd14.Pd14Rates;
import doka.engine.record.PopulationStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./doka simulate pd14 …}: runs a network and reports rate, CV ISI and synchrony per population. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a spiking network and report rate, CV of ISI and synchrony (3 ms bins) per population.")
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "pd14: the Potjans & Diesmann (2014) microcircuit; or a cortex model file (*.json, e.g."
                    + " ensembles/models/cortex-synthetic.json; see docs/cortex.md).")
    String model;

    @Option(names = "--out", description = "Cortex model files: directory for summary.json, rates, spikes, voxel rates and"
            + " PNG plots (default: none).")
    java.nio.file.Path outDir;

    @Option(names = "--nwb", paramLabel = "FILE", description = "Cortex model files: also write the kept spikes (units"
            + " table) and each area's rate (time series) as NWB 2 (needs Debian's libhdf5-java; docs/python.md).")
    java.nio.file.Path nwb;

    @Option(names = "--data", description = "Cortex model files: the Allen data directory that $${DOKA_ALLEN} in the model"
            + " file stands for (default: the DOKA_ALLEN environment variable).")
    java.nio.file.Path data;

    @Option(names = "--density-scale", description = "Cortex model files: override cells.densityScale (0 < s <= 1).")
    Double densityScale;

    @Mixin
    SharedOptions.Pd14Network pd14;

    @Mixin
    SharedOptions.SimulationTimes times;

    @Mixin
    SharedOptions.Threads threads;

    @Mixin
    SharedOptions.Seed seed = new SharedOptions.Seed(1);

    @Option(names = "--ranks", defaultValue = "1", description = "Cortex model files: split the member into tiles over P MPJ"
            + " ranks (the spikes are the same for any P; default: ${DEFAULT-VALUE}).")
    int ranks;

    @Mixin
    SharedOptions.Device device;

    @Option(names = "--body-output", paramLabel = "on|off", defaultValue = "on", description = "Model files with a body:"
            + " 'off' cuts the brain -> muscle signal only (default: ${DEFAULT-VALUE}; docs/body.md).")
    String bodyOutput;

    @Option(names = "--quiet", description = "No progress lines (on standard error: a line per tenth of the simulated"
            + " time once the simulation has run for 3 s).")
    boolean quiet;

    @Option(names = "--json", description = "One JSON object on one line: populations -> name -> rate_hz, cv_isi, synchrony.")
    boolean json;

    @Override
    public Integer call() throws java.io.IOException {
        if (spec.commandLine().getParseResult().hasMatchedOption("--body-output")
                && !(model.endsWith(".json") && doka.engine.body.BodySpec.present(java.nio.file.Path.of(model)))) {
            throw new IllegalArgumentException("--body-output applies to model files with a body section (docs/body.md); "
                    + model + " has none");
        }
        if (nwb != null && (!model.endsWith(".json") || doka.engine.body.BodySpec.present(java.nio.file.Path.of(model)))) {
            throw new IllegalArgumentException("--nwb applies to cortex model files without a body; " + model
                    + " is not one");
        }
        if (model.endsWith(".json")) {
            return runCortexModel();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!"pd14".equals(model)) {
            throw new IllegalArgumentException("MODEL must be 'pd14' or a cortex model file (*.json), got '"
                    + model + "'");
        }
        var parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--ranks") || parsed.hasMatchedOption("--device")) {
            throw new IllegalArgumentException("--ranks and --device split cortex model files over ranks; pd14 runs on"
                    + " one rank (its threads use the cores)");
        }
        Pd14.Config config = new Pd14.Config(pd14.nScale, pd14.kScale, pd14.background, seed.value(),
                resolveThreads(threads.value()), pd14.kScale < 1 ? Pd14Rates.fullScaleRatesHz() : null);
        double totalMs = times.warmupMs + times.simulationMs;
        Progress.Simulation simulated = Progress.onStandardError(quiet).simulation("simulate pd14", totalMs);
        Pd14Run.Result result = Pd14Run.run(config, times.warmupMs, times.simulationMs, simulated::at);
        simulated.at(totalMs);
        if (json) {
            out.println(toJson(result.populations()));
        } else {
            out.printf("PD14 n-scale %s k-scale %s, %s background, %d neurons, %d synapses, seed %d,"
                            + " %d threads%n", pd14.nScale, pd14.kScale, pd14.background.name().toLowerCase(),
                    result.neurons(), result.synapses(), seed.value(), result.threads());
            out.printf("build %.1f s, warm-up %.0f ms in %.1f s, measured %.0f ms in %.1f s%n", result.buildS(),
                    times.warmupMs, result.warmupS(), times.simulationMs, result.simulationS());
            out.printf("%-8s %10s %8s %10s%n", "pop", "rate (Hz)", "CV ISI", "synchrony");
            for (PopulationStatistics p : result.populations()) {
                out.printf("%-8s %10.3f %8.3f %10.3f%n", p.name(), p.rateHz(), p.cvIsi(), p.synchrony());
            }
        }
        out.flush();
        return 0;
    }

    /** A cortex model file: options given on the command line override its run section. */
    private int runCortexModel() throws java.io.IOException {
        var parsed = spec.commandLine().getParseResult();
        if (ranks < 1) {
            throw new IllegalArgumentException("--ranks must be >= 1, got " + ranks);
        }
        String[] args = {model, data == null ? "" : data.toString(),
            parsed.hasMatchedOption("--t-sim-ms") ? Double.toString(times.simulationMs) : "",
            parsed.hasMatchedOption("--t-warmup-ms") ? Double.toString(times.warmupMs) : "",
            parsed.hasMatchedOption("--seed") ? Long.toString(seed.value()) : "",
            threads.value() == null ? "" : Integer.toString(resolveThreads(threads.value())),
            densityScale == null ? "" : densityScale.toString(), outDir == null ? "" : outDir.toAbsolutePath().toString(),
            nwb == null ? "" : nwb.toAbsolutePath().toString(), quiet ? "quiet" : ""};
        CortexModel m = SimulateRanks.model(args);
        if (nwb != null) {
            StartChecks.nwbWritable("--nwb"); // before the run, not after it
        }
        if (doka.engine.body.BodySpec.present(java.nio.file.Path.of(model))) {
            return runWithBody(m, args);
        }
        CortexRun.Summary s;
        List<String> perRank = null;
        if (ranks == 1 && device.value() == EnsembleRunner.Device.MULTICORE) {
            s = CortexRun.run(m, CortexNetwork.loadInputs(m), outDir, nwb, null, Progress.onStandardError(quiet));
        } else {
            perRank = SimulateRanks.run(ranks, device.value(), args);
            s = null;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (s == null) {
            // split over ranks: rank 0's summary, with every rank's share
            String summary = perRank.get(0);
            StringBuilder b = new StringBuilder(summary.substring(0, summary.length() - 1)).append(",\"per_rank\":[");
            for (int r = 0; r < perRank.size(); r++) {
                b.append(r == 0 ? "" : ",").append(r == 0 ? SimulateRanks.shareOf(summary) : perRank.get(r));
            }
            b.append("]}");
            if (json) {
                out.println(b);
            } else {
                printSplit(out, new ObjectMapper().readTree(b.toString()), m.run().tSimMs());
            }
            out.flush();
            return 0;
        }
        if (json) {
            out.println(s.toJson());
        } else {
            out.printf("%s: %s, s = %s, %d neurons, %d synapses, build %.1f s, %.0f ms simulated in %.1f s,"
                    + " peak RSS %.0f MB%n", s.model(), s.atlas(), s.densityScale(), s.neurons(), s.synapses(), s.buildS(),
                    m.run().tSimMs(), s.simS(), s.peakRssMb());
            s.notes().forEach(n -> out.println("  note: " + n));
            out.printf("%-12s %10s %10s %14s%n", "area", "rate (Hz)", "peak (Hz)", "30-50 Hz power");
            s.areas().forEach((name, a) -> out.printf("%-12s %10.2f %10.1f %14.4g%n", name, a.rateHz(), a.peakHz(),
                    a.gammaPower()));
            if (outDir != null) {
                out.println("outputs in " + outDir);
            }
            if (nwb != null) {
                out.println("NWB: " + nwb);
            }
        }
        out.flush();
        return 0;
    }

    /** A model file with a body: brain ranks (--ranks) and one body rank; the summary, and --out's files. */
    private int runWithBody(CortexModel m, String[] args) throws java.io.IOException {
        if (!bodyOutput.equals("on") && !bodyOutput.equals("off")) {
            throw new IllegalArgumentException("--body-output must be 'on' or 'off', got '" + bodyOutput + "'");
        }
        SimulateBody.check(java.nio.file.Path.of(model), bodyOutput.equals("on"));
        // SimulateBody's arguments: the first eight of a cortex run's (no NWB file), then the body's output
        String[] withOutput = java.util.Arrays.copyOf(args, 9);
        withOutput[8] = bodyOutput;
        var s = SimulateBody.run(ranks, device.value(), withOutput);
        if (outDir != null) {
            java.nio.file.Files.writeString(outDir.resolve("summary.json"), s.toString() + "\n");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(s);
        } else {
            SimulateBody.print(out, s, m);
            if (outDir != null) {
                out.println("outputs in " + outDir);
            }
        }
        out.flush();
        return 0;
    }

    /** The human-readable report of a member split over ranks: totals, each rank's share, the areas. */
    private static void printSplit(PrintWriter out, com.fasterxml.jackson.databind.JsonNode s, double tSimMs) {
        out.printf("%s: %s, s = %s, %d neurons, %d synapses over %d ranks, %.0f ms simulated%n", s.get("model").asText(),
                s.get("atlas").asText(), s.get("density_scale").asText(), s.get("neurons").asLong(),
                s.get("synapses").asLong(), s.get("per_rank").size(), tSimMs);
        s.get("notes").forEach(n -> out.println("  note: " + n.asText()));
        out.printf("%-5s %10s %14s %12s %14s %8s%n", "rank", "neurons", "synapses", "store (MB)", "spikes sent", "sim (s)");
        for (com.fasterxml.jackson.databind.JsonNode r : s.get("per_rank")) {
            out.printf("%-5d %10d %14d %12.1f %14d %8.1f%n", r.get("rank").asInt(), r.get("neurons").asLong(),
                    r.get("synapses").asLong(), r.get("synapseBytes").asLong() / 1e6, r.get("spikesSent").asLong(),
                    r.get("simS").asDouble());
        }
        out.printf("%-12s %10s %10s %14s%n", "area", "rate (Hz)", "peak (Hz)", "30-50 Hz power");
        s.get("areas").fields().forEachRemaining(e -> out.printf("%-12s %10.2f %10.1f %14.4g%n", e.getKey(),
                e.getValue().get("rate_hz").asDouble(), e.getValue().get("peak_hz").asDouble(Double.NaN),
                e.getValue().get("gamma_power").asDouble()));
    }

    static int resolveThreads(Integer threads) {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        return threads;
    }

    static String toJson(List<PopulationStatistics> populations) throws JsonProcessingException {
        Map<String, Object> pops = new LinkedHashMap<>();
        for (PopulationStatistics p : populations) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rate_hz", finiteOrNull(p.rateHz()));
            m.put("cv_isi", finiteOrNull(p.cvIsi()));
            m.put("synchrony", finiteOrNull(p.synchrony()));
            pops.put(p.name(), m);
        }
        return new ObjectMapper().writeValueAsString(Map.of("populations", pops));
    }

    /** JSON has no NaN: a statistic without data (no spikes, no ISIs) is null. */
    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
