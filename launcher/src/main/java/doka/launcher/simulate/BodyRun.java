package doka.launcher.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import doka.engine.atlas.Area;
import doka.engine.body.BodiedMember;
import doka.engine.body.BodySpec;
import doka.engine.body.Limb;
import doka.engine.body.MuJoCo;
import doka.engine.body.Physics;
import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.engine.kernel.RankComm;
import doka.engine.member.Readout;
import doka.observation.analysis.Signals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code simulate} of a model file with a body: one member with a body over the ranks of
 * {@code comm} (brain ranks, then the body's), run for the model's warm-up and simulation time.
 * The body rank records the limb at every physics step of the measured part and reports the
 * joints' excursions and the muscles' mean activations (the {@code body} object: the same seed
 * gives the same bytes); brain rank 0 reports the areas' rates and the exchange's cost. With an
 * output directory the body rank writes the time series, plots and stick-figure frames
 * ({@link BodyPlots}).
 */
public final class BodyRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BodyRun() {
    }

    /** The limb at every physics step: time (ms from the measured part's start), angles (deg), activations, body positions (m). */
    public static final class Trace implements Limb.StepListener {
        final List<String> joints;
        final List<String> muscles;
        final List<String> bodies = new ArrayList<>();
        final List<double[]> rows = new ArrayList<>();
        private final double stepMs;

        Trace(Limb limb) {
            this.joints = limb.joints();
            this.muscles = limb.muscles();
            Physics p = limb.physics();
            for (int b = 0; b < p.bodies(); b++) {
                bodies.add(p.bodyName(b));
            }
            this.stepMs = p.timestepS() * 1e3;
        }

        @Override
        public void afterStep(Physics p) {
            int nj = joints.size(), nm = muscles.size(), nb = bodies.size();
            double[] r = new double[1 + nj + nm + 3 * nb];
            r[0] = (rows.size() + 1) * stepMs; // by count: MuJoCo's time sums the steps, with rounding
            for (int j = 0; j < nj; j++) {
                r[1 + j] = Math.toDegrees(p.jointPosition(j));
            }
            for (int a = 0; a < nm; a++) {
                r[1 + nj + a] = p.activation(a);
            }
            for (int b = 0; b < nb; b++) {
                for (int k = 0; k < 3; k++) {
                    r[1 + nj + nm + 3 * b + k] = p.bodyPosition(b, k);
                }
            }
            rows.add(r);
        }

        double[] column(int c) {
            double[] out = new double[rows.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rows.get(i)[c];
            }
            return out;
        }
    }

    /**
     * Runs this rank's part; returns its JSON: the body rank's {@code body} object (and its physics
     * time, {@code body_step_s}), brain rank 0's
     * summary (model, sizes, areas, timing), "{}" from the other brain ranks.
     */
    public static String run(CortexModel model, CortexNetwork.Inputs inputs, BodySpec spec, RankComm comm, Path outDir)
            throws IOException {
        long t0 = System.nanoTime();
        // no readout here: one exchange interval stands for the window the cycle would use
        Readout none = new Readout(List.of(), spec.exchangeMs(), spec.exchangeMs());
        try (BodiedMember member = BodiedMember.build(model, inputs, spec, comm, none)) {
            double buildS = (System.nanoTime() - t0) * 1e-9;
            if (model.run().warmupMs() > 0) {
                member.run(model.run().warmupMs());
            }
            Trace trace = null;
            if (member.isBody()) {
                trace = new Trace(member.limb());
                member.limb().addListener(trace);
            }
            double exchangeBefore = member.exchangeSeconds();
            double exchangeCpuBefore = member.exchangeCpuSeconds();
            long t1 = System.nanoTime();
            CortexMember.Window w = member.run(model.run().tSimMs());
            double simS = (System.nanoTime() - t1) * 1e-9;
            if (member.isBody()) {
                if (outDir != null) {
                    BodyPlots.write(outDir, trace);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("body", bodyJson(member.limb(), trace));
                out.put("body_step_s", member.limb().stepSeconds());
                return JSON.writeValueAsString(out);
            }
            if (comm.rank() != 0) {
                return "{}";
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.name());
            m.put("atlas", member.cortex().network().atlas().name());
            m.put("density_scale", model.cells().densityScale());
            m.put("seed", model.run().seed());
            m.put("neurons", member.neurons());
            m.put("synapses", member.synapses());
            m.put("brain_ranks", comm.size() - 1);
            Map<String, Object> areas = new LinkedHashMap<>();
            for (Area a : member.cortex().network().atlas().areas()) {
                areas.put(a.name(), Map.of("rate_hz", Signals.mean(w.rateHz()[a.index()])));
            }
            m.put("areas", areas);
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("build_s", buildS);
            timing.put("sim_s", simS);
            timing.put("exchanges", member.exchanges());
            timing.put("exchange_s", member.exchangeSeconds() - exchangeBefore);
            timing.put("exchange_fraction", (member.exchangeSeconds() - exchangeBefore) / simS);
            timing.put("exchange_cpu_s", member.exchangeCpuSeconds() - exchangeCpuBefore);
            m.put("timing", timing);
            return JSON.writeValueAsString(m);
        }
    }

    /** The {@code body} object: library, model, exchange, the joints' excursions and the muscles' mean activations. */
    static Map<String, Object> bodyJson(Limb limb, Trace trace) {
        MuJoCo mj = limb.physics().library();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("mujoco", Map.of("version", mj.version(), "origin", mj.origin()));
        b.put("mjcf", limb.spec().mjcf().toString());
        b.put("exchange_ms", limb.spec().exchangeMs());
        b.put("output", limb.spec().output() ? "on" : "off");
        Map<String, Double> excursion = new LinkedHashMap<>();
        Map<String, Double> finalDeg = new LinkedHashMap<>();
        for (int j = 0; j < trace.joints.size(); j++) {
            double[] a = trace.column(1 + j);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double x : a) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            excursion.put(trace.joints.get(j), a.length == 0 ? 0 : hi - lo);
            finalDeg.put(trace.joints.get(j), a.length == 0 ? Double.NaN : a[a.length - 1]);
        }
        Map<String, Double> activation = new LinkedHashMap<>();
        for (int m = 0; m < trace.muscles.size(); m++) {
            activation.put(trace.muscles.get(m), Signals.mean(trace.column(1 + trace.joints.size() + m)));
        }
        b.put("joint_excursion_deg", excursion);
        b.put("joint_final_deg", finalDeg);
        b.put("muscle_activation_mean", activation);
        b.put("physics_steps", trace.rows.size());
        return b;
    }
}
