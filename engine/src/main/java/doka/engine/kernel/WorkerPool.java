package doka.engine.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of threads that run indexed tasks in parallel; the caller takes part. Tasks are
 * claimed dynamically, which is harmless for results because every task owns its outputs (a
 * partition of target neurons). Waiting spins briefly and then parks, because the machine is
 * shared and a simulation hands out thousands of small jobs per biological second.
 */
public final class WorkerPool implements AutoCloseable {
    private static final int SPINS = 2_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile long generation;
    private volatile boolean shutdown;
    private volatile IntConsumer task;
    private volatile int taskCount;
    private volatile Thread caller;
    private volatile Throwable failure;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(this::workerLoop, "doka-engine-" + (i + 1));
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body(i)} for i in [0, n), in parallel, and returns when all are done. */
    public void run(int n, IntConsumer body) {
        if (workers.length == 0 || n == 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        failure = null;
        task = body;
        taskCount = n;
        caller = Thread.currentThread();
        next.set(0);
        remaining.set(workers.length);
        generation++;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        work();
        int spins = 0;
        while (remaining.get() > 0) {
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        task = null;
        Throwable f = failure;
        if (f != null) {
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
    }

    private void work() {
        IntConsumer body = task;
        int n = taskCount;
        int i;
        while ((i = next.getAndIncrement()) < n) {
            try {
                body.accept(i);
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    private void workerLoop() {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !shutdown) {
                if (spins < SPINS) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (shutdown) {
                return;
            }
            seen = generation;
            work();
            if (remaining.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        shutdown = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
