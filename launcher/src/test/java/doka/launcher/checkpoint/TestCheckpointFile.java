package doka.launcher.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CodecUtil-style checkpoint file: round trip, and a clear error for every way it can be wrong. */
class TestCheckpointFile {
    private static final byte[] ID = new byte[16];
    private static final byte[] OTHER_ID = new byte[16];

    static {
        Arrays.fill(ID, (byte) 7);
        Arrays.fill(OTHER_ID, (byte) 9);
    }

    @TempDir
    Path dir;

    private static FileHeader header(int member, int window) {
        return new FileHeader(CheckpointFile.MEMBER_FORMAT, CheckpointFile.VERSION, ID, member, window);
    }

    /** 100 000 doubles: more than the 64 KiB the engine's reader buffers ahead. */
    private static double[] payload() {
        double[] v = new double[100_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i) * 1e3;
        }
        return v;
    }

    private Path written(int member, int window) throws IOException {
        Path file = dir.resolve("member.state");
        double[] v = payload();
        CheckpointFile.write(file, header(member, window), out -> {
            // as the engine does: its own buffered stream over ours, flushed, not closed
            DataOutputStream own = new DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
            own.writeInt(v.length);
            for (double x : v) {
                own.writeDouble(x);
            }
            own.flush();
        });
        return file;
    }

    private static double[] readPayload(Path file, FileHeader expected) {
        return CheckpointFile.read(file, expected, in -> {
            var buffered = new java.io.DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
            double[] v = new double[buffered.readInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = buffered.readDouble();
            }
            // a reader that buffers ahead still ends at the payload's end, never in the footer
            assertEquals(-1, buffered.read());
            return v;
        });
    }

    @Test
    void roundTripsAPayloadReadThroughABufferingReader() throws Exception {
        Path file = written(3, 10);
        assertArrayEquals(payload(), readPayload(file, header(3, 10)));
    }

    @Test
    void theDigestIsTheFilesAsTheManifestVerifiesIt() throws Exception {
        Path file = dir.resolve("f.state");
        FileDigest d = CheckpointFile.write(file, header(0, 1), out -> out.writeLong(42));
        assertEquals(CheckpointStore.digest(file), d);
        assertEquals(Files.size(file), d.size());
        assertEquals(d, FileDigest.fromLongs("f.state", FileDigest.toLongs(java.util.List.of(d)), 0));
    }

    @Test
    void aFlippedBitIsAChecksumMismatchNamingTheFile() throws Exception {
        Path file = written(0, 1);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(5000);
            int b = raf.read();
            raf.seek(5000);
            raf.write(b ^ 1);
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> readPayload(file, header(0, 1)));
        assertTrue(e.getMessage().startsWith(file + ": checksum mismatch"), e.getMessage());
    }

    @Test
    void aTruncatedFileHasNoFooter() throws Exception {
        Path file = written(0, 1);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 100);
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> readPayload(file, header(0, 1)));
        assertTrue(e.getMessage().contains(file + ": no checkpoint footer"), e.getMessage());
        Files.write(file, new byte[10]);
        e = assertThrows(CheckpointException.class, () -> readPayload(file, header(0, 1)));
        assertTrue(e.getMessage().contains("truncated: 10 bytes"), e.getMessage());
    }

    @Test
    void aFileOfAnotherMemberWindowRunOrFormatIsRefused() throws Exception {
        Path file = written(2, 5);
        String m = assertThrows(CheckpointException.class, () -> readPayload(file, header(1, 5))).getMessage();
        assertTrue(m.contains("holds member 2, expected member 1"), m);
        m = assertThrows(CheckpointException.class, () -> readPayload(file, header(2, 6))).getMessage();
        assertTrue(m.contains("written after window 5, expected 6"), m);
        m = assertThrows(CheckpointException.class, () -> readPayload(file, new FileHeader(CheckpointFile.MEMBER_FORMAT,
                CheckpointFile.VERSION, OTHER_ID, 2, 5))).getMessage();
        assertTrue(m.contains("belongs to experiment 0707") && m.contains("expected 0909"), m);
        m = assertThrows(CheckpointException.class, () -> readPayload(file, new FileHeader(CheckpointFile.FILTER_FORMAT,
                CheckpointFile.VERSION, ID, 2, 5))).getMessage();
        assertTrue(m.contains("holds format 'doka-member-state', expected 'doka-filter-state'"), m);
    }

    @Test
    void tooOldAndTooNewVersionsHaveTheirOwnMessages() throws Exception {
        for (int version : new int[] {CheckpointFile.MIN_VERSION - 1, CheckpointFile.VERSION + 1}) {
            Path file = dir.resolve("v" + version + ".state");
            CheckpointFile.write(file, new FileHeader(CheckpointFile.MEMBER_FORMAT, version, ID, 0, 1),
                    out -> out.writeInt(1));
            String m = assertThrows(CheckpointException.class, () -> readPayload(file, header(0, 1))).getMessage();
            String expected = version < CheckpointFile.MIN_VERSION ? "is too old" : "is too new";
            assertTrue(m.contains(file + ": format doka-member-state version " + version + " " + expected), m);
        }
    }

    @Test
    void aFileThatIsNotACheckpointSaysSo() throws Exception {
        Path file = dir.resolve("other.state");
        // a valid footer over a foreign header: only the magic is wrong
        CheckpointFile.write(file, header(0, 1), out -> out.writeInt(1));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 0);
            // recompute the footer's CRC so that the header check, not the checksum, speaks
            long size = ch.size();
            ByteBuffer all = ByteBuffer.allocate((int) size - 8);
            ch.read(all, 0);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(all.array());
            ch.write(ByteBuffer.allocate(8).putLong(0, crc.getValue()), size - 8);
        }
        String m = assertThrows(CheckpointException.class, () -> readPayload(file, header(0, 1))).getMessage();
        assertTrue(m.contains("not a Doka checkpoint file (magic 0x1020304, expected 0x444b4350)"), m);
    }
}
