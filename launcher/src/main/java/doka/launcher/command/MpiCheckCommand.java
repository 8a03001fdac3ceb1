package doka.launcher.command;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import doka.launcher.mpi.MulticoreWorld;
import doka.launcher.mpi.WorldSplitCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts an MPI world on the multicore device and checks the communicator split and collectives. */
@Command(name = "mpi-check", mixinStandardHelpOptions = true,
        description = "Start an MPI world of threads (MPJ Express multicore device), split it into member"
                + " communicators and check Allreduce, Gather and Bcast in each.")
public final class MpiCheckCommand implements Callable<Integer> {
    @Option(names = "--ranks", defaultValue = "4", description = "World size (default: ${DEFAULT-VALUE}).")
    int ranks;

    @Option(names = "--ranks-per-member", defaultValue = "2",
            description = "Ranks per member communicator (default: ${DEFAULT-VALUE}).")
    int ranksPerMember;

    @Override
    public Integer call() {
        return check(ranks, ranksPerMember) ? 0 : 1;
    }

    static boolean check(int ranks, int ranksPerMember) {
        if (ranksPerMember < 1 || ranks % ranksPerMember != 0) {
            throw new IllegalArgumentException("--ranks (" + ranks + ") must be a multiple of --ranks-per-member ("
                    + ranksPerMember + ")");
        }
        long t0 = System.nanoTime();
        List<Object> reports = new MulticoreWorld(ranks, Duration.ofMinutes(2))
                .run(WorldSplitCheck.class.getName(), Integer.toString(ranksPerMember));
        double ms = (System.nanoTime() - t0) / 1e6;
        boolean ok = true;
        for (Object report : reports) {
            String line = (String) report;
            ok &= line.endsWith("ok");
            System.out.println("  " + line);
        }
        System.out.printf("MPI world of %d ranks (multicore device) split into %d member communicators of %d:"
                + " %s in %.0f ms%n", ranks, ranks / ranksPerMember, ranksPerMember, ok ? "all checks passed" : "FAILED", ms);
        return ok;
    }
}
