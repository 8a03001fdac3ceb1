package doka.launcher.experiment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import doka.engine.member.SpikingMember;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.external.ExternalMember;

/**
 * What the member protocol costs: member 0 of an external configuration, built, warmed up and advanced
 * window by window as in a run; per window, the wall time of its requests (advance, observe, set) against
 * the simulation time the program itself reports; then one snapshot and restore.
 *
 * @param windows        windows timed
 * @param requestS       per window: wall seconds from sending each request to reading its answer, summed
 * @param simulationS    per window: the program's own simulation seconds (its answers to advance)
 * @param stateBytes     bytes of one snapshot
 * @param snapshotS      wall seconds of one snapshot (the program saves, Doka copies the file)
 * @param restoreS       wall seconds of one restore
 * @param describe       the member's description
 */
public record ExternalCost(int windows, double[] requestS, double[] simulationS, long stateBytes, double snapshotS,
        double restoreS, String describe) {

    public static ExternalCost measure(EnsembleConfig config, Path runDir, int windows) throws IOException {
        if (!(config.model() instanceof EnsembleConfig.Model.External)) {
            throw new ConfigException("model.kind is not external: the protocol's cost is measured on an external member");
        }
        SpikingExperiment exp = Experiments.spiking(config, runDir);
        double[] request = new double[windows];
        double[] simulation = new double[windows];
        try (SpikingMember m = exp.model().build("member 0", exp.networkSeed(0), 1, null, exp.readout())) {
            ExternalMember member = (ExternalMember) m;
            double[] theta = exp.priorSample(0);
            member.distribute(theta);
            member.simulateMs(config.windows().warmupMs());
            for (int w = 0; w < windows; w++) {
                double r0 = member.requestSeconds();
                double s0 = member.simulationSeconds();
                member.advance();
                member.collect();
                member.distribute(theta);
                request[w] = member.requestSeconds() - r0;
                simulation[w] = member.simulationSeconds() - s0;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            member.snapshot(new DataOutputStream(bytes));
            double snapshot = (System.nanoTime() - t0) * 1e-9;
            t0 = System.nanoTime();
            member.restore(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            double restore = (System.nanoTime() - t0) * 1e-9;
            return new ExternalCost(windows, request, simulation, bytes.size(), snapshot, restore, member.describe());
        }
    }

    /** Per window: requests' wall time minus the program's simulation time. */
    public double[] protocolS() {
        double[] out = new double[windows];
        for (int w = 0; w < windows; w++) {
            out[w] = requestS[w] - simulationS[w];
        }
        return out;
    }

    public String report(EnsembleConfig config) {
        double[] protocol = protocolS();
        double[] sorted = protocol.clone();
        Arrays.sort(sorted);
        double sim = Arrays.stream(simulationS).sum() / windows;
        double cost = Arrays.stream(protocol).sum() / windows;
        return String.format(Locale.ROOT, "%s%n%d windows of %.0f ms (%d bins): the program simulates %.3f s per window;"
                + " the protocol costs %.2f ms per window (median %.2f ms, max %.2f ms), %.2f %% of the simulation%n"
                + "snapshot %.3f s, restore %.3f s, %,d bytes of state", describe, windows, config.windows().lengthMs(),
                Math.round(config.windows().lengthMs() / config.observations().binMs()), sim, 1e3 * cost,
                1e3 * sorted[windows / 2], 1e3 * sorted[windows - 1], 100 * cost / sim, snapshotS, restoreS, stateBytes);
    }
}
