package doka.engine.kernel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Bulk array I/O for snapshots (big-endian, like {@link DataOutput}). */
public final class StateIo {
    private static final int CHUNK = 1 << 13;

    private StateIo() {
    }

    /**
     * The buffer's length in values for entries [lo, hi): a network has many small populations, and a buffer of
     * {@link #CHUNK} values for each of their arrays made a snapshot allocate (and zero) tens of MB.
     */
    private static int chunk(int lo, int hi) {
        return Math.max(0, Math.min(CHUNK, hi - lo));
    }

    public static void writeDoubles(DataOutput out, double[] a) throws IOException {
        writeDoubles(out, a, 0, a.length);
    }

    /** Writes entries [lo, hi) of {@code a}. */
    public static void writeDoubles(DataOutput out, double[] a, int lo, int hi) throws IOException {
        out.writeInt(hi - lo);
        ByteBuffer bb = ByteBuffer.allocate(chunk(lo, hi) * 8);
        for (int i = lo; i < hi; i += CHUNK) {
            int n = Math.min(CHUNK, hi - i);
            bb.clear();
            bb.asDoubleBuffer().put(a, i, n);
            out.write(bb.array(), 0, n * 8);
        }
    }

    public static void readDoubles(DataInput in, double[] a, String what) throws IOException {
        readDoubles(in, a, 0, a.length, what);
    }

    /** Reads entries [lo, hi) of {@code a}, written by {@link #writeDoubles(DataOutput, double[], int, int)}. */
    public static void readDoubles(DataInput in, double[] a, int lo, int hi, String what) throws IOException {
        int len = in.readInt();
        if (len != hi - lo) {
            throw new IOException("snapshot: " + what + " has " + len + " values, this network " + (hi - lo));
        }
        byte[] bytes = new byte[chunk(lo, hi) * 8];
        for (int i = lo; i < hi; i += CHUNK) {
            int n = Math.min(CHUNK, hi - i);
            in.readFully(bytes, 0, n * 8);
            ByteBuffer.wrap(bytes, 0, n * 8).asDoubleBuffer().get(a, i, n);
        }
    }

    public static void writeInts(DataOutput out, int[] a) throws IOException {
        writeInts(out, a, 0, a.length);
    }

    /** Writes entries [lo, hi) of {@code a}. */
    public static void writeInts(DataOutput out, int[] a, int lo, int hi) throws IOException {
        out.writeInt(hi - lo);
        ByteBuffer bb = ByteBuffer.allocate(chunk(lo, hi) * 4);
        for (int i = lo; i < hi; i += CHUNK) {
            int n = Math.min(CHUNK, hi - i);
            bb.clear();
            bb.asIntBuffer().put(a, i, n);
            out.write(bb.array(), 0, n * 4);
        }
    }

    public static void readInts(DataInput in, int[] a, String what) throws IOException {
        readInts(in, a, 0, a.length, what);
    }

    /** Reads entries [lo, hi) of {@code a}, written by {@link #writeInts(DataOutput, int[], int, int)}. */
    public static void readInts(DataInput in, int[] a, int lo, int hi, String what) throws IOException {
        int len = in.readInt();
        if (len != hi - lo) {
            throw new IOException("snapshot: " + what + " has " + len + " values, this network " + (hi - lo));
        }
        byte[] bytes = new byte[chunk(lo, hi) * 4];
        for (int i = lo; i < hi; i += CHUNK) {
            int n = Math.min(CHUNK, hi - i);
            in.readFully(bytes, 0, n * 4);
            ByteBuffer.wrap(bytes, 0, n * 4).asIntBuffer().get(a, i, n);
        }
    }
}
