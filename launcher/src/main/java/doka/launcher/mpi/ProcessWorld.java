package doka.launcher.mpi;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an MPI world of {@code n} ranks as separate JVM processes on this host, on MPJ Express's
 * niodev (TCP) device, as a cluster would run one JVM per rank. A rank program is the same
 * {@code Function<String[], Object>} as for {@link MulticoreWorld}; each rank's result comes back as
 * its {@code toString()}.
 */
public final class ProcessWorld {
    /** What a lost rank means for a run, said after the rank is named (here and in {@link NativeWorld}). */
    static final String AFTER_A_LOSS = "; the run stops, its last complete checkpoint is kept: continue with ./doka resume"
            + " <run-dir>";

    private final int size;
    private final Duration timeout;
    private final List<String> jvmOptions;

    public ProcessWorld(int size, Duration timeout, List<String> jvmOptions) {
        if (size < 1) {
            throw new IllegalArgumentException("an MPI world needs at least 1 rank, got " + size);
        }
        this.size = size;
        this.timeout = timeout;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Starts the ranks, waits for all, and returns each rank's result line, by world rank.
     *
     * @throws MulticoreWorld.RankFailedException naming the rank that failed (with the end of its
     *                                            error output) or the timeout
     */
    public List<String> run(String programClass, String... args) {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String classPath = System.getProperty("java.class.path");
        List<Process> processes = new ArrayList<>();
        List<RankOutput> outs = new ArrayList<>();
        List<RankOutput> errs = new ArrayList<>();
        // the ranks register within seconds of starting; a long run must not stretch the rendezvous wait
        try (PeerExchange exchange = new PeerExchange(size, (int) Math.min(timeout.toMillis(), 600_000))) {
            for (int rank = 0; rank < size; rank++) {
                List<String> cmd = new ArrayList<>();
                cmd.add(java);
                cmd.addAll(jvmOptions);
                cmd.addAll(List.of("-cp", classPath, NioRankMain.class.getName(), Integer.toString(rank),
                        exchange.deviceArgument(), programClass));
                cmd.addAll(List.of(args));
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.environment().put("MPJ_HOME", MpjHome.require().toString());
                Process p = pb.start();
                processes.add(p);
                outs.add(new RankOutput(p.getInputStream(), null));
                errs.add(new RankOutput(p.getErrorStream(), null));
            }
            awaitAll(processes, errs, exchange, programClass);
            List<String> results = new ArrayList<>();
            for (int rank = 0; rank < size; rank++) {
                String result = outs.get(rank).resultLine();
                if (result == null) {
                    throw failed(rank, processes.get(rank), errs.get(rank), exchange);
                }
                results.add(result);
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a rank process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MulticoreWorld.RankFailedException("interrupted while waiting for the rank processes", e);
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    /** Waits until every rank has exited, failing fast when one exits with an error. */
    private void awaitAll(List<Process> processes, List<RankOutput> errs, PeerExchange exchange, String programClass)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean allDone = true;
            for (int rank = 0; rank < size; rank++) {
                Process p = processes.get(rank);
                if (p.isAlive()) {
                    allDone = false;
                } else if (p.exitValue() != 0) {
                    throw failed(rank, p, errs.get(rank), exchange);
                }
            }
            if (allDone) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new MulticoreWorld.RankFailedException("the " + size + "-process world running " + programClass
                        + " did not finish within " + timeout + rendezvous(exchange), null);
            }
            Thread.sleep(20);
        }
    }

    private MulticoreWorld.RankFailedException failed(int rank, Process p, RankOutput err, PeerExchange exchange) {
        return new MulticoreWorld.RankFailedException("rank " + rank + " of " + size + " (process " + p.pid() + ") "
                + exitDescription(p.exitValue()) + rendezvous(exchange) + errorOutput(err.tail(20)), null);
    }

    private static String errorOutput(String tail) {
        return tail.isBlank() ? "" : "; its error output ends:\n" + tail;
    }

    /** "exited with 1", or for a process ended by a signal (exit code 128 + n) "was lost: killed by signal n". */
    private static String exitDescription(int exitCode) {
        return exitCode > 128 && exitCode < 160 ? "was lost: killed by signal " + (exitCode - 128) + " (exit code " + exitCode
                + ")" + AFTER_A_LOSS : "exited with " + exitCode;
    }

    private static String rendezvous(PeerExchange exchange) {
        return exchange.failure() == null ? "" : " (rendezvous: " + exchange.failure().getMessage() + ")";
    }
}
