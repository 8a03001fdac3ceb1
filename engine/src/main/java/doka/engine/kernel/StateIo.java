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

    public static void writeDoubles(DataOutput out, double[] a) throws IOException {
        out.writeInt(a.length);
        ByteBuffer bb = ByteBuffer.allocate(CHUNK * 8);
        for (int i = 0; i < a.length; i += CHUNK) {
            int n = Math.min(CHUNK, a.length - i);
            bb.clear();
            bb.asDoubleBuffer().put(a, i, n);
            out.write(bb.array(), 0, n * 8);
        }
    }

    public static void readDoubles(DataInput in, double[] a, String what) throws IOException {
        int len = in.readInt();
        if (len != a.length) {
            throw new IOException("snapshot: " + what + " has " + len + " values, this network " + a.length);
        }
        byte[] bytes = new byte[CHUNK * 8];
        for (int i = 0; i < a.length; i += CHUNK) {
            int n = Math.min(CHUNK, a.length - i);
            in.readFully(bytes, 0, n * 8);
            ByteBuffer.wrap(bytes, 0, n * 8).asDoubleBuffer().get(a, i, n);
        }
    }

    public static void writeInts(DataOutput out, int[] a) throws IOException {
        out.writeInt(a.length);
        ByteBuffer bb = ByteBuffer.allocate(CHUNK * 4);
        for (int i = 0; i < a.length; i += CHUNK) {
            int n = Math.min(CHUNK, a.length - i);
            bb.clear();
            bb.asIntBuffer().put(a, i, n);
            out.write(bb.array(), 0, n * 4);
        }
    }

    public static void readInts(DataInput in, int[] a, String what) throws IOException {
        int len = in.readInt();
        if (len != a.length) {
            throw new IOException("snapshot: " + what + " has " + len + " values, this network " + a.length);
        }
        byte[] bytes = new byte[CHUNK * 4];
        for (int i = 0; i < a.length; i += CHUNK) {
            int n = Math.min(CHUNK, a.length - i);
            in.readFully(bytes, 0, n * 4);
            ByteBuffer.wrap(bytes, 0, n * 4).asIntBuffer().get(a, i, n);
        }
    }
}
