package doka.enkf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Everything the filter carries from one window to the next, so that a checkpoint can restore it and the
 * run continues bit for bit: the window index, the adaptive inflation estimate (a variance factor, 1 when
 * unused) and the random stream.
 */
public record FilterState(long window, double adaptiveInflation, FilterRandom.State random)
        implements java.io.Serializable {
    private static final int MAGIC = 0x444B4653; // "DKFS"
    private static final int VERSION = 1;

    public FilterState {
        if (window < 0) {
            throw new IllegalArgumentException("filter window index must be ≥ 0, got " + window);
        }
        if (!(adaptiveInflation > 0) || Double.isInfinite(adaptiveInflation)) {
            throw new IllegalArgumentException("adaptive inflation must be finite and > 0, got " + adaptiveInflation);
        }
        java.util.Objects.requireNonNull(random, "random");
    }

    /** The state before the first window. */
    public static FilterState initial(long seed) {
        return new FilterState(0, 1.0, new FilterRandom(seed).state());
    }

    /** A compact binary form (magic, version, fields) for checkpoints. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(window);
            out.writeDouble(adaptiveInflation);
            out.writeLong(random.seed());
            out.writeBoolean(random.hasSpare());
            out.writeDouble(random.spare());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@link #toBytes()}; a wrong magic or version is a clear error. */
    public static FilterState fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException("not a filter state: magic " + Integer.toHexString(magic)
                        + ", expected " + Integer.toHexString(MAGIC));
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("filter state version " + version + " is not supported (expected "
                        + VERSION + ")");
            }
            long window = in.readLong();
            double inflation = in.readDouble();
            FilterRandom.State random = new FilterRandom.State(in.readLong(), in.readBoolean(), in.readDouble());
            if (in.available() != 0) {
                throw new IllegalArgumentException("filter state has " + in.available() + " trailing bytes");
            }
            return new FilterState(window, inflation, random);
        } catch (IOException e) {
            throw new IllegalArgumentException("filter state is truncated (" + data.length + " bytes)", e);
        }
    }
}
