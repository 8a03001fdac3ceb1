package doka.engine.member;

import doka.engine.kernel.RankComm;
import doka.engine.record.SpikeRecorder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * What the ranks of a split member gather on their rank 0: snapshot parts (a member's
 * checkpoint file holds every rank's part, each restored by its own rank) and spikes.
 */
public final class RankParts {
    private RankParts() {
    }

    /** Sends {@code part} to rank 0, which writes the rank count and every part, in rank order, to {@code out}. */
    public static void write(RankComm comm, byte[] part, DataOutputStream out) throws IOException {
        long[][] send = new long[comm.size()][0];
        send[0] = pack(part);
        long[][] got = comm.exchange(send);
        if (comm.rank() != 0) {
            return;
        }
        out.writeInt(comm.size());
        for (long[] packed : got) {
            byte[] bytes = unpack(packed);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** Reads what {@link #write} wrote (every rank reads the file) and returns this rank's part. */
    public static byte[] read(RankComm comm, DataInputStream in) throws IOException {
        int ranks = in.readInt();
        if (ranks != comm.size()) {
            throw new IOException("the checkpoint holds a member split over " + ranks + " ranks; this run has "
                    + comm.size() + " ranks per member (ranksPerMember must not change on resume)");
        }
        byte[] mine = null;
        for (int r = 0; r < ranks; r++) {
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("the checkpoint's part of rank " + r + " has a negative length");
            }
            byte[] bytes = new byte[n];
            in.readFully(bytes);
            if (r == comm.rank()) {
                mine = bytes;
            }
        }
        return mine;
    }

    /** Every rank's spikes, merged in (step, neuron) order on rank 0; null on the other ranks. */
    public static SpikeRecorder gatherSpikes(RankComm comm, SpikeRecorder own) {
        long[] keys = new long[own.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (long) own.step(i) << 32 | own.neuron(i);
        }
        long[][] send = new long[comm.size()][0];
        send[0] = keys;
        long[][] got = comm.exchange(send);
        if (comm.rank() != 0) {
            return null;
        }
        long[] all = Arrays.stream(got).flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        int[] neuron = new int[all.length];
        long[] step = new long[all.length];
        for (int i = 0; i < all.length; i++) {
            neuron[i] = (int) all[i];
            step[i] = all[i] >>> 32;
        }
        SpikeRecorder merged = new SpikeRecorder();
        merged.onSpikes(neuron, step, all.length);
        return merged;
    }

    private static long[] pack(byte[] bytes) {
        long[] out = new long[1 + (bytes.length + 7) / 8];
        out[0] = bytes.length;
        for (int i = 0; i < bytes.length; i++) {
            out[1 + i / 8] |= (bytes[i] & 0xffL) << (8 * (i % 8));
        }
        return out;
    }

    private static byte[] unpack(long[] packed) {
        byte[] out = new byte[(int) packed[0]];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (packed[1 + i / 8] >>> (8 * (i % 8)));
        }
        return out;
    }
}
