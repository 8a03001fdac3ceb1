package doka.launcher.experiment;

import doka.engine.bench.PeakMemory;
import doka.engine.member.SpikingMember;
import doka.launcher.external.ExternalMember;

/**
 * One member built and run here, measured: what {@code validate --measure} sets beside the estimate, and the
 * estimate itself for a model whose size only a build can tell. The member (member 0, at its full size) is built,
 * and unless {@code simulateMs} is 0, warmed up for 100 ms and simulated for {@code simulateMs} of biological time.
 *
 * @param neurons             neurons of the member
 * @param synapses            synapses of the member
 * @param rssBeforeBytes      this JVM's resident memory before the build
 * @param peakRssBytes        this JVM's peak resident memory after the run (VmHWM: since the JVM started)
 * @param buildSeconds        wall time of the build
 * @param secondsPerBioSecond wall time per biological second
 * @param threads             threads of the member
 * @param outsideJvm          the member is a process of its own
 * @param processBytes        its process's resident memory, NaN for a member in this JVM
 */
public record MemberMeasurement(long neurons, long synapses, double rssBeforeBytes, double peakRssBytes,
                                double buildSeconds, double secondsPerBioSecond, int threads, boolean outsideJvm,
                                double processBytes) {
    static MemberMeasurement measure(SpikingExperiment spiking, int threads, double simulateMs) {
        double before = PeakMemory.rssMb() * (1 << 20);
        long t0 = System.nanoTime();
        try (SpikingMember net = spiking.model().build("member 0", spiking.networkSeed(0), threads, null,
                spiking.readout())) {
            double build = (System.nanoTime() - t0) * 1e-9;
            double perBioSecond = Double.NaN;
            if (simulateMs > 0) {
                net.simulateMs(100);
                long t1 = System.nanoTime();
                net.simulateMs(simulateMs);
                perBioSecond = (System.nanoTime() - t1) * 1e-9 / (simulateMs / 1000);
            }
            boolean external = net instanceof ExternalMember;
            return new MemberMeasurement(net.neurons(), net.synapses(), before, PeakMemory.peakRssMb() * (1 << 20), build,
                    perBioSecond, threads, external, external ? ((ExternalMember) net).residentBytes() : Double.NaN);
        }
    }

    /** Measures member 0 of {@code config}, or returns null for a model without spiking members. */
    public static MemberMeasurement measure(doka.launcher.config.EnsembleConfig config, java.nio.file.Path scratchDir,
                                            int threads, double simulateMs) {
        SpikingExperiment spiking = Experiments.spiking(config, scratchDir);
        return spiking == null ? null : measure(spiking, threads, simulateMs);
    }

    /** The member's own memory: its process's, or the growth of this JVM's peak resident memory over the build and run. */
    public double memberBytes() {
        return outsideJvm ? processBytes : Math.max(0, peakRssBytes - rssBeforeBytes);
    }
}
