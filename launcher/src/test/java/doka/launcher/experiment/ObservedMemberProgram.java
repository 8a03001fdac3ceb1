package doka.launcher.experiment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

import doka.engine.kernel.RankComm;
import doka.engine.member.SpikingMember;
import doka.launcher.config.ConfigReader;
import doka.launcher.mpi.MpjRankComm;
import mpi.MPI;

/**
 * Rank program of {@link TestObservedMembers}: one member of a small cortex observed through an operator, over the
 * world's ranks: warm-up, {@value #WINDOWS} windows with a snapshot after the second, then a member built afresh and
 * restored from that snapshot for the last windows. Returns the predictions of every window, then "|" and those of
 * the restored member.
 */
public final class ObservedMemberProgram implements Function<String[], Object> {
    static final int WINDOWS = 4;
    static final double WARMUP_MS = 60;

    /** A twin configuration of the small cortex with {@code operator} and its settings (a JSON object's fields). */
    static SpikingExperiment experiment(String operator, String settings) {
        Path model = Path.of("..", "ensembles", "models", "cortex-small.json").toAbsolutePath().normalize();
        String json = """
                {"name": "observed", "members": 2, "seed": 5,
                 "model": {"kind": "cortex", "file": "%s"},
                 "parameters": [{"name": "background_rate_scale", "priorMean": 1.0, "priorSd": 0.05}],
                 "observations": {"operator": "%s", "binMs": 50, "truth": {"background_rate_scale": 1.0}%s},
                 "windows": {"lengthMs": 100, "count": %d, "warmupMs": %s}}
                """.formatted(model, operator, settings, WINDOWS, WARMUP_MS);
        return Experiments.spiking(ConfigReader.parse("observed.json", json), Path.of("."));
    }

    /** The predictions, whole and after the restore; {@code snapshot} carries rank 0's snapshot to every rank. */
    static String run(SpikingExperiment exp, int threads, RankComm comm, Path snapshot) throws IOException {
        StringBuilder b = new StringBuilder();
        try (SpikingMember m = exp.model().build(exp.networkSeed(0), threads, comm, exp.readout())) {
            m.distribute(new double[] {1.0});
            m.simulateMs(WARMUP_MS);
            for (int w = 0; w < WINDOWS; w++) {
                m.advance();
                b.append(Arrays.toString(m.collect())).append('\n');
                if (w == 1) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (DataOutputStream out = new DataOutputStream(bytes)) {
                        m.snapshot(out);
                    }
                    if (comm == null || comm.rank() == 0) {
                        Files.write(snapshot, bytes.toByteArray());
                    }
                }
            }
        }
        if (comm != null) {
            comm.sum(new long[1]); // rank 0 has written the snapshot
        }
        b.append('|');
        try (SpikingMember m = exp.model().build(exp.networkSeed(0), threads, comm, exp.readout())) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(snapshot)))) {
                m.restore(in);
            }
            for (int w = 2; w < WINDOWS; w++) {
                m.advance();
                b.append(Arrays.toString(m.collect())).append('\n');
            }
        }
        return b.toString();
    }

    /** args: operator, its settings, the snapshot file. */
    @Override
    public Object apply(String[] args) {
        try {
            return run(experiment(args[0], args[1]), 1, new MpjRankComm(MPI.COMM_WORLD), Path.of(args[2]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
