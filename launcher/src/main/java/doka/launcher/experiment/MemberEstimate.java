package doka.launcher.experiment;

import java.nio.file.Path;
import java.util.Locale;

import doka.launcher.config.EnsembleConfig;
import doka.engine.member.SpikingMember;
import doka.launcher.external.ExternalMember;

/**
 * Memory and time of one member, measured: the member (or, when it is too large to build here, a
 * scaled-down copy with the same in-degrees, whose figures are then scaled up linearly in the
 * neuron count) is built, warmed up for 100 ms and simulated for 200 ms of biological time.
 *
 * @param neurons           neurons of one member
 * @param synapses          synapses of one member
 * @param bytes             bytes of one member: measured growth of the used heap across the build, or an external
 *                          member's process's resident memory
 * @param outsideJvm        the member is an external process (its memory is not the JVM's heap)
 * @param buildSeconds      wall time of the build
 * @param secondsPerBioSecond wall time per biological second with {@code threads} threads
 * @param threads           threads the measurement used
 * @param calibrationFactor 1 when measured at full size, else the size of the copy relative to the member
 */
public record MemberEstimate(double neurons, double synapses, double bytes, boolean outsideJvm, double buildSeconds,
        double secondsPerBioSecond, int threads, double calibrationFactor) {

    /** Members larger than this many neurons are calibrated on a scaled-down copy. */
    static final double MAX_CALIBRATION_NEURONS = 150_000;

    /** Measures a spiking member of {@code config}, or returns null for a model without one (Lorenz-96). */
    public static MemberEstimate measure(EnsembleConfig config, Path scratchDir, int threads) {
        return measure(config, scratchDir, threads, true);
    }

    /**
     * The same without the 300 ms of simulation: memory and build time only (the speed is NaN); what {@code run}
     * checks before it starts.
     */
    public static MemberEstimate measureMemory(EnsembleConfig config, Path scratchDir, int threads) {
        return measure(config, scratchDir, threads, false);
    }

    private static MemberEstimate measure(EnsembleConfig config, Path scratchDir, int threads, boolean timed) {
        SpikingExperiment spiking = Experiments.spiking(config, scratchDir);
        if (spiking == null) {
            return null;
        }
        SpikingModel model = spiking.model();
        double expected = model.expectedNeurons();
        double factor = 1;
        if (expected > MAX_CALIBRATION_NEURONS) {
            factor = MAX_CALIBRATION_NEURONS / expected;
            SpikingModel small = model.scaled(factor);
            if (small == null) {
                throw new IllegalStateException("the member (" + Math.round(expected) + " neurons) is too large to measure"
                        + " here and the model cannot be scaled down");
            }
            model = small;
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        try (SpikingMember net = model.build(spiking.networkSeed(0), threads, null, spiking.readout())) {
            double build = (System.nanoTime() - t0) * 1e-9;
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            double perBioSecond = Double.NaN;
            if (timed) {
                net.simulateMs(100);
                long t1 = System.nanoTime();
                net.simulateMs(200);
                perBioSecond = (System.nanoTime() - t1) * 1e-9 / 0.2;
            }
            boolean external = net instanceof ExternalMember;
            double bytes = external ? ((ExternalMember) net).residentBytes() : Math.max(0, after - before);
            return new MemberEstimate(net.neurons() / factor, net.synapses() / factor, bytes / factor, external,
                    build / factor, perBioSecond / factor, threads, factor);
        }
    }

    /** Wall time of the whole run on {@code cores} cores shared by all members (one machine). */
    public double runSeconds(EnsembleConfig config, int cores) {
        double bio = (config.windows().warmupMs() + config.windows().count() * config.windows().lengthMs()) / 1000;
        double memberCores = (double) config.members() * threads;
        return buildSeconds * Math.max(1, memberCores / cores) + bio * secondsPerBioSecond * Math.max(1, memberCores / cores);
    }

    /** Wall time of the whole run when every member has {@code coresPerMember} cores of its own. */
    public double runSecondsOwnCores(EnsembleConfig config, int coresPerMember) {
        double bio = (config.windows().warmupMs() + config.windows().count() * config.windows().lengthMs()) / 1000;
        double speedup = Math.max(1.0, (double) coresPerMember / threads);
        return buildSeconds / speedup + bio * secondsPerBioSecond / speedup;
    }

    public String describe() {
        return String.format(Locale.ROOT, "one member: %,.0f neurons, %,.0f synapses, %.0f MB%s, build %.1f s%s on %d"
                + " thread(s)%s", neurons, synapses, bytes / 1e6,
                outsideJvm ? " (its process, outside the JVM)" : "", buildSeconds, Double.isNaN(secondsPerBioSecond)
                        ? "" : String.format(Locale.ROOT, ", %.2f s per biological second", secondsPerBioSecond),
                threads, calibrationFactor < 1
                        ? String.format(Locale.ROOT, " (scaled up from a copy of %.3g of its size)", calibrationFactor) : "");
    }
}
