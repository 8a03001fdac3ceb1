package doka.launcher.mpi;

import java.util.function.Function;

import mpi.Intracomm;
import mpi.MPI;

/**
 * Rank program: splits the world into member communicators of {@code args[0]} consecutive ranks
 * and checks Allreduce, Gather and Bcast inside each against their known results.
 * Returns a one-line report per rank that ends in {@code ok} or names what differed.
 */
public final class WorldSplitCheck implements Function<String[], Object> {
    @Override
    public Object apply(String[] args) {
        int ranksPerMember = Integer.parseInt(args[0]);
        int world = MPI.COMM_WORLD.Rank();
        int member = world / ranksPerMember;
        Intracomm comm = MPI.COMM_WORLD.Split(member, world);
        int rank = comm.Rank();
        int first = member * ranksPerMember;

        int[] sum = new int[1];
        comm.Allreduce(new int[] {world}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
        int expectedSum = ranksPerMember * first + ranksPerMember * (ranksPerMember - 1) / 2;

        int[] gathered = new int[ranksPerMember];
        comm.Gather(new int[] {world}, 0, 1, MPI.INT, gathered, 0, 1, MPI.INT, 0);
        boolean gatherOk = true;
        if (rank == 0) {
            for (int i = 0; i < ranksPerMember; i++) {
                gatherOk &= gathered[i] == first + i;
            }
        }
        int[] root = {rank == 0 ? 1000 + member : -1};
        comm.Bcast(root, 0, 1, MPI.INT, 0);

        StringBuilder problems = new StringBuilder();
        if (comm.Size() != ranksPerMember) {
            problems.append(" size ").append(comm.Size());
        }
        if (sum[0] != expectedSum) {
            problems.append(" allreduce ").append(sum[0]).append("!=").append(expectedSum);
        }
        if (!gatherOk) {
            problems.append(" gather order");
        }
        if (root[0] != 1000 + member) {
            problems.append(" bcast ").append(root[0]);
        }
        return String.format("world rank %d -> member %d rank %d: allreduce %d, bcast %d: %s",
                world, member, rank, sum[0], root[0], problems.length() == 0 ? "ok" : "FAILED" + problems);
    }
}
