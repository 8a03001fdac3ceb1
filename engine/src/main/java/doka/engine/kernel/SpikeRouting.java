package doka.engine.kernel;

import java.util.Arrays;

/**
 * Spike exchange between the ranks of a split network. Synapses are stored on the rank of
 * their target, so a rank needs the spikes of every source with a synapse onto one of its
 * neurons. At build time each rank tells every owner which of its neurons it needs; from then
 * on, at the end of every slice (at most the network's smallest delay, so no input can arrive
 * within it), each spike goes only to the ranks that asked for its neuron, in a neighbour
 * exchange between the ranks that share synapses.
 */
final class SpikeRouting {
    private final RankComm comm;
    private final int rank;
    private final int size;
    private final Ownership owned;
    /** Destination ranks of local neuron l: destRank[destStart[l] .. destStart[l+1]). */
    private final int[] destStart;
    private final int[] destRank;
    private final long[][] send;
    private final int[] sendCount;
    /** The ranks that need some of this rank's spikes, and those whose spikes it needs. */
    private final int[] sendTo;
    private final int[] recvFrom;
    private long[] merged = new long[1024];
    private long sent;
    private long exchanges;
    private long exchangeNanos;

    SpikeRouting(RankComm comm, Ownership[] byRank, SynapseStore store) {
        this.comm = comm;
        this.rank = comm.rank();
        this.size = comm.size();
        this.owned = store.owned();
        if (byRank.length != size) {
            throw new IllegalArgumentException("ownership given for " + byRank.length + " ranks, the communicator has " + size);
        }
        if (!byRank[rank].equals(owned)) {
            throw new IllegalArgumentException("rank " + rank + ": the store was built for other neurons than it owns");
        }
        int[] owner = Ownership.checkCover(byRank);
        long[][] need = new long[size][];
        int[] needCount = new int[size];
        for (int q = 0; q < size; q++) {
            need[q] = new long[16];
        }
        for (int s = 0; s < owner.length; s++) {
            int q = owner[s];
            if (q != rank && store.hasSource(s)) {
                if (needCount[q] == need[q].length) {
                    need[q] = Arrays.copyOf(need[q], 2 * need[q].length);
                }
                need[q][needCount[q]++] = s;
            }
        }
        for (int q = 0; q < size; q++) {
            need[q] = Arrays.copyOf(need[q], q == rank ? 0 : needCount[q]);
        }
        long[][] wanted = comm.exchange(need);
        sendTo = ranksWithEntries(wanted, rank);
        recvFrom = ranksWithEntries(need, rank);
        destStart = new int[owned.count() + 1];
        for (int q = 0; q < size; q++) {
            if (q != rank) {
                for (long g : wanted[q]) {
                    int l = owned.localIndex((int) g);
                    if (l < 0) {
                        throw new IllegalStateException("rank " + q + " asked rank " + rank + " for neuron " + g
                                + ", which it does not own");
                    }
                    destStart[l + 1]++;
                }
            }
        }
        for (int l = 0; l < owned.count(); l++) {
            destStart[l + 1] += destStart[l];
        }
        destRank = new int[destStart[owned.count()]];
        int[] fill = Arrays.copyOf(destStart, owned.count());
        for (int q = 0; q < size; q++) {
            if (q != rank) {
                for (long g : wanted[q]) {
                    destRank[fill[owned.localIndex((int) g)]++] = q;
                }
            }
        }
        send = new long[size][64];
        sendCount = new int[size];
    }

    private static int[] ranksWithEntries(long[][] lists, int self) {
        int[] out = new int[lists.length];
        int n = 0;
        for (int q = 0; q < lists.length; q++) {
            if (q != self && lists[q].length > 0) {
                out[n++] = q;
            }
        }
        return Arrays.copyOf(out, n);
    }

    long sent() {
        return sent;
    }

    long exchanges() {
        return exchanges;
    }

    /** Seconds spent in the exchange itself (waiting for the other ranks included). */
    double exchangeSeconds() {
        return exchangeNanos * 1e-9;
    }

    /**
     * Sends this rank's spikes of a slice ({@code keys}: step offset in the high word, neuron in
     * the low word, sorted) to the ranks that need them and hands the network every spike its
     * synapses need, sorted by (step, neuron).
     */
    void exchange(long[] keys, int count, long from, Network network) {
        Arrays.fill(sendCount, 0);
        for (int i = 0; i < count; i++) {
            int l = owned.localIndex((int) keys[i]);
            for (int j = destStart[l]; j < destStart[l + 1]; j++) {
                int q = destRank[j];
                if (sendCount[q] == send[q].length) {
                    send[q] = Arrays.copyOf(send[q], 2 * send[q].length);
                }
                send[q][sendCount[q]++] = keys[i];
            }
        }
        long[][] out = new long[size][];
        for (int q = 0; q < size; q++) {
            out[q] = Arrays.copyOf(send[q], q == rank ? 0 : sendCount[q]);
            sent += out[q].length;
        }
        long t0 = System.nanoTime();
        long[][] got = comm.exchange(out, sendTo, recvFrom);
        exchangeNanos += System.nanoTime() - t0;
        exchanges++;
        int total = count;
        for (int q = 0; q < size; q++) {
            total += q == rank ? 0 : got[q].length;
        }
        if (merged.length < total) {
            merged = new long[Math.max(total, 2 * merged.length)];
        }
        System.arraycopy(keys, 0, merged, 0, count);
        int k = count;
        for (int q = 0; q < size; q++) {
            if (q != rank) {
                System.arraycopy(got[q], 0, merged, k, got[q].length);
                k += got[q].length;
            }
        }
        Arrays.sort(merged, 0, total);
        network.setPending(merged, total, from);
    }
}
