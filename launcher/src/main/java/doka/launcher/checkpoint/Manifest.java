package doka.launcher.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The last file of a checkpoint, {@value #FILE}: what the checkpoint holds and the size and
 * checksums of every other file. A checkpoint directory without it does not exist; it is written
 * atomically (temporary file, fsync, rename, fsync of the directory) after every other file.
 *
 * @param format                {@value #FORMAT}
 * @param version               manifest version ({@value #VERSION}; version 1 listed CRC32 and SHA-256 per file, and is still read)
 * @param windowsDone           windows completed: the run continues with window {@code windowsDone}
 * @param members               ensemble size
 * @param ranksPerMember        ranks per member when written
 * @param experimentId          hex of the files' experiment id
 * @param configSha256          SHA-256 of the canonical resolved configuration
 * @param configEssentialSha256 the same without the fields safe to change
 * @param created               ISO-8601 time of writing
 * @param writeSeconds          wall time from the decision to checkpoint until every file before this one was synced
 * @param outputs               byte length of each per-window output file (CSV) at this boundary
 * @param inputs                digests of input files the run read from the run directory (twin truth)
 * @param files                 every file of the checkpoint but this one
 */
public record Manifest(String format, int version, int windowsDone, int members, int ranksPerMember,
        String experimentId, String configSha256, String configEssentialSha256, String created,
        double writeSeconds, Map<String, Long> outputs, List<FileDigest> inputs, List<FileDigest> files) {
    public static final String FILE = "manifest.json";
    public static final String FORMAT = "doka-checkpoint";
    /** Version written; readers accept {@link #MIN_VERSION} … {@link #VERSION}. */
    // 2: each file's checksum is CRC32C (FileDigest.crc32c) instead of CRC32 and SHA-256
    public static final int VERSION = 2;
    public static final int MIN_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Total bytes of the checkpoint's files (without the manifest). */
    public long totalBytes() {
        return files.stream().mapToLong(FileDigest::size).sum();
    }

    /**
     * Makes the checkpoint durable and complete, in this order: every file it lists synced (in parallel, see
     * {@link Durability}; a file another process wrote was synced there before its digest left it, and costs little
     * again) and the directory synced, then {@code dir/manifest.json} atomically: temporary file,
     * fsync, rename, fsync of the directory.
     */
    public void writeAtomically(Path dir) throws IOException {
        // the listed files this process wrote are awaited (their syncs started as they were closed), the others synced
        Durability.sync(files.stream().map(f -> dir.resolve(f.name())).toList());
        Durability.syncPending();
        syncDirectory(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        byte[] bytes = JSON.writeValueAsBytes(this);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir);
    }

    private static List<FileDigest> concat(List<FileDigest> a, List<FileDigest> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** Makes a rename durable: fsync of the directory (a no-op where the platform cannot). */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems refuse to open a directory; the rename is still atomic there.
        }
    }

    /**
     * Reads {@code dir/manifest.json}.
     *
     * @throws CheckpointException when it is missing (an incomplete checkpoint), unreadable, or of another format
     */
    public static Manifest read(Path dir) {
        Path file = dir.resolve(FILE);
        Manifest m;
        try {
            m = JSON.readValue(Files.readAllBytes(file), Manifest.class);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(dir + ": incomplete: no " + FILE + " (the run stopped while writing it)");
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": not a valid manifest: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new CheckpointException(file + ": format '" + m.format() + "', expected '" + FORMAT + "'");
        }
        if (m.version() > VERSION) {
            throw new CheckpointException(file + ": manifest version " + m.version() + " is too new: this Doka reads"
                    + " versions " + MIN_VERSION + " to " + VERSION + " (written by a newer Doka: resume with it)");
        }
        if (m.version() < MIN_VERSION) {
            throw new CheckpointException(file + ": manifest version " + m.version() + " is too old: this Doka reads"
                    + " versions " + MIN_VERSION + " to " + VERSION + " (written by an older Doka: resume with it)");
        }
        if (m.files() == null || m.outputs() == null || m.inputs() == null) {
            throw new CheckpointException(file + ": incomplete manifest (files, outputs or inputs missing)");
        }
        boolean legacy = m.version() == 1;
        for (FileDigest d : concat(m.files(), m.inputs())) {
            if (!d.complete() || d.legacy() != legacy) {
                throw new CheckpointException(file + ": incomplete manifest: " + d.name() + " does not carry the"
                        + " checksums of manifest version " + m.version() + " (" + (legacy ? "CRC32 and SHA-256" : "CRC32C")
                        + ")");
            }
        }
        return m;
    }
}
