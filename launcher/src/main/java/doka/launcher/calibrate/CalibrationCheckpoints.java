package doka.launcher.calibrate;

import java.io.IOException;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import doka.launcher.checkpoint.CheckpointException;
import doka.launcher.checkpoint.CheckpointFile;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.ConfigFingerprint;
import doka.launcher.checkpoint.FileDigest;
import doka.launcher.checkpoint.FileHeader;
import doka.launcher.checkpoint.Manifest;
import doka.launcher.cycle.Progress;

/**
 * Checkpoints of a calibration, in the run's format ({@code docs/checkpoints.md}): {@code checkpoints/window-NNNNNN}
 * with NNNNNN the ensembles evaluated so far. The members of a calibration keep no state between iterations (a
 * forward run is a function of its parameters and seed), so a checkpoint holds the root's file only
 * ({@value CheckpointStore#FILTER_FILE}: the ensemble to evaluate next, the prior, the diagnostics so far), a copy of
 * the configuration, and the manifest (written last, atomically) with the lengths of the iteration CSVs and the
 * digest of the targets; its {@code members} is 0: no member files.
 */
final class CalibrationCheckpoints {
    /** A restored state and the output lengths to truncate to. */
    record Restored(CalibrationRoot.State state, Map<String, Long> outputs) {
    }

    private final CalibrateConfig config;
    private final Path runDir;
    private final CheckpointStore store;
    private final Progress progress;
    private final ConfigFingerprint fingerprint;

    CalibrationCheckpoints(CalibrateConfig config, Path runDir, Progress progress) {
        this.config = config;
        this.runDir = runDir;
        this.store = new CheckpointStore(runDir);
        this.progress = progress;
        this.fingerprint = fingerprint(config);
    }

    static ConfigFingerprint fingerprint(CalibrateConfig config) {
        try {
            return ConfigFingerprint.of(new ObjectMapper().readTree(CalibrateConfigReader.toJson(config)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a checkpoint is due after {@code iterationsDone} evaluated ensembles. */
    boolean due(int iterationsDone) {
        int every = config.checkpoint().everyIterations();
        return every > 0 && iterationsDone % every == 0;
    }

    private FileHeader header(int iterationsDone) {
        return new FileHeader(CheckpointFile.FILTER_FORMAT, CheckpointFile.VERSION, fingerprint.experimentId(),
                FileHeader.NO_MEMBER, iterationsDone);
    }

    /** Writes the checkpoint of {@code state} (the outputs are flushed first, their lengths recorded). */
    void write(CalibrationRoot.State state, CalibrationRoot.CalibrationOutputs outputs) {
        long t0 = System.nanoTime();
        int done = state.iterationsDone();
        try {
            outputs.flush();
            Path dir = store.prepare(done);
            List<FileDigest> files = new ArrayList<>();
            files.add(CheckpointFile.write(dir.resolve(CheckpointStore.FILTER_FILE), header(done), state::write));
            Path configCopy = dir.resolve(CheckpointStore.CONFIG_FILE);
            Files.copy(runDir.resolve(CalibrationRun.CONFIG), configCopy);
            files.add(CheckpointStore.digest(configCopy));
            Map<String, Long> lengths = new LinkedHashMap<>();
            for (String name : CalibrationRoot.CalibrationOutputs.FILES) {
                lengths.put(name, Files.size(runDir.resolve(name)));
            }
            List<FileDigest> inputs = List.of(CheckpointStore.digest(runDir.resolve(CalibrationRun.TARGETS)));
            double seconds = (System.nanoTime() - t0) * 1e-9;
            Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, done, 0, 1,
                    HexFormat.of().formatHex(fingerprint.experimentId()), fingerprint.full(), fingerprint.essential(),
                    Instant.now().toString(), seconds, lengths, inputs, files);
            manifest.writeAtomically(dir);
            List<Path> deleted = store.retain(done, config.checkpoint().keep());
            progress.line(String.format(Locale.ROOT, "checkpoint %s: %d files, written in %.3f s%s", dir.getFileName(),
                    files.size(), seconds,
                    deleted.isEmpty() ? "" : "; removed " + deleted.stream().map(p -> p.getFileName().toString()).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of iteration " + done + " in " + runDir, e);
        }
    }

    /**
     * Reads checkpoint {@code name} (verified by the caller, {@link CheckpointStore#newestValid}): the configuration
     * must be the one it was written with, and the targets unchanged.
     */
    Restored restore(String name) {
        Path dir = store.root().resolve(name);
        Manifest manifest = CheckpointStore.verify(dir);
        check(dir, manifest, config, runDir);
        CalibrationRoot.State state = CheckpointFile.read(dir.resolve(CheckpointStore.FILTER_FILE),
                header(manifest.windowsDone()), CalibrationRoot.State::read);
        int cells = config.members() * config.parameters().size();
        if (state.ensemble().length != cells || state.prior().length != cells) {
            throw new CheckpointException(dir.resolve(CheckpointStore.FILTER_FILE) + ": holds " + state.ensemble().length
                    + " parameter values, the configuration " + config.members() + " members × "
                    + config.parameters().size());
        }
        return new Restored(state, manifest.outputs());
    }

    /** A checkpoint fits this run: same configuration (every field), same targets, its outputs still there. */
    static void check(Path dir, Manifest manifest, CalibrateConfig config, Path runDir) {
        if (!fingerprint(config).full().equals(manifest.configSha256())) {
            throw new CheckpointException(runDir.resolve(CalibrationRun.CONFIG) + ": changed since checkpoint "
                    + dir.getFileName() + "; a calibration resumes only with the configuration it started with");
        }
        for (FileDigest input : manifest.inputs()) {
            FileDigest now = CheckpointStore.digestLike(runDir.resolve(input.name()), input);
            if (!now.equals(input)) {
                throw new CheckpointException(runDir.resolve(input.name()) + ": changed since checkpoint "
                        + dir.getFileName() + " (" + now.checksums() + ", recorded " + input.checksums() + ")");
            }
        }
        doka.launcher.cycle.RunOutputs.check(runDir, manifest.outputs());
    }
}
