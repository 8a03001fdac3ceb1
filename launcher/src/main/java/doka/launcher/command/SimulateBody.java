package doka.launcher.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import doka.engine.body.BodySpec;
import doka.engine.body.Physics;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.launcher.EnsembleRunner;
import doka.launcher.mpi.MpjRankComm;
import doka.launcher.simulate.BodyRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import mpi.MPI;

/**
 * {@code simulate <model.json>} of a model file with a {@code body} section: one member with a
 * body on an MPJ world of P brain ranks and one body rank ({@link BodyRun}). Arguments: those of
 * {@link SimulateRanks}, then "on"/"off" for the brain → muscle output.
 */
public final class SimulateBody implements Function<String[], Object> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Loads the MJCF once here, so that a missing MuJoCo or a bad file fails before any rank starts. */
    static BodySpec check(Path modelFile, boolean output) throws IOException {
        BodySpec spec = BodySpec.read(modelFile).withOutput(output);
        try (Physics p = Physics.load(spec.mjcf())) {
            return spec;
        }
    }

    /** Runs the world; the summary as one JSON object (rank 0's, the body's {@code body}, the timing of both). */
    static ObjectNode run(int brainRanks, EnsembleRunner.Device device, String[] args) throws IOException {
        String[] perRank = Arrays.copyOf(args, args.length);
        if (perRank[5].isEmpty()) {
            perRank[5] = Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / brainRanks));
        }
        List<String> out = EnsembleRunner.runWorld(device, brainRanks + 1, Duration.ofDays(30), "-Xmx4g",
                SimulateBody.class.getName(), perRank);
        ObjectNode summary = (ObjectNode) JSON.readTree(out.get(0));
        JsonNode body = JSON.readTree(out.get(out.size() - 1));
        summary.set("body", body.get("body"));
        ((ObjectNode) summary.get("timing")).set("body_step_s", body.get("body_step_s"));
        return summary;
    }

    static void print(PrintWriter out, ObjectNode s, CortexModel m) {
        JsonNode b = s.get("body");
        JsonNode t = s.get("timing");
        out.printf(Locale.ROOT, "%s: %d neurons, %d synapses on %d brain ranks + 1 body rank, %.0f ms simulated in %.1f s%n",
                s.get("model").asText(), s.get("neurons").asLong(), s.get("synapses").asLong(), s.get("brain_ranks").asInt(),
                m.run().tSimMs(), t.get("sim_s").asDouble());
        out.printf(Locale.ROOT, "body: %s, MuJoCo %s from %s, exchange every %s ms, brain output %s%n", b.get("mjcf").asText(),
                b.get("mujoco").get("version").asText(), b.get("mujoco").get("origin").asText(), b.get("exchange_ms").asText(),
                b.get("output").asText());
        out.printf(Locale.ROOT, "exchanges %d: %.3f s of wall time (%.1f %% of the simulation; waiting included), %.3f s of CPU;"
                + " physics %.3f s%n", t.get("exchanges").asLong(), t.get("exchange_s").asDouble(),
                100 * t.get("exchange_fraction").asDouble(), t.get("exchange_cpu_s").asDouble(), t.get("body_step_s").asDouble());
        out.printf("%-10s %16s%n", "joint", "excursion (deg)");
        b.get("joint_excursion_deg").fields().forEachRemaining(e -> out.printf(Locale.ROOT, "%-10s %16.2f%n", e.getKey(),
                e.getValue().asDouble()));
        out.printf("%-18s %16s%n", "muscle", "mean activation");
        b.get("muscle_activation_mean").fields().forEachRemaining(e -> out.printf(Locale.ROOT, "%-18s %16.4f%n", e.getKey(),
                e.getValue().asDouble()));
        out.printf("%-12s %10s%n", "area", "rate (Hz)");
        s.get("areas").fields().forEachRemaining(e -> out.printf(Locale.ROOT, "%-12s %10.2f%n", e.getKey(),
                e.getValue().get("rate_hz").asDouble()));
    }

    @Override
    public Object apply(String[] args) {
        try {
            CortexModel m = SimulateRanks.model(args);
            BodySpec spec = BodySpec.read(Path.of(args[0])).withOutput(!"off".equals(args[8]));
            MpjRankComm comm = new MpjRankComm(MPI.COMM_WORLD);
            boolean bodyRank = comm.rank() == comm.size() - 1;
            return BodyRun.run(m, bodyRank ? null : CortexNetwork.loadInputs(m), spec, comm,
                    args[7].isEmpty() ? null : Path.of(args[7]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
