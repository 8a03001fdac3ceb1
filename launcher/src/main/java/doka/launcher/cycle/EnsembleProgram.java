package doka.launcher.cycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

import doka.launcher.checkpoint.CheckpointFile;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.ConfigFingerprint;
import doka.launcher.checkpoint.FileDigest;
import doka.launcher.checkpoint.FileHeader;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.mpi.Communicators;
import doka.launcher.experiment.Experiments;
import doka.launcher.mpi.EnsembleLayout;
import mpi.MPI;

/**
 * The assimilation cycle on one rank (a rank program for {@code MulticoreWorld} or
 * {@code ProcessWorld}): {@code args = {runDir, threadsPerRank[, checkpoint]}}; the run directory
 * holds the resolved configuration {@code config.json}; {@code checkpoint} names a verified
 * checkpoint directory of {@code runDir/checkpoints} to continue from.
 *
 * <p>Each window: every member advances and predicts its observations; member leaders send
 * {filter vector, predictions, simulation seconds} over the couple communicator to the analysis
 * root (world rank 0), which analyses and scatters the analysis rows back, in member order, each
 * followed by two flags: checkpoint now, and stop after it. Members apply the analysis and go on
 * from their own dynamic state. Only filter vectors, predictions and flags travel. At a checkpoint
 * every member leader writes its member's state in parallel and sends the file's digest to the root,
 * which then writes the filter state and the manifest. Returns the run summary (JSON) on the root
 * ({@link CycleRoot#STOPPED} JSON when it stopped on request), null elsewhere.
 */
public final class EnsembleProgram implements Function<String[], Object> {
    @Override
    public Object apply(String[] args) {
        Path runDir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        String resumeFrom = args.length > 2 ? args[2] : "";
        StopRequest.install(runDir);
        EnsembleConfig config = ConfigReader.read(runDir.resolve("config.json"));
        byte[] experimentId = ConfigFingerprint.of(runDir.resolve("config.json")).experimentId();
        Communicators comms = Communicators.split(new EnsembleLayout(config.members(), config.ranksPerMember()));
        Experiment experiment = Experiments.create(config, runDir);
        Member member = experiment.newMember(comms.memberIndex(), comms.member(), threads);
        int dim = experiment.transforms().length;
        CheckpointStore store = new CheckpointStore(runDir);

        int first = 0;
        Path resumeDir = null;
        if (!resumeFrom.isEmpty()) {
            resumeDir = store.root().resolve(resumeFrom);
            first = restore(resumeDir, experimentId, comms.memberIndex(), member);
        }
        // every member is built (and restored) before the clock starts: building is not cycle overhead
        MPI.COMM_WORLD.Barrier();
        CycleRoot root = comms.analysisRoot() ? new CycleRoot(config, experiment, runDir, experimentId, resumeDir) : null;
        int windows = config.windows().count();
        for (int w = first; w < windows; w++) {
            long t0 = System.nanoTime();
            double[] predicted = member.advance(w);
            double simSeconds = (System.nanoTime() - t0) * 1e-9;
            // the analysis row, then the checkpoint and stop flags
            double[] analysisRow = new double[dim + 2];
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
                double[] rows = new double[config.members() * (dim + 2)];
                if (root != null) {
                    double[] analysis = root.analyse(w, gathered, dim, p, g0);
                    CycleRoot.Boundary b = root.boundary(w + 1);
                    for (int m = 0; m < config.members(); m++) {
                        System.arraycopy(analysis, m * dim, rows, m * (dim + 2), dim);
                        rows[m * (dim + 2) + dim] = b.checkpoint() ? 1 : 0;
                        rows[m * (dim + 2) + dim + 1] = b.stop() ? 1 : 0;
                    }
                }
                comms.couple().Scatter(rows, 0, dim + 2, MPI.DOUBLE, analysisRow, 0, dim + 2, MPI.DOUBLE, 0);
            }
            if (config.ranksPerMember() > 1) {
                comms.member().Bcast(analysisRow, 0, dim + 2, MPI.DOUBLE, 0);
            }
            member.setFilterVector(Arrays.copyOf(analysisRow, dim));
            if (analysisRow[dim] != 0 && comms.memberLeader()) {
                checkpoint(store, experimentId, comms, config.members(), w + 1, member, root);
            } else if (analysisRow[dim] != 0) {
                saveOtherRank(member);
            }
            if (root != null) {
                root.windowDone(w, t0);
            }
            if (analysisRow[dim + 1] != 0) {
                return root == null ? null : root.stopped(w + 1);
            }
        }
        return root == null ? null : root.finish();
    }

    /**
     * Writes this member's state into the checkpoint of {@code windowsDone} (the root made the
     * directory before it sent the flag) and sends the file's digest to the root, which completes
     * the checkpoint once every member's file is on disk.
     */
    private static void checkpoint(CheckpointStore store, byte[] experimentId, Communicators comms, int members,
            int windowsDone, Member member, CycleRoot root) {
        int index = comms.memberIndex();
        Path file = store.dir(windowsDone).resolve(CheckpointStore.memberFile(index));
        FileDigest digest;
        try {
            digest = CheckpointFile.write(file, memberHeader(experimentId, index, windowsDone), member::saveState);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint file " + file, e);
        }
        long[] send = digest.toLongs();
        long[] all = new long[members * send.length];
        comms.couple().Gather(send, 0, send.length, MPI.LONG, all, 0, send.length, MPI.LONG, 0);
        if (root != null) {
            root.completeCheckpoint(windowsDone, all);
        }
    }

    /**
     * The other ranks of a member take part in its snapshot (a split member's rank 0 gathers
     * their parts into the one file it writes); what they write themselves goes nowhere.
     */
    private static void saveOtherRank(Member member) {
        try {
            member.saveState(new java.io.DataOutputStream(java.io.OutputStream.nullOutputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot this rank's part of the member", e);
        }
    }

    static FileHeader memberHeader(byte[] experimentId, int member, int windowsDone) {
        return new FileHeader(CheckpointFile.MEMBER_FORMAT, CheckpointFile.VERSION, experimentId, member, windowsDone);
    }

    /** Restores this rank's member from its file in {@code dir} (every rank of a member reads it); returns the window to go on with. */
    private static int restore(Path dir, byte[] experimentId, int index, Member member) {
        int windowsDone = CheckpointStore.windowOf(dir);
        CheckpointFile.read(dir.resolve(CheckpointStore.memberFile(index)), memberHeader(experimentId, index, windowsDone),
                in -> {
                    member.restoreState(in);
                    return null;
                });
        return windowsDone;
    }
}
