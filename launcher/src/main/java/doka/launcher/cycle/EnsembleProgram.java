package doka.launcher.cycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;

import doka.engine.member.Member;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.ConfigFingerprint;
import doka.launcher.checkpoint.FileDigest;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.experiment.Experiments;
import doka.launcher.mpi.Communicators;
import doka.launcher.mpi.EnsembleLayout;
import mpi.MPI;

/**
 * The assimilation cycle on one rank (a rank program for {@code MulticoreWorld} or
 * {@code ProcessWorld}): {@code args = {runDir, threadsPerRank[, checkpoint[, holdBeforeManifest]]}};
 * the run directory holds the resolved configuration {@code config.json}; {@code checkpoint} names a
 * verified checkpoint directory of {@code runDir/checkpoints} to continue from ("" for none);
 * {@code holdBeforeManifest} is {@link CheckpointWriter.HoldBeforeManifest}'s test hook.
 *
 * <p>Each window every member advances and its leader reports {estimated, predicted, seconds} over
 * the couple communicator to the analysis root (world rank 0), which analyses and answers each member
 * with a directive {analysis, checkpoint?, stop?} ({@link WindowCodec}). Members take the analysis and
 * go on from their own dynamic state. At a checkpoint every member leader writes its member's file in
 * parallel and sends the file's digest to the root, which then completes the checkpoint. Returns the
 * run summary (JSON) on the root ({@link CycleRoot#STOPPED} JSON when it stopped on request), null
 * elsewhere.
 */
public final class EnsembleProgram implements Function<String[], Object> {
    @Override
    public Object apply(String[] args) {
        Path runDir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        String resumeFrom = args.length > 2 ? args[2] : "";
        var hold = CheckpointWriter.HoldBeforeManifest.parse(args.length > 3 ? args[3] : "");

        // init: every member is built (and restored) before the clock starts: building is not cycle overhead
        StopRequest.install(runDir);
        EnsembleConfig config = ConfigReader.read(runDir.resolve("config.json"));
        byte[] experimentId = ConfigFingerprint.of(runDir.resolve("config.json")).experimentId();
        Communicators comms = Communicators.split(new EnsembleLayout(config.members(), config.ranksPerMember()));
        Experiment experiment = Experiments.create(config, runDir);
        Member member = experiment.members().build(comms.memberIndex(), comms.member(), threads);
        Path resumeDir = resumeFrom.isEmpty() ? null : new CheckpointStore(runDir).root().resolve(resumeFrom);
        int first = resumeDir == null ? 0 : CheckpointWriter.restoreMember(resumeDir, experimentId, comms.memberIndex(), member);
        MPI.COMM_WORLD.Barrier();
        CycleRoot root = comms.analysisRoot() ? new CycleRoot(config, experiment, runDir, experimentId, resumeDir, hold) : null;
        Rank rank = new Rank(config, experiment, comms, member, root, runDir, experimentId);

        // the cycle
        for (int w = first; w < config.windows().count(); w++) {
            if (rank.window(w).stop()) {
                member.close();
                return root == null ? null : root.stopped(w + 1);
            }
        }
        // finalize
        member.close();
        return root == null ? null : root.finish();
    }

    /** One rank's part of each window. */
    private record Rank(EnsembleConfig config, Experiment experiment, Communicators comms, Member member, CycleRoot root,
            Path runDir, byte[] experimentId) {

        /** Advances, reports, takes the directive (and checkpoints if told); returns the directive. */
        WindowCodec.Directive window(int w) {
            long t0 = System.nanoTime();
            member.advance();
            double[] predicted = member.collect();
            try {
                experiment.members().windowDone(member, comms.memberIndex(), w);
            } catch (IOException e) {
                throw new UncheckedIOException("member " + comms.memberIndex() + ": cannot write its outputs of window " + w, e);
            }
            double simSeconds = (System.nanoTime() - t0) * 1e-9;
            WindowCodec codec = new WindowCodec(config.members(), experiment.layout().dim(), predicted.length);
            double[] row = new double[codec.directiveLength()];
            if (comms.memberLeader()) {
                double[] report = codec.pack(new WindowCodec.Report(member.estimated(), predicted, simSeconds));
                // MPJ touches the receive buffer on every rank: full size everywhere.
                double[] gathered = new double[config.members() * report.length];
                comms.couple().Gather(report, 0, report.length, MPI.DOUBLE, gathered, 0, report.length, MPI.DOUBLE, 0);
                double[] directives = new double[config.members() * row.length];
                if (root != null) {
                    double[] analysis = root.analyse(w, codec.unpackReports(gathered));
                    CheckpointWriter.Boundary b = root.boundary(w + 1);
                    directives = codec.packDirectives(analysis, b.checkpoint(), b.stop());
                }
                comms.couple().Scatter(directives, 0, row.length, MPI.DOUBLE, row, 0, row.length, MPI.DOUBLE, 0);
            }
            if (config.ranksPerMember() > 1) {
                comms.member().Bcast(row, 0, row.length, MPI.DOUBLE, 0);
            }
            WindowCodec.Directive d = codec.unpackDirective(row);
            member.distribute(d.analysis());
            if (d.checkpoint()) {
                checkpoint(w + 1);
            }
            if (root != null) {
                root.windowDone(w, t0);
            }
            return d;
        }

        /**
         * Writes this member's file into the checkpoint of {@code windowsDone} (the root made the directory
         * before it sent the flag); the leaders send the files' digests to the root, which completes it.
         */
        private void checkpoint(int windowsDone) {
            if (!comms.memberLeader()) {
                CheckpointWriter.snapshotOtherRank(member);
                return;
            }
            FileDigest digest = CheckpointWriter.writeMember(runDir, experimentId, comms.memberIndex(), windowsDone, member);
            long[] send = digest.toLongs();
            long[] all = new long[config.members() * send.length];
            comms.couple().Gather(send, 0, send.length, MPI.LONG, all, 0, send.length, MPI.LONG, 0);
            if (root != null) {
                root.completeCheckpoint(windowsDone, all);
            }
        }
    }
}
