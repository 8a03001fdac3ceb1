package doka.engine.kernel;

/**
 * The collective operations the ranks of one member need to run a network split over them
 * (the launcher implements it over the member's MPJ communicator; the engine knows no MPI).
 * Every rank must call each operation the same number of times, in the same order.
 */
public interface RankComm {
    int rank();

    int size();

    /**
     * All-to-all exchange: {@code send[q]} goes to rank q (the entry for this rank comes back
     * unchanged); returns what each rank sent to this one.
     */
    long[][] exchange(long[][] send);

    /**
     * A neighbour exchange: {@code send[q]} goes to each rank q listed in {@code sendTo}, and
     * lists come back from the ranks in {@code recvFrom} (the others' entries are empty). Both
     * sides must agree: q is in this rank's {@code sendTo} exactly when this rank is in q's
     * {@code recvFrom}. The default is the all-to-all.
     */
    default long[][] exchange(long[][] send, int[] sendTo, int[] recvFrom) {
        return exchange(send);
    }

    /** Replaces {@code values} by their element-wise sum over all ranks. */
    void sum(long[] values);

    /** The smallest of every rank's {@code value}. */
    default long min(long value) {
        long[][] send = new long[size()][];
        for (int q = 0; q < send.length; q++) {
            send[q] = new long[] {value};
        }
        long m = value;
        for (long[] got : exchange(send)) {
            m = Math.min(m, got[0]);
        }
        return m;
    }

    /**
     * The ranks of the same {@code color}, as a communicator of their own (ranks in this one's
     * order); every rank must call it. A member with a body splits its brain ranks off this way.
     */
    default RankComm split(int color) {
        throw new UnsupportedOperationException("this communicator (" + getClass().getSimpleName() + ") cannot be split");
    }
}
