package doka.launcher.mpi;

import java.util.ArrayList;
import java.util.List;

import doka.engine.kernel.RankComm;
import mpi.Intracomm;
import mpi.MPI;

/** The engine's {@link RankComm} over a member's MPJ Express communicator. */
public final class MpjRankComm implements RankComm {
    /** Tags of the neighbour exchange (values, counts) and of the all-to-all (the collectives use their own contexts). */
    private static final int SPIKE_TAG = 4242;
    private static final int COUNT_TAG = 4243;
    private static final int ALL_TO_ALL_TAG = 4244;
    private final Intracomm comm;
    private final int rank;
    private final int size;

    public MpjRankComm(Intracomm comm) {
        this.comm = comm;
        this.rank = comm.Rank();
        this.size = comm.Size();
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Counts by Alltoall, then the values point to point. Not Alltoallv: MPJ Express 0.44's native device packs
     * every rank's block at offset 0 of one buffer (in {@code mpi.NativeIntracomm}, Java in MPJ's jar), so all but
     * the last block arrive as garbage (docs/fugaku.md).
     */
    @Override
    public long[][] exchange(long[][] send) {
        int[] sendCount = new int[size];
        for (int q = 0; q < size; q++) {
            sendCount[q] = send[q].length;
        }
        int[] recvCount = new int[size];
        comm.Alltoall(sendCount, 0, 1, MPI.INT, recvCount, 0, 1, MPI.INT);
        List<mpi.Request> pending = new ArrayList<>(size);
        for (int q = 0; q < size; q++) {
            if (q != rank && sendCount[q] > 0) {
                pending.add(comm.Isend(send[q], 0, sendCount[q], MPI.LONG, q, ALL_TO_ALL_TAG));
            }
        }
        long[][] out = new long[size][];
        for (int q = 0; q < size; q++) {
            out[q] = q == rank ? send[q].clone() : new long[recvCount[q]];
            if (q != rank && recvCount[q] > 0) {
                comm.Recv(out[q], 0, recvCount[q], MPI.LONG, q, ALL_TO_ALL_TAG);
            }
        }
        mpi.Request.Waitall(pending.toArray(mpi.Request[]::new));
        return out;
    }

    /**
     * Two messages per neighbour, its count, then (when not empty) its values: sends posted first, then each
     * neighbour's count received and its values. No {@code Probe}: MPJ Express's multicore device reads its queue of
     * pending sends in {@code iprobe} without the lock its senders hold, and a probe racing a send on another rank's
     * thread can find that hash map mid-change (seen as a StackOverflowError in {@code HashMap.TreeNode.find}, about
     * one run in six of a 16-rank ensemble with bodies). A receive takes the lock. MPI keeps the messages of one pair
     * and tag in order.
     */
    @Override
    public long[][] exchange(long[][] send, int[] sendTo, int[] recvFrom) {
        List<mpi.Request> pending = new ArrayList<>(2 * sendTo.length);
        for (int q : sendTo) {
            long[] values = send[q];
            pending.add(comm.Isend(new long[] {values.length}, 0, 1, MPI.LONG, q, COUNT_TAG));
            if (values.length > 0) {
                pending.add(comm.Isend(values, 0, values.length, MPI.LONG, q, SPIKE_TAG));
            }
        }
        long[][] got = new long[size][];
        java.util.Arrays.fill(got, new long[0]);
        long[] count = new long[1];
        for (int q : recvFrom) {
            comm.Recv(count, 0, 1, MPI.LONG, q, COUNT_TAG);
            long[] values = new long[(int) count[0]];
            if (values.length > 0) {
                comm.Recv(values, 0, values.length, MPI.LONG, q, SPIKE_TAG);
            }
            got[q] = values;
        }
        mpi.Request.Waitall(pending.toArray(mpi.Request[]::new));
        return got;
    }

    @Override
    public void sum(long[] values) {
        long[] out = new long[values.length];
        if (values.length > 0) {
            comm.Allreduce(values, 0, out, 0, values.length, MPI.LONG, MPI.SUM);
            System.arraycopy(out, 0, values, 0, values.length);
        }
    }

    @Override
    public RankComm split(int color) {
        return new MpjRankComm(comm.Split(color, rank));
    }
}
