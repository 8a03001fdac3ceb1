package doka.launcher.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import doka.launcher.EnsembleRunner;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.RunLock;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.config.RunPlan;
import doka.launcher.experiment.MemberEstimate;

/**
 * What {@code run} checks before it touches anything (the ranks this machine holds, the members' memory), and a run
 * directory left by a start that failed, which the same {@code run} may take over.
 */
final class StartChecks {
    /** The heap of one niodev rank JVM, in GB. */
    static final double NIODEV_RANK_HEAP_GB = 1.0;

    private StartChecks() {
    }

    /** Writing NWB ({@code option}) needs the HDF5 Java binding: refused before anything runs when it is missing. */
    static void nwbWritable(String option) {
        String why = doka.observation.io.NwbWriter.unavailable();
        if (why != null) {
            throw new IllegalArgumentException(option + ": " + why);
        }
    }

    /**
     * Refuses more ranks than this machine holds on {@code device} ({@link RunPlan#checkRanks}), and more members than
     * the analysis root's heap can analyse (this JVM's, or a niodev rank's).
     */
    static void ranks(Path config, EnsembleConfig c, EnsembleRunner.Device device) {
        int perTask = EnsembleRunner.membersPerRank(c, device, Runtime.getRuntime().availableProcessors());
        RunPlan.checkRanks(config.toString(), c.members(), perTask, c.ranksPerMember(), rankCost(device),
                RunPlan.Machine.here());
        long heap = device == EnsembleRunner.Device.MULTICORE ? Runtime.getRuntime().maxMemory()
                : (long) (NIODEV_RANK_HEAP_GB * 1e9);
        int most = RunPlan.maxAnalysisMembers(heap);
        if (c.members() > most) {
            throw new ConfigException(String.format(java.util.Locale.ROOT, "%s: %d members: the analysis would hold %.1f"
                    + " GB of N×N matrices at once; the analysis root's heap (%.1f GB) allows at most %d members", config,
                    c.members(), RunPlan.analysisBytes(c.members()) / 1e9, heap / 1e9, most));
        }
    }

    /** What a rank of {@code device} costs the machine: a thread of this JVM, or a JVM of its own. */
    static RunPlan.RankCost rankCost(EnsembleRunner.Device device) {
        return device == EnsembleRunner.Device.MULTICORE ? RunPlan.RankCost.MULTICORE : RunPlan.RankCost.PROCESS;
    }

    /**
     * {@code validate}'s memory check, before anything is built: one member is built (a scaled-down copy of a large
     * one) and measured, then the whole ensemble is weighed against this JVM's heap (the multicore device), or a
     * rank JVM's heap (niodev: {@value #NIODEV_RANK_HEAP_GB} GB each, {@code -Xmx1g} in {@code EnsembleRunner.run}).
     */
    static void memory(Path config, EnsembleConfig c, EnsembleRunner.Device device) throws IOException {
        int ranks = c.members() * c.ranksPerMember();
        Path scratch = Files.createTempDirectory("doka-run-check");
        try {
            MemberEstimate e = MemberEstimate.measureMemory(c, scratch,
                    Math.max(1, Runtime.getRuntime().availableProcessors() / ranks));
            if (e == null) {
                return;
            }
            RunPlan.MemoryNeed memory = RunPlan.memory(e.bytes(), e.outsideJvm(), c.members(), c.ranksPerMember(),
                    device == EnsembleRunner.Device.MULTICORE ? null : NIODEV_RANK_HEAP_GB);
            if (!memory.fits()) {
                throw new ConfigException(config + ": refused before anything is built: " + memory.describe() + " ("
                        + e.describe() + "); " + memory.refusal());
            }
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * Lets the same {@code run} start again in a directory whose run never completed a window (its start failed):
     * locks it (a live run holds the lock: refused, naming it) and removes its {@code config.json}. Returns the lock,
     * or null when {@code dir} holds no run, or a run that completed windows ({@link EnsembleRunner#create} then
     * refuses it, pointing to {@code resume}).
     */
    static RunLock reclaimFailedStart(Path dir, java.io.PrintWriter err) throws IOException {
        if (!Files.exists(dir.resolve("config.json"))) {
            return null;
        }
        RunLock lock = RunLock.acquire(dir);
        if (!neverCompletedAWindow(dir)) {
            lock.close();
            return null;
        }
        Files.delete(dir.resolve("config.json"));
        err.println("doka run: " + dir + " holds a run that never completed a window (its start failed):"
                + " starting it again there");
        err.flush();
        return lock;
    }

    /** No summary, no checkpoint, and no window's line in {@code diagnostics.csv} (written after every window). */
    static boolean neverCompletedAWindow(Path dir) throws IOException {
        if (Files.exists(dir.resolve("summary.json"))) {
            return false;
        }
        Path checkpoints = dir.resolve(CheckpointStore.FOLDER);
        if (Files.isDirectory(checkpoints)) {
            try (var entries = Files.list(checkpoints)) {
                if (entries.findAny().isPresent()) {
                    return false;
                }
            }
        }
        Path diagnostics = dir.resolve("diagnostics.csv");
        if (!Files.exists(diagnostics)) {
            return true;
        }
        try (var lines = Files.lines(diagnostics)) {
            return lines.limit(2).count() <= 1;
        }
    }
}
