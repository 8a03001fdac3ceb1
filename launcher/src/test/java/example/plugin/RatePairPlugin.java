package example.plugin;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.launcher.plugin.MemberPlugin;

/**
 * The example member plug-in, outside Doka's packages as a user's would be: a noisy excitatory and
 * inhibitory rate pair, τ dr_E/dt = −r_E + [drive − w r_I]₊ + noise, τ dr_I/dt = −r_I + [drive/2 + r_E/2]₊,
 * τ = 10 ms, Euler steps of 1 ms, noise from a counter-based stream (seed, step), so that the step is the
 * whole random state. Parameters {@code drive} (Hz) and {@code w}; observables {@code rate_E}, {@code rate_I}
 * (the mean over each bin).
 */
public final class RatePairPlugin implements MemberPlugin {
    static final List<String> PARAMETERS = List.of("drive", "w");
    static final List<String> OBSERVABLES = List.of("rate_E", "rate_I");

    @Override
    public SpikingMember build(Spec spec) {
        for (String p : spec.readout().parameters()) {
            if (!PARAMETERS.contains(p)) {
                throw new IllegalArgumentException("no parameter '" + p + "'; the rate pair has " + PARAMETERS);
            }
        }
        for (String o : spec.observables()) {
            if (!OBSERVABLES.contains(o)) {
                throw new IllegalArgumentException("no observable '" + o + "'; the rate pair has " + OBSERVABLES);
            }
        }
        double noise = ((Number) spec.settings().getOrDefault("noise", 0.5)).doubleValue();
        return new Pair(spec, noise);
    }

    private static final class Pair implements SpikingMember {
        private static final double TAU_MS = 10;
        private final Spec spec;
        private final double noise;
        private double drive = 10;
        private double w = 1;
        private double rE;
        private double rI;
        private long step;
        private double[] predicted;

        Pair(Spec spec, double noise) {
            this.spec = spec;
            this.noise = noise;
        }

        @Override
        public double[] estimated() {
            return spec.readout().parameters().stream().mapToDouble(p -> p.equals("drive") ? drive : w).toArray();
        }

        @Override
        public void distribute(double[] v) {
            List<String> names = spec.readout().parameters();
            for (int i = 0; i < v.length; i++) {
                drive = names.get(i).equals("drive") ? v[i] : drive;
                w = names.get(i).equals("w") ? v[i] : w;
            }
        }

        private void stepOnce() {
            double xi = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + step++).nextGaussian();
            double e = rE + (-rE + Math.max(0, drive - w * rI)) / TAU_MS + noise * xi;
            rI += (-rI + Math.max(0, drive / 2 + rE / 2)) / TAU_MS;
            rE = Math.max(0, e);
        }

        @Override
        public void simulateMs(double durationMs) {
            for (long n = Math.round(durationMs); n > 0; n--) {
                stepOnce();
            }
        }

        @Override
        public void advance() {
            Readout r = spec.readout();
            int bins = r.bins();
            long perBin = Math.round(r.binMs());
            predicted = new double[bins * spec.observables().size()];
            for (int b = 0; b < bins; b++) {
                double sumE = 0;
                double sumI = 0;
                for (long n = 0; n < perBin; n++) {
                    stepOnce();
                    sumE += rE;
                    sumI += rI;
                }
                for (int q = 0; q < spec.observables().size(); q++) {
                    predicted[b * spec.observables().size() + q] = (spec.observables().get(q).equals("rate_E") ? sumE : sumI) / perBin;
                }
            }
        }

        @Override
        public double[] collect() {
            return predicted.clone();
        }

        /** A rate model has no spikes: the raster is empty. */
        @Override
        public void writeRaster(Path file, int maxNeurons) throws IOException {
            Files.writeString(file, "time_ms,neuron\n");
        }

        @Override
        public void snapshot(DataOutputStream out) throws IOException {
            for (double v : new double[] {drive, w, rE, rI}) {
                out.writeDouble(v);
            }
            out.writeLong(step);
        }

        @Override
        public void restore(DataInputStream in) throws IOException {
            drive = in.readDouble();
            w = in.readDouble();
            rE = in.readDouble();
            rI = in.readDouble();
            step = in.readLong();
        }

        @Override
        public int neurons() {
            return 0;
        }

        @Override
        public long synapses() {
            return 0;
        }

        @Override
        public String describe() {
            return "the example plug-in's E/I rate pair (" + spec.name() + ")";
        }

        @Override
        public void close() {
        }
    }
}
