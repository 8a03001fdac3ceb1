package doka.launcher.cycle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * {@code ProcessWorld}): {@code args = {runDir, threadsPerRank[, checkpoint[, holdBeforeManifest[,
 * membersPerRank[, launchEpochMs]]]]}}; the run directory holds the resolved configuration
 * {@code config.json}; {@code checkpoint} names a verified checkpoint directory of
 * {@code runDir/checkpoints} to continue from ("" for none); {@code holdBeforeManifest} is
 * {@link CheckpointWriter.HoldBeforeManifest}'s test hook; {@code membersPerRank} how many members each
 * model task advances one after another (default 1); {@code launchEpochMs} when the run was launched, for
 * the start-up time.
 *
 * <p>Each window every member advances and its task's leader reports {estimated, predicted, seconds,
 * status} over the couple communicator to the analysis root (world rank 0), which analyses and answers
 * each member with a directive {analysis, checkpoint?, stop?, donor} ({@link WindowCodec}). A member that
 * failed gets its donor's state (moved over MPI when the donor is on another task) and then, as every
 * member, its analysis, and goes on from its own dynamic state. At a checkpoint every member is
 * snapshot in memory; each task leader writes its members' files in the background while the next window
 * runs (in parallel with the other tasks), then sends the files' digests to the root, which completes the
 * checkpoint (its own file, the manifest) before that window's analysis; the last window's checkpoint, and
 * a stop's, complete at once. Returns the run summary (JSON) on the root ({@link CycleRoot#STOPPED}
 * JSON when it stopped on request, on too many failed members or on a collapse), null elsewhere.
 */
public final class EnsembleProgram implements Function<String[], Object> {
    @Override
    public Object apply(String[] args) {
        Path runDir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        String resumeFrom = args.length > 2 ? args[2] : "";
        var hold = CheckpointWriter.HoldBeforeManifest.parse(args.length > 3 ? args[3] : "");
        int membersPerRank = args.length > 4 && !args[4].isEmpty() ? Integer.parseInt(args[4]) : 1;
        long launchEpochMs = args.length > 5 && !args[5].isEmpty() ? Long.parseLong(args[5]) : System.currentTimeMillis();

        // init: every member is built (and restored) before the clock starts: building is not cycle overhead
        StopRequest.install(runDir);
        EnsembleConfig config = ConfigReader.read(runDir.resolve("config.json"));
        byte[] experimentId = ConfigFingerprint.of(runDir.resolve("config.json")).experimentId();
        EnsembleLayout layout = new EnsembleLayout(config.members(), config.ranksPerMember(), membersPerRank);
        Communicators comms = Communicators.split(layout);
        Experiment experiment = Experiments.create(config, runDir);
        int[] indices = comms.memberIndices();
        // The root loads the analysis's native linear algebra while members build: a start-up cost, not the first
        // window's (0.2–0.3 s for ND4J's LAPACK at 100 members).
        Thread analysisWarmUp = comms.analysisRoot() ? warmUp(config.members()) : null;
        Member[] members = new Member[indices.length];
        for (int i = 0; i < indices.length; i++) {
            members[i] = experiment.members().build(indices[i], comms.member(), threads);
        }
        Path resumeDir = resumeFrom.isEmpty() ? null : new CheckpointStore(runDir).root().resolve(resumeFrom);
        int first = 0;
        if (resumeDir != null) {
            for (int i = 0; i < indices.length; i++) {
                first = CheckpointWriter.restoreMember(resumeDir, experimentId, indices[i], members[i]);
            }
        }
        MPI.COMM_WORLD.Barrier();
        if (analysisWarmUp != null) {
            joinUninterruptibly(analysisWarmUp);
        }
        CycleRoot root = comms.analysisRoot()
                ? new CycleRoot(config, experiment, runDir, experimentId, resumeDir, hold, layout, launchEpochMs) : null;
        Rank rank = new Rank(config, experiment, comms, indices, members, root, runDir, experimentId,
                InjectedFault.read(runDir));

        // the cycle
        for (int w = first; w < config.windows().count(); w++) {
            if (rank.window(w).stop()) {
                rank.close();
                close(members);
                return root == null ? null : root.stopped(w + 1);
            }
        }
        // finalize
        rank.close();
        close(members);
        return root == null ? null : root.finish();
    }

    private static void close(Member[] members) {
        for (Member m : members) {
            m.close();
        }
    }

    /** One rank's part of each window, for each of its task's members. */
    private static final class Rank {
        private final EnsembleConfig config;
        private final Experiment experiment;
        private final Communicators comms;
        private final int[] indices;
        private final Member[] members;
        private final CycleRoot root;
        private final Path runDir;
        private final byte[] experimentId;
        private final List<InjectedFault> faults;
        /** Writes a task's member files in the background, on its leader. */
        private final ExecutorService writer;
        /** The checkpoint whose files are being written while the next window runs, or null. */
        private Pending pending;
        /** How long the members waited for their snapshots of the pending checkpoint. */
        private double snapshotWaitSeconds;

        /**
         * A checkpoint of {@code windowsDone} whose members' snapshots are being taken and files written (their
         * digests, in member order), and the seconds the run waited to start it.
         */
        private record Pending(int windowsDone, List<CompletableFuture<byte[]>> snapshots, Future<long[]> digests,
                double startSeconds) {
        }

        Rank(EnsembleConfig config, Experiment experiment, Communicators comms, int[] indices, Member[] members,
                CycleRoot root, Path runDir, byte[] experimentId, List<InjectedFault> faults) {
            this.config = config;
            this.experiment = experiment;
            this.comms = comms;
            this.indices = indices;
            this.members = members;
            this.root = root;
            this.runDir = runDir;
            this.experimentId = experimentId;
            this.faults = faults;
            this.writer = comms.memberLeader() ? Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "checkpoint-writer-task-" + comms.task());
                t.setDaemon(true);
                return t;
            }) : null;
        }

        void close() {
            if (writer != null) {
                writer.shutdownNow();
            }
        }

        /** Advances, reports, takes the directives (replacing failed members, checkpointing if told); returns the directive. */
        WindowCodec.Directive window(int w) {
            long t0 = System.nanoTime();
            int dim = experiment.layout().dim();
            Advanced[] advanced = new Advanced[members.length];
            int predictions = -1;
            for (int i = 0; i < members.length; i++) {
                advanced[i] = advance(i, w);
                if (advanced[i].predicted != null) {
                    predictions = advanced[i].predicted.length;
                }
            }
            completePending();
            EnsembleLayout layout = comms.layout();
            WindowCodec rowCodec = new WindowCodec(config.members(), dim, 0);
            int directiveLength = rowCodec.directiveLength();
            double[] rows = new double[members.length * directiveLength];
            if (comms.memberLeader()) {
                // a task whose members all threw does not know how many predictions a window has: the others tell it
                int[] p = {predictions};
                comms.couple().Allreduce(p, 0, p, 0, 1, MPI.INT, MPI.MAX);
                WindowCodec codec = new WindowCodec(config.members(), dim, Math.max(0, p[0]));
                int reportLength = codec.reportLength();
                double[] report = new double[members.length * reportLength];
                for (int i = 0; i < members.length; i++) {
                    System.arraycopy(codec.pack(advanced[i].report(dim, codec.predictions())), 0, report, i * reportLength,
                            reportLength);
                }
                // MPJ touches the receive buffer on every rank: full size everywhere.
                double[] gathered = new double[config.members() * reportLength];
                gather(comms.couple(), report, report.length, MPI.DOUBLE, gathered, layout, reportLength);
                double[] directives = new double[config.members() * directiveLength];
                if (root != null) {
                    directives = root.window(w, codec.unpackReports(gathered), codec);
                }
                scatter(comms.couple(), directives, rows, layout, directiveLength);
            }
            if (config.ranksPerMember() > 1) {
                comms.member().Bcast(rows, 0, rows.length, MPI.DOUBLE, 0);
            }
            WindowCodec.Directive[] d = new WindowCodec.Directive[members.length];
            for (int i = 0; i < members.length; i++) {
                d[i] = rowCodec.unpackDirective(Arrays.copyOfRange(rows, i * directiveLength, (i + 1) * directiveLength));
            }
            if (d[0].replacements()) {
                replace(root == null ? null : root.donors());
            }
            // a stop without a checkpoint (too many members failed) carries no analysis: nothing to distribute
            for (int i = 0; i < members.length && (!d[0].stop() || d[0].checkpoint()); i++) {
                members[i].distribute(d[i].analysis());
            }
            if (d[0].checkpoint()) {
                // the last window's and a stop's checkpoint complete now; the others while the next window runs
                checkpoint(w + 1, d[0].stop() || w + 1 == config.windows().count());
            }
            if (root != null) {
                root.windowDone(w, t0);
            }
            return d[0];
        }

        /** What one member did in a window: its predictions (null when it threw), seconds, estimated values. */
        private record Advanced(double[] estimated, double[] predicted, double seconds) {
            WindowCodec.Report report(int dim, int predictions) {
                if (predicted == null || predicted.length != predictions || estimated.length != dim) {
                    double[] nan = new double[dim];
                    Arrays.fill(nan, Double.NaN);
                    return new WindowCodec.Report(nan, new double[Math.max(0, predictions)], seconds, WindowCodec.THREW);
                }
                return new WindowCodec.Report(estimated, predicted, seconds);
            }
        }

        /** Advances member {@code i} one window; an injected fault applies here. */
        private Advanced advance(int i, int w) {
            awaitSnapshot(i);
            long t0 = System.nanoTime();
            Member member = members[i];
            InjectedFault fault = InjectedFault.find(faults, indices[i], w);
            double[] predicted;
            try {
                if (fault != null && fault.kind().equals("crash")) {
                    throw new IllegalStateException("injected crash (--inject-fault " + fault.spec() + ")");
                }
                member.advance();
                predicted = member.collect();
            } catch (RuntimeException e) {
                // the root replaces it; the log says which and when, the cause is printed here
                System.err.println("member " + indices[i] + " threw in window " + w + ": " + e);
                return new Advanced(new double[0], null, (System.nanoTime() - t0) * 1e-9);
            }
            try {
                experiment.members().windowDone(member, indices[i], w);
            } catch (IOException e) {
                throw new UncheckedIOException("member " + indices[i] + ": cannot write its outputs of window " + w, e);
            }
            if (fault != null) {
                predicted = predicted.clone();
                Arrays.fill(predicted, switch (fault.kind()) {
                    case "nan" -> Double.NaN;
                    case "silence" -> 0;
                    default -> 10 * config.faults().runawayAboveHz();
                });
            }
            return new Advanced(member.estimated(), predicted, (System.nanoTime() - t0) * 1e-9);
        }

        /**
         * Gives every failed member its donor's state, in member order: the donor's task snapshots it, its leader
         * sends the bytes to the failed member's task leader (unless the task is the same), which shares them with
         * the task's other ranks; every rank of that task restores them. The root's donors reach every rank first.
         */
        private void replace(int[] rootDonors) {
            int[] donors = rootDonors != null ? rootDonors.clone() : new int[config.members()];
            MPI.COMM_WORLD.Bcast(donors, 0, donors.length, MPI.INT, 0);
            EnsembleLayout layout = comms.layout();
            int mine = comms.task();
            for (int f = 0; f < donors.length; f++) {
                int d = donors[f];
                if (d == WindowCodec.NO_DONOR) {
                    continue;
                }
                int donorTask = layout.taskOfMember(d);
                int failedTask = layout.taskOfMember(f);
                byte[] bytes = null;
                if (mine == donorTask) {
                    bytes = snapshot(members[d - indices[0]]);
                    if (comms.memberLeader() && donorTask != failedTask) {
                        comms.couple().Send(new int[] {bytes.length}, 0, 1, MPI.INT, failedTask, 1);
                        comms.couple().Send(bytes, 0, bytes.length, MPI.BYTE, failedTask, 2);
                    }
                }
                if (mine != failedTask) {
                    continue;
                }
                if (comms.memberLeader() && donorTask != failedTask) {
                    int[] length = new int[1];
                    comms.couple().Recv(length, 0, 1, MPI.INT, donorTask, 1);
                    bytes = new byte[length[0]];
                    comms.couple().Recv(bytes, 0, bytes.length, MPI.BYTE, donorTask, 2);
                }
                if (config.ranksPerMember() > 1) {
                    int[] length = {comms.memberLeader() ? bytes.length : 0};
                    comms.member().Bcast(length, 0, 1, MPI.INT, 0);
                    if (!comms.memberLeader()) {
                        bytes = new byte[length[0]];
                    }
                    comms.member().Bcast(bytes, 0, bytes.length, MPI.BYTE, 0);
                }
                try {
                    members[f - indices[0]].restore(new DataInputStream(new ByteArrayInputStream(bytes)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot give member " + f + " the state of member " + d, e);
                }
            }
        }

        /** A member's whole snapshot on its task's leader (the other ranks send it their parts). */
        private static byte[] snapshot(Member member) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                member.snapshot(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot snapshot a member", e);
            }
            return bytes.toByteArray();
        }

        /**
         * Starts the checkpoint of {@code windowsDone} (the root made the directory before it sent the flag); the root
         * captures its own state. The task leader snapshots its members and then writes their files in the background
         * while the next window runs: a member waits for its own snapshot before it advances (members are independent
         * objects, so one is snapshot while another advances). A member split over ranks is snapshot at once instead
         * (its snapshot is a collective of the member communicator, which its next window uses too), as are a plug-in's
         * members and every member when the checkpoint completes at once ({@code now}: the last window's, a stop's).
         */
        private void checkpoint(int windowsDone, boolean now) {
            long t0 = System.nanoTime();
            if (root != null) {
                root.captureCheckpoint(windowsDone);
            }
            if (!comms.memberLeader()) {
                for (Member member : members) {
                    CheckpointWriter.snapshotOtherRank(member);
                }
                return;
            }
            List<CompletableFuture<byte[]>> snapshots = new java.util.ArrayList<>();
            // a plug-in's members are not known to be independent objects: snapshot them at once
            boolean background = !now && config.ranksPerMember() == 1
                    && !(config.model() instanceof EnsembleConfig.Model.Plugin);
            for (int i = 0; i < members.length; i++) {
                snapshots.add(new CompletableFuture<>());
            }
            Future<long[]> digests = writer.submit(() -> {
                if (background) {
                    // every snapshot first, then the files: a member waits only for the snapshots before its own
                    takeSnapshots(snapshots);
                }
                List<FileDigest> files = new java.util.ArrayList<>();
                for (int i = 0; i < members.length; i++) {
                    byte[] bytes = snapshots.get(i).join();
                    files.add(CheckpointWriter.writeMember(runDir, experimentId, indices[i], windowsDone, bytes));
                }
                // the files' syncs, started as each was closed, are awaited once for the task's members
                return FileDigest.toLongs(files);
            });
            if (!background) {
                // here, one member after another, while the writer writes the files of those before
                takeSnapshots(snapshots);
            }
            pending = new Pending(windowsDone, snapshots, digests, (System.nanoTime() - t0) * 1e-9);
            if (now) {
                completePending();
            }
        }

        /** Snapshots every member into its future, in member order; a failure fails them all (the writer stops too). */
        private void takeSnapshots(List<CompletableFuture<byte[]>> snapshots) {
            try {
                for (int i = 0; i < members.length; i++) {
                    snapshots.get(i).complete(snapshot(members[i]));
                }
            } catch (RuntimeException e) {
                snapshots.forEach(f -> f.completeExceptionally(e));
                throw e;
            }
        }

        /** Waits until member {@code i}'s snapshot for a pending checkpoint is taken (before it advances again). */
        private void awaitSnapshot(int i) {
            if (pending != null) {
                long t0 = System.nanoTime();
                pending.snapshots().get(i).join();
                snapshotWaitSeconds += (System.nanoTime() - t0) * 1e-9;
            }
        }

        /**
         * Completes the pending checkpoint, if any: waits for this task's files, and the leaders send their digests
         * to the root, which writes its own file and the manifest.
         */
        private void completePending() {
            if (pending == null) {
                return;
            }
            long t0 = System.nanoTime();
            long[] send;
            try {
                send = pending.digests().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the checkpoint of window " + pending.windowsDone(), e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
            }
            long[] all = new long[config.members() * FileDigest.LONGS];
            EnsembleLayout layout = comms.layout();
            gather(comms.couple(), send, send.length, MPI.LONG, all, layout, FileDigest.LONGS);
            if (root != null) {
                root.completeCheckpoint(pending.windowsDone(), all,
                        pending.startSeconds() + snapshotWaitSeconds + (System.nanoTime() - t0) * 1e-9);
            }
            pending = null;
            snapshotWaitSeconds = 0;
        }

        /** Each task's share of a member-major array of {@code perMember} values per member. */
        /**
         * Gathers every task's rows on the root: {@code Gather} when the tasks hold as many members each, else
         * {@code Gatherv}; the bytes gathered are the same. On MPJ's native device {@code Gather} is the MPI's own
         * collective, while {@code Gatherv} is MPJ's point-to-point messages from every task to the root.
         */
        private static void gather(mpi.Intracomm couple, Object send, int count, mpi.Datatype type, Object recv,
                                   EnsembleLayout layout, int perMember) {
            if (uniform(layout)) {
                couple.Gather(send, 0, count, type, recv, 0, count, type, 0);
            } else {
                couple.Gatherv(send, 0, count, type, recv, 0, counts(layout, perMember), displacements(layout, perMember),
                        type, 0);
            }
        }

        /** Scatters every task its rows (the counterpart of {@link #gather}). */
        private static void scatter(mpi.Intracomm couple, double[] send, double[] recv, EnsembleLayout layout,
                                    int perMember) {
            if (uniform(layout)) {
                couple.Scatter(send, 0, recv.length, MPI.DOUBLE, recv, 0, recv.length, MPI.DOUBLE, 0);
            } else {
                couple.Scatterv(send, 0, counts(layout, perMember), displacements(layout, perMember), MPI.DOUBLE, recv, 0,
                        recv.length, MPI.DOUBLE, 0);
            }
        }

        private static boolean uniform(EnsembleLayout layout) {
            for (int t = 1; t < layout.tasks(); t++) {
                if (layout.memberCount(t) != layout.memberCount(0)) {
                    return false;
                }
            }
            return true;
        }

        private static int[] counts(EnsembleLayout layout, int perMember) {
            int[] counts = new int[layout.tasks()];
            for (int t = 0; t < counts.length; t++) {
                counts[t] = layout.memberCount(t) * perMember;
            }
            return counts;
        }

        private static int[] displacements(EnsembleLayout layout, int perMember) {
            int[] displs = new int[layout.tasks()];
            for (int t = 0; t < displs.length; t++) {
                displs[t] = layout.firstMember(t) * perMember;
            }
            return displs;
        }
    }

    private static Thread warmUp(int members) {
        Thread t = new Thread(() -> {
            try {
                doka.enkf.SymmetricEigen.prepare(members);
            } catch (RuntimeException | LinkageError e) {
                // The first analysis makes the same call and reports what fails.
            }
        }, "analysis-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
