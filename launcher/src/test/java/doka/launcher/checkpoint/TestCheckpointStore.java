package doka.launcher.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the newest valid checkpoint, and retention that never deletes before a newer one is complete. */
class TestCheckpointStore {
    private static final byte[] ID = new byte[16];

    @TempDir
    Path run;

    /** A complete checkpoint of two members (payloads are stand-ins; the store only checks digests). */
    static Path complete(CheckpointStore store, int window) throws IOException {
        Path dir = store.prepare(window);
        List<FileDigest> files = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            int member = m;
            files.add(CheckpointFile.write(dir.resolve(CheckpointStore.memberFile(m)),
                    new FileHeader(CheckpointFile.MEMBER_FORMAT, 1, ID, m, window), out -> out.writeInt(member)));
        }
        files.add(CheckpointFile.write(dir.resolve(CheckpointStore.FILTER_FILE),
                new FileHeader(CheckpointFile.FILTER_FORMAT, 1, ID, -1, window), out -> out.writeInt(window)));
        Files.writeString(dir.resolve(CheckpointStore.CONFIG_FILE), "{}");
        files.add(CheckpointStore.digest(dir.resolve(CheckpointStore.CONFIG_FILE)));
        new Manifest(Manifest.FORMAT, Manifest.VERSION, window, 2, 1, "00", "a", "b", "now", 0.1,
                Map.of("diagnostics.csv", 10L), List.of(), files).writeAtomically(dir);
        return dir;
    }

    @Test
    void retentionKeepsTheNewestCompleteOnesAndDropsLeftovers() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        complete(store, 1);
        complete(store, 2);
        Path partial = store.prepare(3); // killed while writing: no manifest
        complete(store, 4);
        Path future = store.prepare(9);  // left by a run that got further before it was resumed from 4
        List<Path> deleted = store.retain(4, 2);
        assertEquals(List.of(store.dir(9), store.dir(3), store.dir(1)), deleted);
        assertFalse(Files.exists(partial) || Files.exists(future));
        assertEquals(List.of(store.dir(2), store.dir(4)), store.all());
    }

    @Test
    void theNewestValidSkipsIncompleteAndDamagedOnesWithWarnings() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        complete(store, 5);
        Path damaged = complete(store, 6);
        Files.write(damaged.resolve(CheckpointStore.memberFile(1)), new byte[] {1, 2, 3});
        store.prepare(7);
        List<String> warnings = new ArrayList<>();
        CheckpointStore.Found found = store.newestValid(warnings::add, true);
        assertEquals(store.dir(5), found.dir());
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).contains("window-000007: incomplete"), warnings.get(0));
        assertTrue(warnings.get(1).contains("member-0001.state: 3 bytes, the manifest says")
                && warnings.get(1).contains("(truncated)") && warnings.get(1).contains("moved to window-000006.corrupt"),
                warnings.get(1));
        assertTrue(Files.isDirectory(store.root().resolve("window-000006.corrupt")));
    }

    @Test
    void noCheckpointAtAllIsNull() {
        assertNull(new CheckpointStore(run).newestValid(w -> { }, false));
    }

    @Test
    void aManifestMissingAFileOfTheCheckpointIsRefused() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        Path dir = complete(store, 3);
        Manifest m = Manifest.read(dir);
        new Manifest(m.format(), m.version(), 3, 3, 1, "00", "a", "b", "now", 0.1, m.outputs(), m.inputs(), m.files())
                .writeAtomically(dir);
        String msg = assertThrows(CheckpointException.class, () -> CheckpointStore.verify(dir)).getMessage();
        assertTrue(msg.endsWith("does not list member-0002.state"), msg);
    }

    @Test
    void aNewerManifestVersionIsRefusedAsTooNew() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        Path dir = complete(store, 3);
        Path file = dir.resolve(Manifest.FILE);
        int newer = Manifest.VERSION + 1;
        Files.writeString(file, Files.readString(file).replace("\"version\" : " + Manifest.VERSION, "\"version\" : " + newer));
        String msg = assertThrows(CheckpointException.class, () -> Manifest.read(dir)).getMessage();
        assertTrue(msg.contains("manifest version " + newer + " is too new"), msg);
    }

    /** A file the manifest lists, written (its fsync started) but gone before the manifest: no manifest is written. */
    @Test
    void aListedFileGoneBeforeTheManifestLeavesTheCheckpointIncomplete() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        Path dir = store.prepare(2);
        FileDigest written = CheckpointFile.write(dir.resolve(CheckpointStore.FILTER_FILE),
                new FileHeader(CheckpointFile.FILTER_FORMAT, CheckpointFile.VERSION, ID, -1, 2), out -> out.writeInt(2));
        Files.delete(dir.resolve(CheckpointStore.FILTER_FILE));
        Manifest m = new Manifest(Manifest.FORMAT, Manifest.VERSION, 2, 0, 1, "00", "a", "b", "now", 0.1, Map.of(),
                List.of(), List.of(written));
        String msg = assertThrows(CheckpointException.class, () -> m.writeAtomically(dir)).getMessage();
        assertTrue(msg.endsWith("filter.state: missing when the checkpoint was to be synced"), msg);
        assertFalse(Files.exists(dir.resolve(Manifest.FILE)));
    }

    /** Rewrites the manifest of {@code dir} with its files' checksums as they are now (of the manifest's version). */
    static void rehash(Path dir) throws IOException {
        Manifest m = Manifest.read(dir);
        List<FileDigest> rehashed = new ArrayList<>();
        for (FileDigest f : m.files()) {
            rehashed.add(CheckpointStore.digestLike(dir.resolve(f.name()), f));
        }
        Files.delete(dir.resolve(Manifest.FILE));
        new Manifest(m.format(), m.version(), m.windowsDone(), m.members(), m.ranksPerMember(), m.experimentId(),
                m.configSha256(), m.configEssentialSha256(), m.created(), m.writeSeconds(), m.outputs(), m.inputs(), rehashed)
                .writeAtomically(dir);
    }

    /**
     * A filter.state whose own CRC no longer matches its bytes, with the manifest re-hashed to the damaged file (as
     * a tool that "repairs" manifests would): the file's footer is checked too, so the previous checkpoint is used.
     */
    @Test
    void aBadFileCrcUnderAReHashedManifestFallsBackToThePreviousCheckpoint() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        complete(store, 5);
        Path damaged = complete(store, 6);
        Path filter = damaged.resolve(CheckpointStore.FILTER_FILE);
        byte[] bytes = Files.readAllBytes(filter);
        bytes[bytes.length - CheckpointFile.FOOTER_LENGTH - 1] ^= 0x40; // the payload's last byte
        Files.write(filter, bytes);
        rehash(damaged);
        List<String> warnings = new ArrayList<>();
        CheckpointStore.Found found = store.newestValid(warnings::add, true);
        assertEquals(store.dir(5), found.dir());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("filter.state: checksum mismatch: footer says"), warnings.get(0));
    }
}
