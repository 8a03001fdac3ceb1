package doka.launcher.command;

import doka.launcher.EnsembleRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import doka.launcher.config.EnsembleConfig;
import doka.launcher.config.RunPlan;
import doka.launcher.experiment.MemberEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./doka validate <ensemble.json>}: checks a configuration, measures one member's memory and
 * speed, and refuses a run that cannot fit this machine (or the given memory per rank), with the
 * numbers.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an ensemble configuration and estimate the memory and time per member; a run that"
                + " cannot fit is refused, with the numbers.")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<ensemble.json>")
    Path config;

    @Option(names = "--memory-per-rank-gb", description = "Memory of one rank on the target machine (e.g. a Fugaku"
            + " node's 32 GB divided by its ranks); default: this JVM's whole heap shared by every rank.")
    Double memoryPerRankGb;

    @Option(names = "--cores", description = "Cores to plan for: this machine's (default), or with --memory-per-rank-gb"
            + " the cores of one rank on the target machine (e.g. 48 on Fugaku).")
    Integer cores;

    @Option(names = "--strict", description = "Refuse a parameter that no observation reaches under the localization"
            + " (by default a warning).")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        if (memoryPerRankGb == null) {
            // this machine is the target: as many ranks as run will start on it
            StartChecks.ranks(config, doka.launcher.config.ConfigReader.read(config), EnsembleRunner.Device.MULTICORE);
        }
        Path scratch = Files.createTempDirectory("doka-validate");
        // the configuration, its files, the observations against the model and the parameters' reach, before "valid"
        EnsembleConfig c = EnsembleRunner.prepare(config, scratch.resolve("run"), true, strict);
        System.out.printf(Locale.ROOT, "%s: valid. %d members × %d rank(s), model %s, %d parameters, %d windows%s,"
                + " %s filter%n", config, c.members(), c.ranksPerMember(), c.model().getClass().getSimpleName().toLowerCase(Locale.ROOT),
                c.parameters().size(), c.windows().count(),
                c.windows().lengthMs() > 0 ? String.format(Locale.ROOT, " of %.0f ms", c.windows().lengthMs()) : "",
                c.filter().kind());
        int machineCores = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        int threads = Math.max(1, machineCores / (c.members() * c.ranksPerMember()));
        MemberEstimate e = MemberEstimate.measure(c, scratch.resolve("run"), threads);
        if (e == null) {
            System.out.println("no spiking members: memory and time are negligible");
            return 0;
        }
        System.out.println(e.describe());
        boolean sharedHeap = memoryPerRankGb == null;
        RunPlan.MemoryNeed memory = RunPlan.memory(e.bytes(), e.outsideJvm(), c.members(), c.ranksPerMember(),
                memoryPerRankGb);
        System.out.println(memory.describe());
        if (sharedHeap) {
            System.out.printf(Locale.ROOT, "time: about %.0f s for the whole run on %d cores shared by all members%n",
                    e.runSeconds(c, machineCores), machineCores);
        } else {
            // one member per rank on its own cores; assumes the engine's threads scale linearly up to them
            System.out.printf(Locale.ROOT, "time: about %.0f s for the whole run with %d cores per rank (measured on %d"
                    + " thread(s), scaled linearly)%n", e.runSecondsOwnCores(c, machineCores), machineCores, threads);
        }
        if (!memory.fits()) {
            System.out.println("refused: " + memory.refusal());
            return 1;
        }
        System.out.println("fits.");
        return 0;
    }
}
