package doka.launcher.command;

import doka.launcher.EnsembleRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import doka.launcher.config.EnsembleConfig;
import doka.launcher.experiment.MemberEstimate;
import doka.launcher.experiment.MemberMeasurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./doka validate <ensemble.json>}: checks a configuration, estimates a member's and a rank's neurons,
 * synapses, memory and time from the model's rules (docs/scaling.md, "Capacity planning"), recommends the ranks per
 * member for a memory per rank, and refuses a run that cannot fit this machine (or the given memory per rank), with
 * the numbers.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an ensemble configuration and estimate the neurons, synapses, memory and time per member and"
                + " per rank from the model's rules; a run that cannot fit is refused, with the numbers.")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<ensemble.json>")
    Path config;

    @Option(names = "--memory-per-rank-gb", description = "Memory of one rank on the target machine, its JVM included"
            + " (e.g. a Fugaku node's 28 GB usable, divided by its ranks); default: this JVM's whole heap shared by every"
            + " rank.")
    Double memoryPerRankGb;

    @Option(names = "--cores", description = "Cores to plan for: this machine's (default), or with --memory-per-rank-gb"
            + " the cores of one rank on the target machine (e.g. 48 on Fugaku).")
    Integer cores;

    @Option(names = "--strict", description = "Refuse a parameter that no observation reaches under the localization"
            + " (by default a warning).")
    boolean strict;

    @Option(names = "--json", description = "One JSON object: per_member (neurons, synapses, memory_gb, seconds_per_bio_s),"
            + " per_rank, memory, recommended_ranks_per_member.")
    boolean json;

    @Option(names = "--measure", description = "Also build member 0 here, run it for 1 s of biological time, and print"
            + " what it measured beside the estimate (a check of the estimate; takes as long as the build and the second).")
    boolean measure;

    @Option(names = "--quiet", description = "No progress lines on standard error.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        try (StageProgress progress = new StageProgress("doka validate", quiet)) {
            return validate(progress);
        }
    }

    private Integer validate(StageProgress progress) throws Exception {
        progress.stage("checking the configuration and its files");
        if (memoryPerRankGb == null) {
            // this machine is the target: as many ranks as run will start on it
            StartChecks.ranks(config, doka.launcher.config.ConfigReader.read(config), EnsembleRunner.Device.MULTICORE);
        }
        Path scratch = Files.createTempDirectory("doka-validate");
        // the configuration, its files, the observations against the model and the parameters' reach, before "valid"
        EnsembleConfig c = EnsembleRunner.prepare(config, scratch.resolve("run"), true, strict);
        String valid = String.format(Locale.ROOT, "%s: valid. %d members × %d rank(s), model %s, %d parameters, %d"
                + " windows%s, %s filter", config, c.members(), c.ranksPerMember(),
                c.model().getClass().getSimpleName().toLowerCase(Locale.ROOT), c.parameters().size(), c.windows().count(),
                c.windows().lengthMs() > 0 ? String.format(Locale.ROOT, " of %.0f ms", c.windows().lengthMs()) : "",
                c.filter().kind());
        int machineCores = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        MemberMeasurement measured = null;
        if (measure) {
            progress.stage("building member 0 and running it for 1 s of biological time");
            measured = MemberMeasurement.measure(c, scratch.resolve("measure"), 1, 1000);
        }
        progress.stage("estimating a member from the model's rules (placing cells, counting synapses)");
        MemberEstimate e = MemberEstimate.of(c, scratch.resolve("run"));
        progress.done();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("config", config.toString());
        out.put("valid", true);
        if (e == null) {
            out.put("per_member", null);
            print(out, valid + System.lineSeparator() + "no spiking members: memory and time are negligible");
            return 0;
        }
        Capacity plan = Capacity.plan(c, e, machineCores, memoryPerRankGb, null);
        out.put("estimate", e.fromRules() ? "rules" : "measured build");
        out.put("per_member", ordered("neurons", e.neurons(), "synapses", e.synapses(), "memory_gb", e.memberBytes(1) / 1e9,
                "seconds_per_bio_s", e.secondsPerBioSecond()));
        out.put("layout", ordered("ranks", plan.ranks(), "ranks_per_member", plan.layout().ranksPerMember(),
                "members_per_rank", plan.layout().membersPerRank(), "threads_per_rank", plan.layout().threads()));
        out.put("per_rank", ordered("neurons", plan.rank().neurons(), "synapses", plan.rank().synapses(),
                "memory_gb", plan.rank().bytesWithJvm() / 1e9, "seconds_per_bio_s", plan.rank().secondsPerBioSecond()));
        out.put("memory", ordered("needed_gb", plan.memory().needed() / 1e9, "available_gb", plan.memory().available() / 1e9,
                "scope", plan.memory().scope(), "fits", plan.memory().fits()));
        out.put("jvm_gb", MemberEstimate.JVM_BYTES / 1e9);
        out.put("memory_per_rank_gb", plan.memoryPerRankBytes() / 1e9);
        out.put("recommended_ranks_per_member", plan.recommended());
        out.put("run_s", plan.runSeconds(c));
        StringBuilder text = new StringBuilder(valid).append(System.lineSeparator()).append(plan.describe(c));
        if (measured != null) {
            out.put("measured", measuredJson(measured));
            text.append(System.lineSeparator()).append(describe(measured, e));
        }
        if (!plan.memory().fits()) {
            text.append(System.lineSeparator()).append("refused: ").append(plan.memory().refusal());
        } else {
            text.append(System.lineSeparator()).append("fits.");
        }
        print(out, text.toString());
        return plan.memory().fits() ? 0 : 1;
    }

    private void print(Map<String, Object> out, String text) throws Exception {
        System.out.println(json ? new ObjectMapper().writeValueAsString(out) : text);
    }

    /** A JSON object's fields in the order given: name, value, name, value, … */
    private static Map<String, Object> ordered(Object... nameValue) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.put((String) nameValue[i], nameValue[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> measuredJson(MemberMeasurement m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("neurons", m.neurons());
        out.put("synapses", m.synapses());
        out.put("memory_gb", m.memberBytes() / 1e9);
        out.put("peak_rss_gb", m.peakRssBytes() / 1e9);
        out.put("seconds_per_bio_s", m.secondsPerBioSecond());
        out.put("build_s", m.buildSeconds());
        out.put("threads", m.threads());
        return out;
    }

    private static String describe(MemberMeasurement m, MemberEstimate e) {
        return String.format(Locale.ROOT, "measured (member 0 built here, 1 thread): %,d neurons (estimate %+.1f %%), %,d"
                + " synapses (%+.1f %%), %.2f GB grown, peak resident %.2f GB (one rank's estimate %+.1f %%), build %.1f s,"
                + " %.2f s per biological second (estimate %+.0f %%)", m.neurons(), pct(e.neurons(), m.neurons()),
                m.synapses(), pct(e.synapses(), m.synapses()), m.memberBytes() / 1e9, m.peakRssBytes() / 1e9,
                pct(e.memberBytes(1) + MemberEstimate.JVM_BYTES, m.peakRssBytes()), m.buildSeconds(),
                m.secondsPerBioSecond(), pct(e.secondsPerBioSecond(), m.secondsPerBioSecond()));
    }

    private static double pct(double estimate, double measured) {
        return 100 * (estimate - measured) / measured;
    }
}
