package doka.launcher.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint file version 3 (CRC32C footer) and manifest version 2 (CRC32C per file), and the versions before them
 * (CRC32 footer; CRC32 and SHA-256 per file), which a resume still verifies and reads. The older checkpoint in the
 * test resources ({@code format2-manifest1/window-000002}) was written by the code of those versions (commit a7ae182):
 * two members of three doubles each (member + 0.25 i), a filter file holding one string.
 */
class TestCheckpointVersions {
    private static final String OLD = "format2-manifest1/" + CheckpointStore.name(2);
    private static final byte[] OLD_ID = new byte[16];

    static {
        Arrays.fill(OLD_ID, (byte) 7);
    }

    @TempDir
    Path run;

    /** Copies the older checkpoint into this test's run directory. */
    private Path oldCheckpoint(CheckpointStore store) throws IOException {
        Path dir = store.dir(2);
        Files.createDirectories(dir);
        for (String name : List.of(CheckpointStore.memberFile(0), CheckpointStore.memberFile(1),
                CheckpointStore.FILTER_FILE, CheckpointStore.CONFIG_FILE, Manifest.FILE)) {
            try (InputStream in = getClass().getResourceAsStream(OLD + "/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }

    private static double[] member(Path dir, int m) {
        return CheckpointFile.read(dir.resolve(CheckpointStore.memberFile(m)),
                new FileHeader(CheckpointFile.MEMBER_FORMAT, CheckpointFile.VERSION, OLD_ID, m, 2), in -> {
                    double[] v = new double[in.readInt()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = in.readDouble();
                    }
                    return v;
                });
    }

    @Test
    void aCheckpointOfTheOlderVersionsIsStillVerifiedAndRead() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        Path dir = oldCheckpoint(store);
        List<String> warnings = new ArrayList<>();
        CheckpointStore.Found found = store.newestValid(warnings::add, true);
        assertEquals(List.of(), warnings);
        assertEquals(dir, found.dir());
        assertEquals(1, found.manifest().version());
        assertTrue(found.manifest().files().stream().allMatch(FileDigest::legacy));
        assertArrayEquals(new double[] {1, 1.25, 1.5}, member(dir, 1));
        String filter = CheckpointFile.read(dir.resolve(CheckpointStore.FILTER_FILE),
                new FileHeader(CheckpointFile.FILTER_FORMAT, CheckpointFile.VERSION, OLD_ID, FileHeader.NO_MEMBER, 2),
                in -> in.readUTF());
        assertEquals("filter state after window 2", filter);
    }

    /**
     * A damaged member file of the older versions: its SHA-256 no longer matches the manifest's; with the manifest
     * re-hashed to match, the file's own CRC32 footer still refuses it, and the newer checkpoint of the new version
     * at window 1 is used instead.
     */
    @Test
    void aDamagedFileOfTheOlderVersionsIsCaughtEvenUnderAReHashedManifest() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        TestCheckpointStore.complete(store, 1);
        Path dir = oldCheckpoint(store);
        Path file = dir.resolve(CheckpointStore.memberFile(0));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - CheckpointFile.FOOTER_LENGTH - 1] ^= 0x01;
        Files.write(file, bytes);
        String msg = assertThrows(CheckpointException.class, () -> CheckpointStore.verify(dir)).getMessage();
        assertTrue(msg.contains("member-0000.state: checksum mismatch (CRC32 ") && msg.contains("SHA-256"), msg);

        TestCheckpointStore.rehash(dir);
        List<String> warnings = new ArrayList<>();
        CheckpointStore.Found found = store.newestValid(warnings::add, true);
        assertEquals(store.dir(1), found.dir());
        assertEquals(Manifest.VERSION, found.manifest().version());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("member-0000.state: checksum mismatch: footer says"), warnings.get(0));
    }

    /** The new file's footer is algorithm 1 with the CRC32C of every byte before it; the manifest's covers the whole file. */
    @Test
    void theNewVersionChecksumsWithCrc32c() throws Exception {
        Path dir = TestCheckpointStore.complete(new CheckpointStore(run), 4);
        Path file = dir.resolve(CheckpointStore.FILTER_FILE);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - CheckpointFile.FOOTER_LENGTH, CheckpointFile.FOOTER_LENGTH);
        assertEquals(CheckpointFile.FOOTER_MAGIC, footer.getInt());
        assertEquals(CheckpointFile.ALGORITHM_CRC32C, footer.getInt());
        CRC32C before = new CRC32C();
        before.update(bytes, 0, bytes.length - 8);
        assertEquals(before.getValue(), footer.getLong());
        CRC32C whole = new CRC32C();
        whole.update(bytes);
        FileDigest listed = Manifest.read(dir).files().stream().filter(f -> f.name().equals(CheckpointStore.FILTER_FILE))
                .findFirst().orElseThrow();
        assertEquals(new FileDigest(CheckpointStore.FILTER_FILE, bytes.length, Long.toHexString(whole.getValue()), null,
                null), listed);
        String json = Files.readString(dir.resolve(Manifest.FILE));
        assertTrue(json.contains("\"version\" : " + Manifest.VERSION) && json.contains("\"crc32c\""), json);
        assertFalse(json.contains("sha256") || json.contains("\"crc32\""), json);
    }

    /** A manifest of one version with a file's checksums of the other is incomplete, not silently half-checked. */
    @Test
    void aManifestWhoseChecksumsAreOfTheOtherVersionIsRefused() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        Path dir = oldCheckpoint(store);
        Path file = dir.resolve(Manifest.FILE);
        Files.writeString(file, Files.readString(file).replace("\"version\" : 1", "\"version\" : 2"));
        String msg = assertThrows(CheckpointException.class, () -> Manifest.read(dir)).getMessage();
        assertTrue(msg.contains("incomplete manifest: member-0000.state does not carry the checksums of manifest version 2"
                + " (CRC32C)"), msg);
    }
}
