package doka.launcher.config;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a run asks of the machine it starts on, checked before anything is built or started, so that a
 * configuration this machine cannot hold is refused with the numbers instead of exhausting its threads or its
 * memory part-way (issue 18: 100,000 members started a thread per rank until the OS refused, then hung).
 *
 * <p>The limits are derived from the machine ({@link Machine#here()}): the operating system's task limit (threads
 * and processes: the smallest of {@code kernel.threads-max}, {@code kernel.pid_max}, the user's process limit and
 * the cgroup's {@code pids.max}), of which a run takes at most half, and the physical memory, of which a run's
 * per-rank overhead takes at most 85 % (the share {@code validate} allows). The members' own memory is checked
 * separately, with {@code validate}'s estimate.
 */
public final class RunPlan {
    /** The share of the task limit one run may take: the rest belongs to the machine's other processes. */
    static final double TASK_SHARE = 0.5;
    /** The share of the memory one run may take (as {@code validate}). */
    public static final double MEMORY_SHARE = 0.85;

    private RunPlan() {
    }

    /**
     * What one rank costs besides its member.
     *
     * @param device what the ranks are, for messages
     * @param tasks  OS tasks (threads) per rank
     * @param bytes  memory per rank besides its member
     */
    public record RankCost(String device, int tasks, long bytes) {
        /**
         * A rank of the multicore device: one thread of this JVM with its own copy of every doka and MPJ class (a
         * class loader per rank). Measured: 50 Lorenz-96 ranks reach 363 MB of resident memory against 223 MB
         * for 2, about 3 MB per rank; 4 MB leaves a margin.
         */
        public static final RankCost MULTICORE = new RankCost("the multicore device (a thread per rank)", 1, 4L << 20);
        /**
         * A rank of niodev: a JVM of its own. Measured: a rank JVM running a small PD14 member (nScale 0.02) holds 22
         * threads and 120–130 MB resident; 25 and 150 MB leave a margin.
         */
        public static final RankCost PROCESS = new RankCost("niodev (a JVM per rank)", 25, 150L << 20);
    }

    /**
     * The machine a run starts on.
     *
     * @param cores         available processors
     * @param physicalBytes physical memory
     * @param taskLimit     the most threads and processes the OS allows (see the class comment)
     * @param taskSource    where {@code taskLimit} comes from, for messages
     */
    public record Machine(int cores, long physicalBytes, long taskLimit, String taskSource) {
        /** This machine, as the JVM and {@code /proc} see it. */
        public static Machine here() {
            long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
            long limit = Long.MAX_VALUE;
            String source = "no limit found";
            String[][] sources = {
                {"/proc/sys/kernel/threads-max", "kernel.threads-max"},
                {"/proc/sys/kernel/pid_max", "kernel.pid_max"},
                {"/sys/fs/cgroup/pids.max", "the cgroup's pids.max"},
            };
            for (String[] s : sources) {
                long v = readLimit(Path.of(s[0]));
                if (v < limit) {
                    limit = v;
                    source = s[1] + " " + v;
                }
            }
            long user = userProcessLimit();
            if (user < limit) {
                limit = user;
                source = "the user's process limit (ulimit -u) " + user;
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), physical, limit, source);
        }

        private static long readLimit(Path file) {
            try {
                // by lines: Files.readString of a /proc file (size 0) returned "1" here
                java.util.List<String> lines = Files.readAllLines(file);
                String text = lines.isEmpty() ? "" : lines.get(0).trim();
                return text.equals("max") ? Long.MAX_VALUE : Long.parseLong(text);
            } catch (IOException | NumberFormatException e) {
                return Long.MAX_VALUE; // not Linux, or no such limit here
            }
        }

        private static long userProcessLimit() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                    if (line.startsWith("Max processes")) {
                        String soft = line.substring("Max processes".length()).trim().split("\\s+")[0];
                        return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux: no such limit known
            }
            return Long.MAX_VALUE;
        }
    }

    /**
     * The most ranks of kind {@code cost} that {@code machine} can hold: within {@link #TASK_SHARE} of its task
     * limit and {@link #MEMORY_SHARE} of its memory.
     */
    public static long maxRanks(RankCost cost, Machine machine) {
        long byTasks = (long) (TASK_SHARE * machine.taskLimit() / cost.tasks());
        long byMemory = (long) (MEMORY_SHARE * machine.physicalBytes() / cost.bytes());
        return Math.min(byTasks, byMemory);
    }

    /**
     * Refuses {@code members} × {@code ranksPerMember} ranks of kind {@code cost} that {@code machine} cannot hold,
     * naming the configuration {@code source}, the numbers and what to change.
     */
    public static void checkRanks(String source, int members, int ranksPerMember, RankCost cost, Machine machine) {
        checkRanks(source, members, 1, ranksPerMember, cost, machine);
    }

    /** The same for members that share tasks: {@code membersPerTask} members advance one after another on a task's ranks. */
    public static void checkRanks(String source, int members, int membersPerTask, int ranksPerMember, RankCost cost,
                                  Machine machine) {
        long tasks = (members + (long) membersPerTask - 1) / membersPerTask;
        long ranks = tasks * ranksPerMember;
        long max = maxRanks(cost, machine);
        if (ranks > max) {
            throw new ConfigException(String.format(Locale.ROOT, "%s: %d members in %d task(s) × %d rank(s) = %d ranks,"
                    + " but this machine runs at most %d ranks on %s: %.0f %% of its task limit (%s) at %d per rank, and"
                    + " %.0f %% of its %.1f GB of memory at %.0f MB per rank; lower 'members', raise 'membersPerRank', or"
                    + " run on a cluster (./doka job)", source, members, tasks, ranksPerMember, ranks, max, cost.device(),
                    100 * TASK_SHARE, machine.taskSource(), cost.tasks(), 100 * MEMORY_SHARE,
                    machine.physicalBytes() / 1e9, cost.bytes() / 1e6));
        }
    }

    /**
     * The memory an analysis of {@code members} members holds at once: up to six N×N matrices of doubles (the ETKF's
     * Gram matrix, its eigenvectors and the eigen solver's two copies, the transform and a rotation; {@code Etkf},
     * {@code SymmetricEigen}).
     */
    public static double analysisBytes(int members) {
        return 6.0 * Double.BYTES * members * (double) members;
    }

    /** The most members whose analysis fits {@link #MEMORY_SHARE} of {@code heapBytes}. */
    public static int maxAnalysisMembers(long heapBytes) {
        return (int) Math.floor(Math.sqrt(MEMORY_SHARE * heapBytes / (6.0 * Double.BYTES)));
    }

    /**
     * The members' memory against what holds them: {@code validate}'s rule, shared by {@code run}. With a memory per
     * rank ({@code memoryPerRankBytes}: a target machine's, or a rank JVM's heap) one rank's need against it;
     * otherwise all ranks share this JVM's heap, or, for members that are processes of their own, the machine's
     * memory beside the heap.
     *
     * @param rankBytes one rank's need: its members' estimated memory (with its JVM's when the memory per rank is a
     *                  machine's, not a heap)
     * @param ranks     the ranks of the run
     */
    public static MemoryNeed memory(double rankBytes, int ranks, boolean outsideJvm, Double memoryPerRankBytes) {
        boolean sharedHeap = memoryPerRankBytes == null;
        double available = sharedHeap ? Runtime.getRuntime().maxMemory() : memoryPerRankBytes;
        if (sharedHeap && outsideJvm) {
            available = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize() - Runtime.getRuntime().maxMemory();
        }
        double needed = sharedHeap ? rankBytes * ranks : rankBytes;
        return new MemoryNeed(needed, available, !sharedHeap ? "per rank" : outsideJvm
                ? "for all member processes (memory beside the JVM's heap)" : "for all members in this JVM");
    }

    /**
     * Memory needed and available, in bytes.
     *
     * @param scope what {@code needed} is for, e.g. "for all members in this JVM"
     */
    public record MemoryNeed(double needed, double available, String scope) {
        public boolean fits() {
            return needed <= MEMORY_SHARE * available;
        }

        public String describe() {
            return String.format(Locale.ROOT, "memory: %.2f GB needed %s, %.2f GB available", needed / 1e9, scope,
                    available / 1e9);
        }

        public String refusal() {
            return String.format(Locale.ROOT, "the members need %.2f GB but only %.2f GB are available (%.0f %% usable);"
                    + " lower the density scale or the members, or give more memory (DOKA_JAVA_OPTS=-Xmx…)",
                    needed / 1e9, available / 1e9, 100 * MEMORY_SHARE);
        }
    }
}
