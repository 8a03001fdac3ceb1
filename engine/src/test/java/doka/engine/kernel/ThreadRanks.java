package doka.engine.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Ranks as threads of one JVM, exchanging through shared memory: the engine's own tests of a
 * split network (the launcher's tests run the same code over MPJ Express).
 */
public final class ThreadRanks {
    private final int size;
    private final long[][][] board;
    private final long[][] sums;
    private final CyclicBarrier barrier;

    private ThreadRanks(int size) {
        this.size = size;
        this.board = new long[size][][];
        this.sums = new long[size][];
        this.barrier = new CyclicBarrier(size);
    }

    /** Runs {@code program} on {@code size} ranks and returns each rank's result. */
    public static <T> List<T> run(int size, Function<RankComm, T> program) throws Exception {
        ThreadRanks world = new ThreadRanks(size);
        ExecutorService pool = Executors.newFixedThreadPool(size);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                int rank = r;
                futures.add(pool.submit(() -> program.apply(world.comm(rank))));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private void await() {
        try {
            barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }

    private RankComm comm(int rank) {
        return new RankComm() {
            @Override
            public int rank() {
                return rank;
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public long[][] exchange(long[][] send) {
                board[rank] = send;
                await();
                long[][] got = new long[size][];
                for (int q = 0; q < size; q++) {
                    got[q] = board[q][rank].clone();
                }
                await();
                return got;
            }

            @Override
            public void sum(long[] values) {
                sums[rank] = values.clone();
                await();
                long[] total = new long[values.length];
                for (long[] s : sums) {
                    for (int i = 0; i < total.length; i++) {
                        total[i] += s[i];
                    }
                }
                await();
                System.arraycopy(total, 0, values, 0, values.length);
            }
        };
    }
}
