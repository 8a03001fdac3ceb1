package doka.launcher.mpi;

import java.util.function.Function;

import mpi.Intracomm;
import mpi.MPI;

/**
 * Rank program for {@link TestMulticoreWorld}: splits the world by colour (world rank mod 2) and
 * runs Allreduce, Gather and Bcast inside each colour's communicator.
 */
public final class SplitCollectivesProgram implements Function<String[], Object> {
    @Override
    public Object apply(String[] args) {
        int worldRank = MPI.COMM_WORLD.Rank();
        int worldSize = MPI.COMM_WORLD.Size();
        int colour = worldRank % 2;
        Intracomm comm = MPI.COMM_WORLD.Split(colour, worldRank);
        int rank = comm.Rank();
        int size = comm.Size();

        double[] sum = new double[1];
        comm.Allreduce(new double[] {worldRank + 0.5}, 0, sum, 0, 1, MPI.DOUBLE, MPI.SUM);

        int[] gathered = new int[size];
        comm.Gather(new int[] {worldRank}, 0, 1, MPI.INT, gathered, 0, 1, MPI.INT, 0);

        long[] broadcast = {rank == 0 ? 1000L + worldRank : -1L};
        comm.Bcast(broadcast, 0, 1, MPI.LONG, 0);

        // world rank, world size, colour, rank in colour, size of colour, sum, gathered (root only), broadcast
        return new Object[] {worldRank, worldSize, colour, rank, size, sum[0],
                rank == 0 ? gathered : null, broadcast[0]};
    }
}
