package doka.launcher.cycle;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import doka.engine.member.Member;
import doka.launcher.checkpoint.CheckpointException;
import doka.launcher.checkpoint.CheckpointFile;
import doka.launcher.checkpoint.CheckpointPolicy;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.ConfigFingerprint;
import doka.launcher.checkpoint.FileDigest;
import doka.launcher.checkpoint.FileHeader;
import doka.launcher.checkpoint.Manifest;
import doka.launcher.checkpoint.RootState;
import doka.launcher.checkpoint.StopRequest;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.experiment.TwinTruth;

/**
 * Checkpoints of a run: the root decides at each window boundary whether one is due (the policy,
 * a stop request, a collapse) and makes its directory, and captures its own state; every task leader
 * then writes its members' files, in parallel and in the background while the next window runs
 * ({@code EnsembleProgram}); the root completes the checkpoint with the filter state, a copy of the
 * configuration and, last and atomically, the manifest. Restoring reads the same files back.
 */
final class CheckpointWriter {
    /** What the root decided at a window boundary; it travels to every rank with the analysis. */
    record Boundary(boolean checkpoint, boolean stop) {
    }

    private final EnsembleConfig config;
    private final Path runDir;
    private final byte[] experimentId;
    private final CheckpointStore store;
    private final CheckpointPolicy policy;
    private final Progress progress;
    private final HoldBeforeManifest hold;
    private Captured captured;
    private long totalBytes;
    private double totalSeconds;

    /**
     * Pauses the root before it writes the manifest of a window: for the tests of a kill in the middle
     * of a checkpoint write ("{@code <window>:<file>}": create the file, then wait to be killed).
     */
    record HoldBeforeManifest(int windowsDone, Path signalFile) {
        static HoldBeforeManifest parse(String spec) {
            if (spec == null || spec.isEmpty()) {
                return null;
            }
            int colon = spec.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("hold-before-manifest '" + spec + "': expected <window>:<file>");
            }
            return new HoldBeforeManifest(Integer.parseInt(spec.substring(0, colon)), Path.of(spec.substring(colon + 1)));
        }
    }

    CheckpointWriter(EnsembleConfig config, Path runDir, byte[] experimentId, long runStartNanos, Progress progress,
            HoldBeforeManifest hold) {
        this.config = config;
        this.runDir = runDir;
        this.experimentId = experimentId;
        this.store = new CheckpointStore(runDir);
        this.policy = new CheckpointPolicy(config, runStartNanos);
        this.progress = progress;
        this.hold = hold;
    }

    /**
     * Decides whether to checkpoint (and stop) after {@code windowsDone} windows ({@code forceStop}: stop, with a
     * checkpoint, whatever the policy and the stop requests say); when it does, makes the checkpoint's empty
     * directory before any member is told to write into it.
     */
    Boundary boundary(int windowsDone, boolean forceStop) {
        long now = System.nanoTime();
        boolean stop = windowsDone < config.windows().count() && (forceStop || StopRequest.requested(runDir));
        boolean checkpoint = policy.due(windowsDone, now, stop);
        if (checkpoint) {
            try {
                store.prepare(windowsDone);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the checkpoint directory " + store.dir(windowsDone), e);
            }
        }
        return new Boundary(checkpoint, stop);
    }

    /**
     * Writes member {@code index}'s file into the checkpoint of {@code windowsDone} (on its leader), from its snapshot
     * taken at that window's end; returns its digest.
     */
    static FileDigest writeMember(Path runDir, byte[] experimentId, int index, int windowsDone, byte[] snapshot) {
        Path file = new CheckpointStore(runDir).dir(windowsDone).resolve(CheckpointStore.memberFile(index));
        try {
            return CheckpointFile.write(file, memberHeader(experimentId, index, windowsDone), out -> out.write(snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint file " + file, e);
        }
    }

    /**
     * The other ranks of a member take part in its snapshot (a split member's rank 0 gathers their
     * parts into the one file it writes); what they write themselves goes nowhere.
     */
    static void snapshotOtherRank(Member member) {
        try {
            member.snapshot(new DataOutputStream(OutputStream.nullOutputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot this rank's part of the member", e);
        }
    }

    /** Restores this rank's member from its file in checkpoint {@code dir} (every rank of a member reads it); returns the windows done. */
    static int restoreMember(Path dir, byte[] experimentId, int index, Member member) {
        int windowsDone = CheckpointStore.windowOf(dir);
        CheckpointFile.read(dir.resolve(CheckpointStore.memberFile(index)), memberHeader(experimentId, index, windowsDone),
                in -> {
                    member.restore(in);
                    return null;
                });
        return windowsDone;
    }

    private static FileHeader memberHeader(byte[] experimentId, int member, int windowsDone) {
        return new FileHeader(CheckpointFile.MEMBER_FORMAT, CheckpointFile.VERSION, experimentId, member, windowsDone);
    }

    private FileHeader filterHeader(int windowsDone) {
        return new FileHeader(CheckpointFile.FILTER_FORMAT, CheckpointFile.VERSION, experimentId, FileHeader.NO_MEMBER,
                windowsDone);
    }

    /** Reads the root's state of checkpoint {@code dir}, checked against the run's ensemble size and filter vector. */
    RootState readRoot(Path dir, int windowsDone, int dim) {
        Path file = dir.resolve(CheckpointStore.FILTER_FILE);
        RootState s = CheckpointFile.read(file, filterHeader(windowsDone), RootState::read);
        if (s.members() != config.members() || s.dim() != dim) {
            throw new CheckpointException(file + ": holds " + s.members() + " members × " + s.dim()
                    + " filter components, the configuration " + config.members() + " × " + dim);
        }
        return s;
    }

    /** The root's part of a checkpoint as it was at its window's end: its state and the output files' lengths. */
    private record Captured(int windowsDone, RootState state, Map<String, Long> lengths) {
    }

    /**
     * Takes the root's state and the output files' lengths at the end of window {@code windowsDone}, for the
     * checkpoint that completes once the members' files are written (during the next window).
     */
    void capture(int windowsDone, RootState state) {
        Map<String, Long> lengths = new LinkedHashMap<>();
        try {
            for (String name : RunOutputs.FILES) {
                lengths.put(name, Files.size(runDir.resolve(name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output files' lengths in " + runDir, e);
        }
        captured = new Captured(windowsDone, state, lengths);
    }

    /**
     * Completes the checkpoint of {@code windowsDone} once every member's file is written
     * ({@code memberDigests}: {@link FileDigest#LONGS} longs per member, in member order): writes the
     * root's state and a copy of the configuration, then the manifest atomically, then applies the
     * retention (older checkpoints go only now that this one is complete).
     */
    void complete(int windowsDone, long[] memberDigests, double secondsBefore) {
        long t0 = System.nanoTime();
        Path dir = store.dir(windowsDone);
        if (captured == null || captured.windowsDone() != windowsDone) {
            throw new IllegalStateException("the checkpoint of window " + windowsDone + " was not captured");
        }
        RootState state = captured.state();
        Map<String, Long> lengths = captured.lengths();
        captured = null;
        try {
            List<FileDigest> files = new ArrayList<>();
            for (int m = 0; m < config.members(); m++) {
                files.add(FileDigest.fromLongs(CheckpointStore.memberFile(m), memberDigests, m * FileDigest.LONGS));
            }
            files.add(CheckpointFile.write(dir.resolve(CheckpointStore.FILTER_FILE), filterHeader(windowsDone),
                    state::write));
            Path configCopy = dir.resolve(CheckpointStore.CONFIG_FILE);
            Files.copy(runDir.resolve("config.json"), configCopy);
            files.add(CheckpointStore.digest(configCopy));
            List<FileDigest> inputs = new ArrayList<>();
            if (Files.exists(runDir.resolve(TwinTruth.FILE))) {
                inputs.add(CheckpointStore.digest(runDir.resolve(TwinTruth.FILE)));
            }
            ConfigFingerprint fingerprint = ConfigFingerprint.of(runDir.resolve("config.json"));
            // what the run waited for: the snapshots, the wait for the member files, the root's files
            double seconds = secondsBefore + (System.nanoTime() - t0) * 1e-9;
            Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, windowsDone, config.members(),
                    config.ranksPerMember(), HexFormat.of().formatHex(experimentId), fingerprint.full(),
                    fingerprint.essential(), Instant.now().toString(), seconds, lengths, inputs, files);
            holdIfAsked(windowsDone, dir);
            manifest.writeAtomically(dir);
            List<Path> deleted = store.retain(windowsDone, config.checkpoint().keep());
            policy.written(System.nanoTime());
            totalBytes += manifest.totalBytes();
            totalSeconds += seconds;
            progress.line(String.format(Locale.ROOT, "checkpoint %s: %d files, %.1f MB, written in %.2f s%s",
                    dir.getFileName(), files.size(), manifest.totalBytes() / 1e6, seconds,
                    deleted.isEmpty() ? "" : "; removed " + deleted.stream().map(p -> p.getFileName().toString()).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete the checkpoint " + dir, e);
        }
    }

    private void holdIfAsked(int windowsDone, Path dir) throws IOException {
        if (hold == null || hold.windowsDone() != windowsDone) {
            return;
        }
        Files.writeString(hold.signalFile(), dir.toString());
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held before the manifest of " + dir, e);
        }
    }

    /** The bytes of the checkpoints this process completed. */
    long totalBytes() {
        return totalBytes;
    }

    /** The seconds they took, from the root's decision to the manifest written. */
    double totalSeconds() {
        return totalSeconds;
    }

    Path dir(int windowsDone) {
        return store.dir(windowsDone);
    }
}
