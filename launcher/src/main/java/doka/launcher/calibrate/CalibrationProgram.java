package doka.launcher.calibrate;

import java.nio.file.Path;
import java.util.function.Function;

import doka.enkf.FilterRandom;
import doka.enkf.ForwardModel;
import doka.enkf.RandomStream;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.cycle.WindowCodec;
import doka.launcher.mpi.Communicators;
import doka.launcher.mpi.EnsembleLayout;
import mpi.MPI;

/**
 * A calibration on one rank (a rank program for {@code MulticoreWorld} or {@code ProcessWorld}), in the MPI layout
 * of {@code run}: one rank per member, or R ranks of N/R members each, run one after another (configuration
 * {@code ranks}; rank r holds members r·N/R …, and every number is the same for any R):
 * {@code args = {runDir[, checkpoint]}}; the run directory holds the resolved configuration
 * {@value CalibrationRun#CONFIG}; {@code checkpoint} names a verified checkpoint of {@code runDir/checkpoints} to
 * continue from ("" for none).
 *
 * <p>A fresh start first makes the targets ({@value CalibrationRun#TARGETS}): the members run the replicate runs
 * that estimate the statistics' noise, in rounds of N, and the root adds its truth run.
 *
 * <p>Each iteration the root (world rank 0, {@link CalibrationRoot}) scatters every member its parameters over the
 * couple communicator ({@link WindowCodec}'s directive: parameters and a stop flag); member m runs the forward model
 * with seed {@code derive(CALIBRATION_RUN.seed(seed), i·N + m)}, as {@code doka.enkf.Calibrator} does, and reports
 * {parameters, statistics, seconds}; the gathered reports go into the smoother's update on the root. Members keep no
 * state between iterations, so only the root's state is checkpointed. Returns the summary JSON on the root (JSON
 * starting with {@code {"stopped"} when it stopped on request), null elsewhere.
 */
public final class CalibrationProgram implements Function<String[], Object> {
    @Override
    public Object apply(String[] args) {
        Path runDir = Path.of(args[0]);
        String resumeFrom = args.length > 1 ? args[1] : "";
        StopRequest.install(runDir);
        CalibrateConfig config = CalibrateConfigReader.read(runDir.resolve(CalibrationRun.CONFIG));
        int n = config.members();
        Communicators comms = Communicators.split(new EnsembleLayout(config.rankCount(), 1));
        int mine = n / config.rankCount();
        int firstMember = comms.memberIndex() * mine;
        ForwardModel model = ForwardModels.create(config);
        int p = ForwardModels.statistics(config).size();
        WindowCodec codec = new WindowCodec(n, config.parameters().size(), p);
        CalibrationRoot root = comms.analysisRoot()
                ? new CalibrationRoot(config, runDir, resumeFrom.isEmpty() ? null : resumeFrom) : null;
        int[] first = {root == null ? 0 : root.firstIteration()};
        MPI.COMM_WORLD.Bcast(first, 0, 1, MPI.INT, 0);
        long runSeed = RandomStream.CALIBRATION_RUN.seed(config.seed());

        int[] needTargets = {root != null && root.needsTargets() ? 1 : 0};
        MPI.COMM_WORLD.Bcast(needTargets, 0, 1, MPI.INT, 0);
        if (needTargets[0] == 1) {
            replicates(config, comms, codec, model, root, mine);
        }

        double[] directives = root == null ? new double[n * codec.directiveLength()]
                : codec.packDirectives(root.ensemble(), false, false);
        WindowCodec.Directive[] directive = scatter(comms, codec, directives, mine);
        for (int i = first[0]; !directive[0].stop(); i++) {
            double[] reports = new double[mine * codec.reportLength()];
            for (int k = 0; k < mine; k++) {
                long t0 = System.nanoTime();
                double[] statistics = model.run(directive[k].analysis(),
                        FilterRandom.derive(runSeed, (long) i * n + firstMember + k));
                double[] report = codec.pack(new WindowCodec.Report(directive[k].analysis(), statistics,
                        (System.nanoTime() - t0) * 1e-9));
                System.arraycopy(report, 0, reports, k * report.length, report.length);
            }
            double[] gathered = gather(comms, reports, n * codec.reportLength());
            if (root != null) {
                CalibrationRoot.Next next = root.iteration(i, codec.unpackReports(gathered));
                directives = codec.packDirectives(next.ensemble(), false, next.stop());
            }
            directive = scatter(comms, codec, directives, mine);
        }
        return root == null ? null : root.finish(model);
    }

    /**
     * The targets' phase of a fresh start: the replicate runs at the prior mean, replicate r = k·N + j·R + q on rank q
     * (of R) as its j-th run in round k with seed {@code derive(REPLICATE.seed(seed), r)}, as
     * {@code Calibrator.replicateVariance} runs them; then the root makes the targets (its truth run, the noise) and
     * writes them.
     */
    private static void replicates(CalibrateConfig config, Communicators comms, WindowCodec codec, ForwardModel model,
            CalibrationRoot root, int mine) {
        long t0 = System.nanoTime();
        int n = config.members();
        int total = config.noise().replicates();
        double[] at = config.parameters().stream().mapToDouble(q -> q.priorMean()).toArray();
        long seed = RandomStream.REPLICATE.seed(config.seed());
        int p = codec.predictions();
        int ranks = config.rankCount();
        int length = codec.reportLength();
        for (int round = 0; round * n < total; round++) {
            double[] reports = new double[mine * length];
            for (int k = 0; k < mine; k++) {
                // dealt round the ranks, so that fewer replicates than members still share the ranks
                int r = round * n + k * ranks + comms.memberIndex();
                long t = System.nanoTime();
                double[] statistics = r < total ? model.run(at, FilterRandom.derive(seed, r)) : new double[p];
                double[] report = codec.pack(new WindowCodec.Report(at, statistics, (System.nanoTime() - t) * 1e-9));
                System.arraycopy(report, 0, reports, k * report.length, report.length);
            }
            double[] gathered = gather(comms, reports, n * length);
            if (root != null) {
                double[] byReplicate = new double[gathered.length];
                for (int q = 0; q < ranks; q++) {
                    for (int k = 0; k < mine; k++) {
                        System.arraycopy(gathered, (q * mine + k) * length, byReplicate, (k * ranks + q) * length, length);
                    }
                }
                root.replicates(round, codec.unpackReports(byReplicate).predicted());
            }
        }
        if (root != null) {
            root.makeTargets(model, (System.nanoTime() - t0) * 1e-9);
        }
    }

    /** This rank's members' directives, in member order. */
    private static WindowCodec.Directive[] scatter(Communicators comms, WindowCodec codec, double[] directives, int mine) {
        int length = codec.directiveLength();
        double[] rows = new double[mine * length];
        comms.couple().Scatter(directives, 0, rows.length, MPI.DOUBLE, rows, 0, rows.length, MPI.DOUBLE, 0);
        WindowCodec.Directive[] out = new WindowCodec.Directive[mine];
        for (int k = 0; k < mine; k++) {
            out[k] = codec.unpackDirective(java.util.Arrays.copyOfRange(rows, k * length, (k + 1) * length));
        }
        return out;
    }

    /** Every member's reports on the root, in member order (rank r's members are a block). */
    private static double[] gather(Communicators comms, double[] reports, int total) {
        // MPJ touches the receive buffer on every rank: full size everywhere.
        double[] gathered = new double[total];
        comms.couple().Gather(reports, 0, reports.length, MPI.DOUBLE, gathered, 0, reports.length, MPI.DOUBLE, 0);
        return gathered;
    }
}
