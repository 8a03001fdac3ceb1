package doka.launcher.mpi;

import doka.engine.kernel.RankComm;
import mpi.Intracomm;
import mpi.MPI;

/** The engine's {@link RankComm} over a member's MPJ Express communicator. */
public final class MpjRankComm implements RankComm {
    /** Tag of the neighbour exchange's messages (the collectives use their own contexts). */
    private static final int SPIKE_TAG = 4242;
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

    /** Counts by Alltoall, then the longs by Alltoallv. */
    @Override
    public long[][] exchange(long[][] send) {
        int[] sendCount = new int[size];
        int[] sendOffset = new int[size];
        int total = 0;
        for (int q = 0; q < size; q++) {
            sendCount[q] = send[q].length;
            sendOffset[q] = total;
            total += sendCount[q];
        }
        long[] sendBuf = new long[Math.max(1, total)];
        for (int q = 0; q < size; q++) {
            System.arraycopy(send[q], 0, sendBuf, sendOffset[q], sendCount[q]);
        }
        int[] recvCount = new int[size];
        comm.Alltoall(sendCount, 0, 1, MPI.INT, recvCount, 0, 1, MPI.INT);
        int[] recvOffset = new int[size];
        int got = 0;
        for (int q = 0; q < size; q++) {
            recvOffset[q] = got;
            got += recvCount[q];
        }
        long[] recvBuf = new long[Math.max(1, got)];
        comm.Alltoallv(sendBuf, 0, sendCount, sendOffset, MPI.LONG, recvBuf, 0, recvCount, recvOffset, MPI.LONG);
        long[][] out = new long[size][];
        for (int q = 0; q < size; q++) {
            out[q] = java.util.Arrays.copyOfRange(recvBuf, recvOffset[q], recvOffset[q] + recvCount[q]);
        }
        return out;
    }

    /**
     * One message per neighbour, {count, values…}: sends posted first, then each expected
     * message probed for its size and received (MPI keeps messages of one pair and tag in order).
     */
    @Override
    public long[][] exchange(long[][] send, int[] sendTo, int[] recvFrom) {
        mpi.Request[] pending = new mpi.Request[sendTo.length];
        for (int i = 0; i < sendTo.length; i++) {
            long[] values = send[sendTo[i]];
            long[] message = new long[values.length + 1];
            message[0] = values.length;
            System.arraycopy(values, 0, message, 1, values.length);
            pending[i] = comm.Isend(message, 0, message.length, MPI.LONG, sendTo[i], SPIKE_TAG);
        }
        long[][] got = new long[size][];
        java.util.Arrays.fill(got, new long[0]);
        for (int q : recvFrom) {
            int n = comm.Probe(q, SPIKE_TAG).Get_count(MPI.LONG);
            long[] message = new long[n];
            comm.Recv(message, 0, n, MPI.LONG, q, SPIKE_TAG);
            got[q] = java.util.Arrays.copyOfRange(message, 1, 1 + (int) message[0]);
        }
        mpi.Request.Waitall(pending);
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
