package doka.launcher.cycle;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.mpi.Communicators;
import doka.launcher.experiment.Experiments;
import doka.launcher.mpi.EnsembleLayout;
import mpi.MPI;

/**
 * The assimilation cycle on one rank (a rank program for {@code MulticoreWorld} or
 * {@code ProcessWorld}): {@code args = {runDir, threadsPerRank}}; the run directory holds the
 * resolved configuration {@code config.json}.
 *
 * <p>Each window: every member advances and predicts its observations; member leaders send
 * {filter vector, predictions, simulation seconds} over the couple communicator to the analysis
 * root (world rank 0), which analyses and scatters the analysis rows back, in member order; members
 * apply them and go on from their own dynamic state. Only filter vectors and predictions travel.
 * Returns the run summary (JSON) on the root, null elsewhere.
 */
public final class EnsembleProgram implements Function<String[], Object> {
    @Override
    public Object apply(String[] args) {
        Path runDir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        EnsembleConfig config = ConfigReader.read(runDir.resolve("config.json"));
        Communicators comms = Communicators.split(new EnsembleLayout(config.members(), config.ranksPerMember()));
        Experiment experiment = Experiments.create(config, runDir);
        Member member = experiment.newMember(comms.memberIndex(), comms.member(), threads);
        int dim = experiment.transforms().length;

        CycleRoot root = comms.analysisRoot() ? new CycleRoot(config, experiment, runDir) : null;
        int windows = config.windows().count();
        for (int w = 0; w < windows; w++) {
            long t0 = System.nanoTime();
            double[] predicted = member.advance(w);
            double simSeconds = (System.nanoTime() - t0) * 1e-9;
            double[] analysisRow = new double[dim];
            if (comms.memberLeader()) {
                double[] vector = member.filterVector();
                int p = predicted.length;
                double[] send = new double[dim + p + 1];
                System.arraycopy(vector, 0, send, 0, dim);
                System.arraycopy(predicted, 0, send, dim, p);
                send[dim + p] = simSeconds;
                // MPJ touches the receive buffer on every rank: full size everywhere.
                double[] gathered = new double[config.members() * send.length];
                long g0 = System.nanoTime();
                comms.couple().Gather(send, 0, send.length, MPI.DOUBLE, gathered, 0, send.length, MPI.DOUBLE, 0);
                double[] analysis = new double[config.members() * dim];
                if (root != null) {
                    analysis = root.analyse(w, gathered, dim, p, g0);
                }
                comms.couple().Scatter(analysis, 0, dim, MPI.DOUBLE, analysisRow, 0, dim, MPI.DOUBLE, 0);
            }
            if (config.ranksPerMember() > 1) {
                comms.member().Bcast(analysisRow, 0, dim, MPI.DOUBLE, 0);
            }
            member.setFilterVector(analysisRow);
            if (root != null) {
                root.windowDone(w, t0);
            }
        }
        return root == null ? null : root.finish();
    }

    /** Copies row {@code m} of a row-major matrix with {@code cols} columns starting at column {@code from}. */
    static double[] row(double[] matrix, int cols, int m, int from, int length) {
        return Arrays.copyOfRange(matrix, m * cols + from, m * cols + from + length);
    }
}
