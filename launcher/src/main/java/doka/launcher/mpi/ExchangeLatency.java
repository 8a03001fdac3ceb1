package doka.launcher.mpi;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import mpi.MPI;

/**
 * Rank program of {@code ./doka bench exchange}: times the spike exchange of a split member
 * ({@link MpjRankComm}'s neighbour exchange, every rank a neighbour of every other) with a
 * given number of spike keys per destination. Arguments: exchanges, keys per destination.
 * Returns "median_us p90_us" of the per-exchange wall time on this rank.
 */
public final class ExchangeLatency implements Function<String[], Object> {
    @Override
    public Object apply(String[] args) {
        int exchanges = Integer.parseInt(args[0]);
        int keys = Integer.parseInt(args[1]);
        MpjRankComm comm = new MpjRankComm(MPI.COMM_WORLD);
        int p = comm.size();
        int[] others = new int[p - 1];
        for (int q = 0, k = 0; q < p; q++) {
            if (q != comm.rank()) {
                others[k++] = q;
            }
        }
        long[][] send = new long[p][];
        for (int q = 0; q < p; q++) {
            send[q] = new long[keys];
            Arrays.fill(send[q], comm.rank());
        }
        int warm = Math.min(200, exchanges);
        double[] us = new double[exchanges];
        for (int i = -warm; i < exchanges; i++) {
            long t0 = System.nanoTime();
            long[][] got = comm.exchange(send, others, others);
            if (i >= 0) {
                us[i] = (System.nanoTime() - t0) * 1e-3;
            }
            for (int q : others) {
                if (got[q].length != keys || (keys > 0 && got[q][0] != q)) {
                    throw new IllegalStateException("exchange " + i + ": rank " + q + " sent " + got[q].length + " keys");
                }
            }
        }
        Arrays.sort(us);
        return String.format(Locale.ROOT, "%.1f %.1f", us[exchanges / 2], us[(int) (exchanges * 0.9)]);
    }
}
