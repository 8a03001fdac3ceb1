package doka.launcher.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The {@code checkpoints/} folder of a run directory: one {@code window-NNNNNN/} directory per
 * checkpointed window boundary (NNNNNN = windows completed). Finds the newest complete and valid
 * checkpoint, and keeps the newest K complete ones, deleting older ones only after a newer one is
 * complete.
 */
public final class CheckpointStore {
    public static final String FOLDER = "checkpoints";
    public static final String FILTER_FILE = "filter.state";
    public static final String CONFIG_FILE = "config.json";
    /** The files written by {@link CheckpointFile}, with a checksummed footer of their own. */
    static final String STATE_SUFFIX = ".state";
    private static final Pattern NAME = Pattern.compile("window-(\\d{6,})");

    private final Path root;

    public CheckpointStore(Path runDir) {
        this.root = runDir.resolve(FOLDER);
    }

    public Path root() {
        return root;
    }

    public Path dir(int windowsDone) {
        return root.resolve(name(windowsDone));
    }

    public static String name(int windowsDone) {
        return String.format(Locale.ROOT, "window-%06d", windowsDone);
    }

    public static String memberFile(int member) {
        return String.format(Locale.ROOT, "member-%04d.state", member);
    }

    /**
     * Makes an empty directory for a new checkpoint. A directory of that name can only be an
     * incomplete or invalid leftover (the run continues from an older checkpoint), so it goes.
     */
    public Path prepare(int windowsDone) throws IOException {
        Path dir = dir(windowsDone);
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
        Files.createDirectories(dir);
        return dir;
    }

    /** Checkpoint directories by window, oldest first (complete or not). */
    public List<Path> all() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isDirectory(p) && NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(CheckpointStore::windowOf)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    public static int windowOf(Path dir) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(dir + " is not a checkpoint directory (window-NNNNNN)");
        }
        return Integer.parseInt(m.group(1));
    }

    /** A checkpoint found valid, with its manifest. */
    public record Found(Path dir, Manifest manifest) {
    }

    /**
     * The newest checkpoint whose manifest is present and whose files all have the listed sizes and
     * checksums, or null when there is none. Every newer one that fails is reported to {@code warn}
     * (naming the directory and the reason) and set aside as {@code window-NNNNNN.corrupt} when
     * {@code setAside}, so that it is neither used nor deleted: it stays for inspection.
     */
    public Found newestValid(Consumer<String> warn, boolean setAside) {
        List<Path> dirs = new ArrayList<>(all());
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Path dir = dirs.get(i);
            try {
                return new Found(dir, verify(dir));
            } catch (CheckpointException e) {
                boolean incomplete = !Files.exists(dir.resolve(Manifest.FILE));
                String reason = e.getMessage();
                if (incomplete) {
                    warn.accept("warning: skipping checkpoint " + dir.getFileName() + ": incomplete (no "
                            + Manifest.FILE + "; the run stopped while writing it)");
                } else {
                    Path aside = setAside ? setAside(dir) : dir;
                    warn.accept("warning: skipping checkpoint " + dir.getFileName() + ": " + reason
                            + (setAside ? "; moved to " + aside.getFileName() + " for inspection" : ""));
                }
            }
        }
        return null;
    }

    private static Path setAside(Path dir) {
        Path target = dir.resolveSibling(dir.getFileName() + ".corrupt");
        for (int k = 2; Files.exists(target); k++) {
            target = dir.resolveSibling(dir.getFileName() + ".corrupt-" + k);
        }
        try {
            return Files.move(dir, target);
        } catch (IOException e) {
            return dir;
        }
    }

    /**
     * Checks a checkpoint: its manifest, the size and checksum (CRC32C; CRC32 and SHA-256 in manifest version 1) of
     * every file it lists, and the footer checksum of each state file.
     *
     * @throws CheckpointException naming the file and what was expected
     */
    public static Manifest verify(Path dir) {
        Manifest m = Manifest.read(dir);
        if (m.windowsDone() != windowOf(dir)) {
            throw new CheckpointException(dir.resolve(Manifest.FILE) + ": says window " + m.windowsDone()
                    + ", the directory name " + windowOf(dir));
        }
        List<String> required = new ArrayList<>(List.of(FILTER_FILE, CONFIG_FILE));
        for (int k = 0; k < m.members(); k++) {
            required.add(memberFile(k));
        }
        for (String name : required) {
            if (m.files().stream().noneMatch(f -> f.name().equals(name))) {
                throw new CheckpointException(dir.resolve(Manifest.FILE) + ": does not list " + name);
            }
        }
        for (FileDigest expected : m.files()) {
            Path file = dir.resolve(expected.name());
            FileDigest found = digestLike(file, expected);
            if (found.size() != expected.size()) {
                throw new CheckpointException(file + ": " + found.size() + " bytes, the manifest says " + expected.size()
                        + (found.size() < expected.size() ? " (truncated)" : ""));
            }
            if (!found.equals(expected)) {
                throw new CheckpointException(file + ": checksum mismatch (" + found.checksums() + "; manifest "
                        + expected.checksums() + "): corrupted");
            }
            if (expected.name().endsWith(STATE_SUFFIX)) {
                // the file's own footer too: a manifest re-hashed to match a damaged file must not make it valid
                try {
                    CheckpointFile.verifyFooter(file, found.size());
                } catch (IOException e) {
                    throw new CheckpointException(file + ": cannot be read: " + e.getMessage(), e);
                }
            }
        }
        return m;
    }

    /** Size and CRC32C of a file, as a manifest of this version lists it. */
    public static FileDigest digest(Path file) {
        CRC32C crc = new CRC32C();
        long size = scan(file, (buf, n) -> crc.update(buf, 0, n));
        return FileDigest.ofCrc32c(file.getFileName().toString(), size, crc.getValue());
    }

    /** The digest of {@code file} computed as {@code recorded} was: CRC32C, or CRC32 and SHA-256 (manifest version 1). */
    public static FileDigest digestLike(Path file, FileDigest recorded) {
        if (!recorded.legacy()) {
            return digest(file);
        }
        MessageDigest sha = CheckpointFile.sha256();
        CRC32 crc = new CRC32();
        long size = scan(file, (buf, n) -> {
            sha.update(buf, 0, n);
            crc.update(buf, 0, n);
        });
        return new FileDigest(file.getFileName().toString(), size, null, Long.toHexString(crc.getValue()),
                HexFormat.of().formatHex(sha.digest()));
    }

    private interface Block {
        void accept(byte[] buf, int n);
    }

    /** Reads {@code file} in blocks of 1 MiB; returns its size. */
    private static long scan(Path file, Block block) {
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                block.accept(buf, n);
                size += n;
            }
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": missing");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return size;
    }

    /**
     * Retention, after checkpoint {@code newest} became complete: keeps the newest {@code keep}
     * complete checkpoints up to it and deletes older ones, and deletes incomplete directories older
     * than it (leftovers of a kill during a write). Directories after it are leftovers of a run that
     * went further before it was resumed from an older checkpoint: they go too, since the run now
     * rewrites that future. Set-aside {@code .corrupt} directories are left alone.
     *
     * @return the directories deleted
     */
    public List<Path> retain(int newest, int keep) throws IOException {
        List<Path> deleted = new ArrayList<>();
        int complete = 0;
        List<Path> dirs = new ArrayList<>(all());
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Path dir = dirs.get(i);
            int w = windowOf(dir);
            boolean hasManifest = Files.exists(dir.resolve(Manifest.FILE));
            boolean delete;
            if (w > newest) {
                delete = true;
            } else if (w == newest) {
                delete = false;
                complete++;
            } else if (hasManifest) {
                complete++;
                delete = complete > keep;
            } else {
                delete = true;
            }
            if (delete) {
                deleteTree(dir);
                deleted.add(dir);
            }
        }
        return deleted;
    }

    /**
     * Deletes a checkpoint directory, its manifest first, so that a kill in the middle leaves an
     * incomplete checkpoint (ignored) rather than a damaged complete one.
     */
    static void deleteTree(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(Manifest.FILE));
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
