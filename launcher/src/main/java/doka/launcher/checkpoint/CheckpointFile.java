package doka.launcher.checkpoint;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * One checkpoint file in the style of Lucene's {@code CodecUtil}:
 *
 * <pre>
 * header:  int MAGIC, UTF format name, int version, 16-byte experiment id, int member, int windows done
 * payload: written by the owner (a member's engine state, the filter state)
 * footer:  int FOOTER_MAGIC, int algorithm (1 = CRC32C; 0 = CRC32 in version 2), long checksum of every byte before it
 * </pre>
 *
 * All integers big-endian ({@link DataOutputStream}). The payload's length is implied by the file
 * size, so that a payload reader that reads ahead (the engine buffers 64 KiB) never sees the footer.
 * Files are written in blocks of 1 MiB (large arrays straight from the caller's), in one pass of one CRC32C
 * (hardware-accelerated) that gives both the footer's checksum and, continued over the footer, the manifest's;
 * their fsync starts as soon as each file is closed and is awaited in one batch ({@link Durability}).
 */
public final class CheckpointFile {
    public static final int MAGIC = 0x444B4350; // "DKCP"
    public static final int FOOTER_MAGIC = ~MAGIC;
    /** The footer's checksum in version 2 files (still read). */
    public static final int ALGORITHM_CRC32 = 0;
    /** The footer's checksum from version 3 on. */
    public static final int ALGORITHM_CRC32C = 1;
    public static final int FOOTER_LENGTH = 16;
    public static final String MEMBER_FORMAT = "doka-member-state";
    public static final String FILTER_FORMAT = "doka-filter-state";
    /** Format version written; readers accept {@link #MIN_VERSION} … {@link #VERSION}. */
    // 2: member payloads carry their estimated values with a count, a cortex member its step offset
    // 3: the footer's checksum is CRC32C (algorithm 1), the manifest's too (manifest version 2); payloads as in 2
    public static final int VERSION = 3;
    public static final int MIN_VERSION = 2;

    private CheckpointFile() {
    }

    /** Writes a payload. */
    @FunctionalInterface
    public interface Payload {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a payload; the stream ends where the payload ends. */
    @FunctionalInterface
    public interface PayloadReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /**
     * Writes {@code file} (replacing it) and returns its digest; the file is synced with the checkpoint's others
     * ({@link Durability}) before its digest leaves this process or a manifest lists it.
     */
    public static FileDigest write(Path file, FileHeader header, Payload payload) throws IOException {
        BlockOutput block;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            block = new BlockOutput(channel);
            DataOutputStream out = new DataOutputStream(block);
            writeHeader(out, header);
            payload.write(out);
            out.writeInt(FOOTER_MAGIC);
            out.writeInt(ALGORITHM_CRC32C);
            // The footer's checksum covers every byte before it; the manifest's continues over it (the whole file).
            block.flushBlock();
            out.writeLong(block.crc.getValue());
            block.flushBlock();
        }
        // its fsync starts now, and is awaited with the checkpoint's others before its digest or manifest goes out
        Durability.pending(file);
        return FileDigest.ofCrc32c(file.getFileName().toString(), block.count, block.crc.getValue());
    }

    private static void writeHeader(DataOutputStream out, FileHeader h) throws IOException {
        out.writeInt(MAGIC);
        out.writeUTF(h.format());
        out.writeInt(h.version());
        out.write(h.experimentId());
        out.writeInt(h.member());
        out.writeInt(h.windowsDone());
    }

    /**
     * Reads {@code file}: checks its footer checksum, then that its header matches {@code expected}
     * (format, a readable version, experiment, member, window), then reads the payload.
     *
     * @throws CheckpointException naming the file and what was expected
     */
    public static <T> T read(Path file, FileHeader expected, PayloadReader<T> reader) {
        try {
            long size = Files.size(file);
            verifyFooter(file, size);
            try (InputStream fileIn = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
                Bounded bounded = new Bounded(fileIn, size - FOOTER_LENGTH);
                DataInputStream in = new DataInputStream(bounded);
                checkHeader(file, in, expected);
                return reader.read(in);
            }
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": missing; expected a " + expected.format() + " file");
        } catch (EOFException e) {
            throw new CheckpointException(file + ": truncated: its payload ends early", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
    }

    /** Checks the footer: magic, algorithm and checksum (CRC32C, or CRC32 in version 2) of every byte before it. */
    static void verifyFooter(Path file, long size) throws IOException {
        if (size < FOOTER_LENGTH + 4) {
            throw new CheckpointException(file + ": truncated: " + size + " bytes, shorter than a header and footer");
        }
        java.nio.ByteBuffer footer = java.nio.ByteBuffer.allocate(FOOTER_LENGTH);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (footer.hasRemaining()) {
                if (channel.read(footer, size - FOOTER_LENGTH + footer.position()) < 0) {
                    throw new CheckpointException(file + ": truncated while reading its footer");
                }
            }
        }
        footer.flip();
        int magic = footer.getInt();
        int algorithm = footer.getInt();
        long stored = footer.getLong();
        if (magic != FOOTER_MAGIC) {
            throw new CheckpointException(file + ": no checkpoint footer (found 0x" + Integer.toHexString(magic)
                    + ", expected 0x" + Integer.toHexString(FOOTER_MAGIC) + "): truncated or not a checkpoint file");
        }
        Checksum crc = switch (algorithm) {
            case ALGORITHM_CRC32C -> new CRC32C();
            case ALGORITHM_CRC32 -> new CRC32();
            default -> throw new CheckpointException(file + ": unknown checksum algorithm " + algorithm + " (expected "
                    + ALGORITHM_CRC32C + ", CRC32C, or " + ALGORITHM_CRC32 + ", CRC32)");
        };
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            long left = size - 8;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new CheckpointException(file + ": truncated while reading");
                }
                crc.update(buf, 0, n);
                left -= n;
            }
        }
        if (stored != crc.getValue()) {
            throw new CheckpointException(file + ": checksum mismatch: footer says " + Long.toHexString(stored)
                    + ", content has " + Long.toHexString(crc.getValue()) + " (corrupted)");
        }
    }

    private static void checkHeader(Path file, DataInputStream in, FileHeader expected) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new CheckpointException(file + ": not a Doka checkpoint file (magic 0x" + Integer.toHexString(magic)
                    + ", expected 0x" + Integer.toHexString(MAGIC) + ")");
        }
        String format = in.readUTF();
        if (!format.equals(expected.format())) {
            throw new CheckpointException(file + ": holds format '" + format + "', expected '" + expected.format() + "'");
        }
        int version = in.readInt();
        if (version < MIN_VERSION) {
            throw new CheckpointException(file + ": format " + format + " version " + version + " is too old: this Doka"
                    + " reads versions " + MIN_VERSION + " to " + VERSION + " (written by an older Doka: resume with"
                    + " that one, or start the run again)");
        }
        if (version > VERSION) {
            throw new CheckpointException(file + ": format " + format + " version " + version + " is too new: this Doka"
                    + " reads versions " + MIN_VERSION + " to " + VERSION + " (written by a newer Doka: resume with it)");
        }
        byte[] id = new byte[FileHeader.ID_LENGTH];
        in.readFully(id);
        FileHeader found = new FileHeader(format, version, id, in.readInt(), in.readInt());
        if (!found.sameExperiment(expected)) {
            throw new CheckpointException(file + ": belongs to experiment " + found.experimentHex() + ", expected "
                    + expected.experimentHex() + " (a file of another run or configuration)");
        }
        if (found.member() != expected.member()) {
            throw new CheckpointException(file + ": holds member " + found.member() + ", expected member "
                    + expected.member());
        }
        if (found.windowsDone() != expected.windowsDone()) {
            throw new CheckpointException(file + ": written after window " + found.windowsDone() + ", expected "
                    + expected.windowsDone());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * Collects what a payload writes in blocks of 1 MiB (one block per thread, reused) and hands each whole block to
     * the file and the CRC32C; a write of a block or more (a member's snapshot) goes to both straight from the
     * caller's array. Large writes, a checksum over large arrays, and no lock per value as a
     * {@code BufferedOutputStream} takes.
     */
    private static final class BlockOutput extends OutputStream {
        private static final int BLOCK = 1 << 20;
        private static final ThreadLocal<byte[]> BLOCKS = ThreadLocal.withInitial(() -> new byte[BLOCK]);
        private final FileChannel channel;
        private final byte[] block = BLOCKS.get();
        private int used;
        final CRC32C crc = new CRC32C();
        long count;

        BlockOutput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == BLOCK) {
                flushBlock();
            }
            block[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len >= BLOCK) {
                flushBlock();
                put(b, off, len);
                return;
            }
            while (len > 0) {
                if (used == BLOCK) {
                    flushBlock();
                }
                int n = Math.min(len, BLOCK - used);
                System.arraycopy(b, off, block, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        void flushBlock() throws IOException {
            put(block, 0, used);
            used = 0;
        }

        private void put(byte[] b, int off, int len) throws IOException {
            crc.update(b, off, len);
            java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(b, off, len);
            while (view.hasRemaining()) {
                channel.write(view);
            }
            count += len;
        }
    }

    /** An input stream that ends after {@code limit} bytes (the payload), whatever the reader buffers. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // the caller closes the file
        }
    }
}
