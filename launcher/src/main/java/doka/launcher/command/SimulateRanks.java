package doka.launcher.command;

import doka.launcher.EnsembleRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.launcher.cycle.Progress;
import doka.launcher.simulate.CortexRun;
import doka.launcher.mpi.MpjRankComm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mpi.MPI;

/**
 * {@code simulate <model.json> --ranks P}: one cortex member split into tiles over the ranks of
 * an MPJ world. Every rank builds and runs its tile; rank 0 writes the outputs and returns the
 * summary (with its share), the other ranks return their share.
 *
 * <p>Arguments: model file, data directory, t_sim ms, warm-up ms, seed, threads per rank,
 * density scale, output directory, NWB file, "quiet" or ""; empty strings keep the model file's values.
 */
public final class SimulateRanks implements Function<String[], Object> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs the split member on {@code ranks} ranks of {@code device}; returns each rank's result line. */
    static List<String> run(int ranks, EnsembleRunner.Device device, String[] args) {
        Duration timeout = Duration.ofDays(30);
        String[] perRank = args.clone();
        if (perRank[5].isEmpty()) {
            perRank[5] = Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / ranks));
        }
        return EnsembleRunner.runWorld(device, ranks, timeout, "-Xmx4g", SimulateRanks.class.getName(), perRank);
    }

    /** The model file with the command line's overrides. */
    static CortexModel model(String[] args) throws IOException {
        Map<String, String> vars = args[1].isEmpty() ? Map.of() : Map.of("DOKA_ALLEN", args[1]);
        CortexModel m = CortexModel.read(Path.of(args[0]), vars);
        CortexModel.RunSpec r = m.run();
        m = m.withRun(new CortexModel.RunSpec(r.dtMs(), or(args[2], r.tSimMs()), or(args[3], r.warmupMs()), r.binMs(),
                args[4].isEmpty() ? r.seed() : Long.parseLong(args[4]),
                args[5].isEmpty() ? r.threads() : Integer.parseInt(args[5])));
        return args[6].isEmpty() ? m : m.withDensityScale(Double.parseDouble(args[6]));
    }

    private static double or(String value, double fallback) {
        return value.isEmpty() ? fallback : Double.parseDouble(value);
    }

    /** The "rank_share" object of a summary line. */
    static String shareOf(String summary) {
        try {
            return JSON.writeValueAsString(JSON.readTree(summary).get("rank_share"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rank 0's summary", e);
        }
    }

    @Override
    public Object apply(String[] args) {
        try {
            CortexModel m = model(args);
            MpjRankComm comm = new MpjRankComm(MPI.COMM_WORLD);
            CortexRun.Summary s = CortexRun.run(m, CortexNetwork.loadInputs(m), args[7].isEmpty() ? null : Path.of(args[7]),
                    args[8].isEmpty() ? null : Path.of(args[8]), comm, Progress.onStandardError(args[9].equals("quiet")));
            String json = s.toJson();
            if (comm.rank() == 0) {
                return json;
            }
            JsonNode share = JSON.readTree(json).get("rank_share");
            return JSON.writeValueAsString(share);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
