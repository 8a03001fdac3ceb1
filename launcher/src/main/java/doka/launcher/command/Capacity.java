package doka.launcher.command;

import java.util.Locale;

import doka.launcher.EnsembleRunner;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.config.RunPlan;
import doka.launcher.experiment.MemberEstimate;

/**
 * A run's capacity plan from a member's estimate: how the members share ranks, what one rank needs, whether it fits,
 * and the fewest ranks per member that fit a memory per rank. {@code validate} prints it; {@code run} refuses with it.
 *
 * @param estimate           the member's estimate
 * @param layout             ranks per member, members per rank, threads per rank
 * @param ranks              ranks of the run
 * @param rank               one rank's need
 * @param memory             the memory check
 * @param memoryPerRankBytes the memory of one rank the plan is for: given, or this JVM's heap
 * @param recommended        the fewest ranks per member whose rank fits {@code memoryPerRankBytes} (0: none)
 */
record Capacity(MemberEstimate estimate, MemberEstimate.Layout layout, int ranks, MemberEstimate.RankNeed rank,
                RunPlan.MemoryNeed memory, double memoryPerRankBytes, int recommended) {

    /**
     * The plan for {@code config} on {@code device} with {@code cores} cores per rank's machine. With
     * {@code memoryPerRankGb} (a target machine's: its JVM included), ranks are processes holding
     * {@code membersPerRank} members (default 1); without, the ranks of this machine's multicore run share this JVM's
     * heap. {@code heapPerRankGb}: ranks that are JVMs of that heap here (niodev), the JVM's own memory not counted.
     */
    static Capacity plan(EnsembleConfig config, MemberEstimate e, int cores, Double memoryPerRankGb, Double heapPerRankGb) {
        boolean target = memoryPerRankGb != null || heapPerRankGb != null;
        EnsembleRunner.Device device = target ? EnsembleRunner.Device.NIODEV : EnsembleRunner.Device.MULTICORE;
        int perRank = EnsembleRunner.membersPerRank(config, device, cores);
        int ranks = EnsembleRunner.ranks(config, device, cores);
        // a niodev rank here runs one thread (EnsembleRunner.run); a target machine's rank its cores
        int threads = memoryPerRankGb != null ? cores : heapPerRankGb != null ? 1 : Math.max(1, cores / ranks);
        MemberEstimate.Layout layout = new MemberEstimate.Layout(config.ranksPerMember(), perRank, threads);
        MemberEstimate.RankNeed rank = e.perRank(layout);
        Double perRankBytes = null;
        if (memoryPerRankGb != null || heapPerRankGb != null) {
            perRankBytes = (memoryPerRankGb != null ? memoryPerRankGb : heapPerRankGb) * 1e9;
        }
        RunPlan.MemoryNeed memory = RunPlan.memory(memoryPerRankGb != null ? rank.bytesWithJvm() : rank.memberBytes(), ranks,
                e.outsideJvm(), perRankBytes);
        double forRecommendation = perRankBytes != null ? perRankBytes : Runtime.getRuntime().maxMemory();
        int recommended = e.recommendedRanksPerMember(forRecommendation, RunPlan.MEMORY_SHARE, perRank, threads);
        return new Capacity(e, layout, ranks, rank, memory, forRecommendation, recommended);
    }

    /** Seconds of the whole run: the build, the warm-up and every window, on the slowest rank. */
    double runSeconds(EnsembleConfig config) {
        double bio = (config.windows().warmupMs() + config.windows().count() * config.windows().lengthMs()) / 1000;
        double build = estimate.fromRules() ? layout.membersPerRank() * estimate.buildSeconds(layout.threads())
                / layout.ranksPerMember() : 0;
        return build + bio * rank.secondsPerBioSecond();
    }

    String describe(EnsembleConfig config) {
        MemberEstimate e = estimate;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "one member (%s): %,.0f neurons, %,.0f synapses, %.2f GB, %.2f s per"
                + " biological second on one core%n", e.fromRules() ? "from the model's rules" : "measured, built here",
                e.neurons(), e.synapses(), e.memberBytes(1) / 1e9, e.secondsPerBioSecond()));
        out.append(String.format(Locale.ROOT, "one rank (%d member(s), 1/%d of each, %d thread(s)): %,.0f neurons, %,.0f"
                + " synapses, %.2f GB with its JVM, %.2f s per biological second%n", layout.membersPerRank(),
                layout.ranksPerMember(), layout.threads(), rank.neurons(), rank.synapses(), rank.bytesWithJvm() / 1e9,
                rank.secondsPerBioSecond()));
        out.append(memory.describe()).append(System.lineSeparator());
        out.append(recommended > 0
                ? String.format(Locale.ROOT, "recommended ranksPerMember: %d, the fewest whose rank fits %.0f %% of %.1f"
                        + " GB%n", recommended, 100 * RunPlan.MEMORY_SHARE, memoryPerRankBytes / 1e9)
                : String.format(Locale.ROOT, "recommended ranksPerMember: none fits %.0f %% of %.1f GB per rank%s%n",
                        100 * RunPlan.MEMORY_SHARE, memoryPerRankBytes / 1e9,
                        e.splittable() ? "" : " (this model runs on one rank)"));
        out.append(String.format(Locale.ROOT, "time: about %.0f s for the whole run (%d ranks)", runSeconds(config), ranks));
        return out.toString();
    }
}
