package doka.launcher.external;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import doka.engine.kernel.StateIo;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;

/**
 * A member that is a program of its own (a Brian 2, NEST or C simulation), driven over Doka's member
 * protocol, version {@value #PROTOCOL} ({@code docs/external.md}). The process is started beside the
 * member's rank and keeps its network state between windows; only parameters and binned observables
 * cross the pipe. A snapshot asks the program to save its state into a temporary file and copies those
 * bytes into the member's checkpoint (so the checkpoint's checksums cover them); a restore writes them
 * back to a file and asks the program to restore from it.
 *
 * <p>Predictions are bin-major, {@code [bin][observable]}, in the order of the configured observables.
 */
public final class ExternalMember implements SpikingMember {
    /** The protocol version this side speaks. */
    public static final int PROTOCOL = 1;

    private final ExternalProcess process;
    private final Readout readout;
    private final List<String> observables;
    private final String program;
    private final int neurons;
    private final long synapses;
    private final boolean raster;
    private final double[] values;
    private double timeMs;
    private double[] predicted;
    private double simulationSeconds;
    private double requestSeconds;

    /**
     * Starts {@code command} in {@code directory} as member {@code name} and greets it: the program must
     * speak protocol {@value #PROTOCOL}, have every parameter of {@code readout} and every observable asked for.
     */
    public ExternalMember(String name, List<String> command, Path directory, Duration timeout, long seed, int threads,
            List<String> observables, Readout readout) {
        this.readout = readout;
        this.observables = List.copyOf(observables);
        this.values = new double[readout.parameters().size()];
        this.process = new ExternalProcess(name, command, directory, timeout);
        try {
            JsonNode hello = process.request(ExternalProcess.op("hello").put("protocol", PROTOCOL).put("member", name)
                    .put("seed", seed).put("threads", threads).put("bin_ms", readout.binMs()));
            if (hello.path("protocol").asInt(-1) != PROTOCOL) {
                throw new ExternalMemberException(name + ": the program speaks protocol " + hello.path("protocol")
                        + "; Doka speaks " + PROTOCOL + " (docs/external.md)");
            }
            List<String> has = names(hello, "parameters");
            List<String> gives = names(hello, "observables");
            for (String p : readout.parameters()) {
                if (!has.contains(p)) {
                    throw new ExternalMemberException(name + ": the program has no parameter '" + p + "'; it has " + has);
                }
            }
            for (String o : observables) {
                if (!gives.contains(o)) {
                    throw new ExternalMemberException(name + ": the program has no observable '" + o + "'; it has " + gives);
                }
            }
            program = hello.path("program").asText("an external program");
            neurons = hello.path("neurons").asInt(0);
            synapses = hello.path("synapses").asLong(0);
            raster = hello.path("raster").asBoolean(false);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private static List<String> names(JsonNode hello, String field) {
        List<String> out = new ArrayList<>();
        hello.path(field).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public double[] estimated() {
        return values.clone();
    }

    @Override
    public void distribute(double[] v) {
        System.arraycopy(v, 0, values, 0, values.length);
        ObjectNode set = ExternalProcess.op("set");
        ObjectNode parameters = set.putObject("parameters");
        for (int i = 0; i < values.length; i++) {
            parameters.put(readout.parameters().get(i), values[i]);
        }
        timed(set);
    }

    @Override
    public void simulateMs(double durationMs) {
        advanceTo(timeMs + durationMs);
    }

    @Override
    public void advance() {
        advanceTo(timeMs + readout.windowMs());
        ObjectNode observe = ExternalProcess.op("observe");
        ArrayNode names = observe.putArray("names");
        observables.forEach(names::add);
        JsonNode got = timed(observe).path("values");
        int bins = readout.bins();
        double[] out = new double[bins * observables.size()];
        for (int q = 0; q < observables.size(); q++) {
            JsonNode series = got.path(observables.get(q));
            if (!series.isArray() || series.size() != bins) {
                throw new ExternalMemberException(process.member() + ": request 'observe': answered out of protocol: '"
                        + observables.get(q) + "' should be " + bins + " numbers (one per " + readout.binMs()
                        + " ms bin), got " + series);
            }
            for (int b = 0; b < bins; b++) {
                out[b * observables.size() + q] = series.get(b).asDouble();
            }
        }
        predicted = out;
    }

    private void advanceTo(double toMs) {
        JsonNode answer = timed(ExternalProcess.op("advance").put("to_ms", toMs));
        double reached = answer.path("t_ms").asDouble(Double.NaN);
        if (Math.abs(reached - toMs) > 1e-6) {
            throw new ExternalMemberException(process.member() + ": request 'advance': answered out of protocol: asked to"
                    + " advance to " + toMs + " ms, the program is at " + reached + " ms");
        }
        simulationSeconds += answer.path("sim_s").asDouble(0);
        timeMs = toMs;
    }

    private JsonNode timed(ObjectNode request) {
        long t0 = System.nanoTime();
        JsonNode answer = process.request(request);
        requestSeconds += (System.nanoTime() - t0) * 1e-9;
        return answer;
    }

    @Override
    public double[] collect() {
        return predicted.clone();
    }

    /** Asks the program for the last window's spikes when it offers them ({@code "raster": true} in its hello). */
    @Override
    public void writeRaster(Path file, int maxNeurons) throws IOException {
        if (raster) {
            process.request(ExternalProcess.op("raster").put("path", file.toAbsolutePath().toString())
                    .put("max_neurons", maxNeurons));
        }
    }

    /** The parameters, the model time, then the bytes of the program's own state file. */
    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        Path file = Files.createTempFile("doka-external-", ".state");
        try {
            timed(ExternalProcess.op("save").put("path", file.toString()));
            byte[] state = Files.readAllBytes(file);
            StateIo.writeDoubles(out, values);
            out.writeDouble(timeMs);
            out.writeInt(state.length);
            out.write(state);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        double[] v = new double[values.length];
        StateIo.readDoubles(in, v, "estimated values");
        double t = in.readDouble();
        int n = in.readInt();
        if (n < 0) {
            throw new IOException(process.member() + ": the checkpoint's program state has a negative length");
        }
        byte[] state = new byte[n];
        in.readFully(state);
        Path file = Files.createTempFile("doka-external-", ".state");
        try {
            Files.write(file, state);
            double reached = timed(ExternalProcess.op("restore").put("path", file.toString())).path("t_ms").asDouble(Double.NaN);
            if (Math.abs(reached - t) > 1e-6) {
                throw new ExternalMemberException(process.member() + ": request 'restore': answered out of protocol: the"
                        + " state was saved at " + t + " ms, the program says " + reached + " ms");
            }
        } finally {
            Files.deleteIfExists(file);
        }
        timeMs = t;
        distribute(v);
    }

    /** Wall seconds the program reported simulating (its answers to advance). */
    public double simulationSeconds() {
        return simulationSeconds;
    }

    /** Wall seconds from sending each request to reading its answer, summed: simulation plus the protocol's cost. */
    public double requestSeconds() {
        return requestSeconds;
    }

    /** The program's resident memory, outside the JVM (-1: unknown). */
    public long residentBytes() {
        return process.residentBytes();
    }

    @Override
    public int neurons() {
        return neurons;
    }

    @Override
    public long synapses() {
        return synapses;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s, an external member (protocol %d): %,d neurons, %,d synapses", program,
                PROTOCOL, neurons, synapses);
    }

    @Override
    public void close() {
        process.close();
    }
}
