package doka.launcher.experiment;

import java.nio.file.Path;

import doka.engine.kernel.NetworkBytes;
import doka.launcher.config.EnsembleConfig;

/**
 * Neurons, synapses, memory and time of a member, and of a rank, from the model's own rules ({@link MemberSize}),
 * without building a member; for a model whose size only a build can tell (an external program, a plug-in) from one
 * member built and measured here ({@link MemberMeasurement}).
 *
 * <p><b>Memory</b> ({@code docs/scaling.md}, "Capacity planning"): the kernel's bytes ({@link NetworkBytes}) plus the
 * model's own per-neuron arrays. A rank holds its members' built networks, and the buffers of one build at a time
 * (a task builds its members one after another); each JVM adds {@link #JVM_BYTES}.
 *
 * <p><b>Time</b> per biological second on one core: {@link #NEURON_STEP_S} per neuron and step (with its Poisson background draw) and {@link #EVENT_S} per synaptic event at
 * {@link #REFERENCE_RATE_HZ}; {@code t} threads divide it by {@code 1 + η (t − 1)}, a split member's ranks by their
 * number (communication is not counted). The build: {@link #BUILD_S_PER_SYNAPSE} per synapse.
 *
 * @param neurons             neurons of one member
 * @param synapses            synapses of one member
 * @param size                the rules' size, or null for a measured member
 * @param measuredBytes       a measured member's memory (its growth of the JVM's resident memory, or its process's),
 *                            NaN for an estimate from the rules
 * @param outsideJvm          the member is a process of its own (its memory is not the JVM's)
 * @param secondsPerBioSecond wall seconds per biological second of one member on one core
 * @param splittable          the member can be split over ranks
 */
public record MemberEstimate(double neurons, double synapses, MemberSize size, double measuredBytes, boolean outsideJvm,
                             double secondsPerBioSecond, boolean splittable) {
    /**
     * A JVM's memory besides its members: the JVM, the classes, the configuration, the model's input files (0.22–0.23
     * GB resident before a member is built, in every run measured) and the young generation a build runs through.
     * Measured: {@code ./doka validate --measure} of the real-atlas cortex at s = 0.001, whose member takes 2 MB, peaks
     * at 0.26 GB resident ({@code docs/scaling.md}, "Capacity planning").
     */
    public static final double JVM_BYTES = 0.26e9;
    /**
     * Seconds per neuron-step on one x86 core of this machine ({@code docs/scaling.md}, "Cost model"); with the event
     * cost it gives the real-atlas cortex's measured second at s = 0.001 to 0.1 within 11 % on a quiet machine
     * ({@code docs/scaling.md}, "Capacity planning").
     */
    public static final double NEURON_STEP_S = 8.2e-9;
    /** Seconds per synaptic event, the same fit. */
    public static final double EVENT_S = 2.2e-9;
    /** The firing rate events are counted at: the real-atlas cortex's mean rate at s = 0.1 ({@code docs/scaling.md}). */
    public static final double REFERENCE_RATE_HZ = 5;
    /** Thread efficiency η measured for the cortex on 2 threads. */
    public static final double THREAD_EFFICIENCY = 0.79;
    /**
     * Build seconds per synapse on one core: the real-atlas cortex at s = 0.1 built in 26.6 s on 2 threads
     * ({@code docs/cortex.md}), times 1 + η, over its 207 M synapses. Smaller members take longer per synapse.
     */
    public static final double BUILD_S_PER_SYNAPSE = 2.3e-7;
    /** The most ranks a member is split over when a recommendation is sought. */
    static final int MOST_RANKS = 1 << 16;

    /** The estimate for {@code config}'s members, or null for a model without spiking members (Lorenz-96). */
    public static MemberEstimate of(EnsembleConfig config, Path scratchDir) {
        return of(config, scratchDir, true);
    }

    /**
     * The same; {@code timed} false spares a measured member its 300 ms of simulation (its time is then NaN): what
     * {@code run} checks before it starts.
     */
    public static MemberEstimate of(EnsembleConfig config, Path scratchDir, boolean timed) {
        SpikingExperiment spiking = Experiments.spiking(config, scratchDir);
        if (spiking == null) {
            return null;
        }
        MemberSize size = spiking.model().size();
        if (size == null) {
            MemberMeasurement m = MemberMeasurement.measure(spiking, 1, timed ? 200 : 0);
            return new MemberEstimate(m.neurons(), m.synapses(), null, m.memberBytes(), m.outsideJvm(),
                    m.secondsPerBioSecond(), false);
        }
        return new MemberEstimate(size.neurons(), size.synapses(), size, Double.NaN, false,
                (1000 / size.dtMs()) * NEURON_STEP_S * size.neurons()
                        + EVENT_S * REFERENCE_RATE_HZ * size.synapses(),
                config.model() instanceof EnsembleConfig.Model.Cortex);
    }

    /** From the rules (not measured). */
    public boolean fromRules() {
        return size != null;
    }

    /**
     * How members share ranks.
     *
     * @param ranksPerMember ranks one member is split over
     * @param membersPerRank members a rank (a task's rank) holds, advanced one after another
     * @param threads        worker threads per rank
     */
    public record Layout(int ranksPerMember, int membersPerRank, int threads) {
    }

    /**
     * One rank of {@code layout}: its share of the members' neurons and synapses, the memory its members take
     * (built networks of all, buffers of one build), and its seconds per biological second.
     *
     * @param memberBytes the members' bytes on the rank, without the JVM's
     */
    public record RankNeed(double neurons, double synapses, double memberBytes, double secondsPerBioSecond) {
        /** With the JVM's own memory: what a rank of a job needs. */
        public double bytesWithJvm() {
            return memberBytes + JVM_BYTES;
        }
    }

    public RankNeed perRank(Layout layout) {
        int p = layout.ranksPerMember(), m = layout.membersPerRank(), t = layout.threads();
        double bytes;
        if (size == null) {
            bytes = m * measuredBytes;
        } else {
            NetworkBytes.Part part = size.part(p, t);
            double built = NetworkBytes.built(part) + size.builtPerNeuron() * neurons;
            double building = NetworkBytes.buildPeak(part) - NetworkBytes.built(part) + size.buildingPerNeuron() * neurons;
            bytes = m * built + building;
        }
        double speedup = p * (1 + THREAD_EFFICIENCY * (t - 1));
        return new RankNeed(m * neurons / p, m * synapses / p, bytes, m * secondsPerBioSecond / speedup);
    }

    /** One member alone on one rank of {@code threads} threads: its peak memory, without the JVM's. */
    public double memberBytes(int threads) {
        return perRank(new Layout(1, 1, threads)).memberBytes();
    }

    /** Build seconds of one member on {@code threads} threads, from its synapses (for an estimate from the rules). */
    public double buildSeconds(int threads) {
        return BUILD_S_PER_SYNAPSE * synapses / (1 + THREAD_EFFICIENCY * (threads - 1));
    }

    /**
     * The fewest ranks per member whose rank, JVM included, fits {@code share} of {@code bytesPerRank} with
     * {@code membersPerRank} members and {@code threads} threads; 0 when none does (or the member cannot be split
     * and does not fit one rank).
     */
    public int recommendedRanksPerMember(double bytesPerRank, double share, int membersPerRank, int threads) {
        java.util.function.IntPredicate fits = p -> perRank(new Layout(p, membersPerRank, threads)).bytesWithJvm()
                <= share * bytesPerRank;
        int lo = 1, hi = splittable ? MOST_RANKS : 1;
        if (!fits.test(hi)) {
            return 0;
        }
        while (lo < hi) { // a rank's memory falls with the ranks per member
            int mid = (lo + hi) >>> 1;
            if (fits.test(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
