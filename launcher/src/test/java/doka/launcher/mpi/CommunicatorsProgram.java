package doka.launcher.mpi;

import java.util.function.Function;

import mpi.MPI;

/** Rank program for {@link TestCommunicators}: reports where this rank sits in each communicator. */
public final class CommunicatorsProgram implements Function<String[], Object> {
    @Override
    public Object apply(String[] args) {
        EnsembleLayout layout = new EnsembleLayout(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        Communicators c = Communicators.split(layout);
        // Gather world ranks over the couple communicator: root must see them in member order.
        int[] order = new int[layout.members()];
        c.couple().Gather(new int[] {c.worldRank()}, 0, 1, MPI.INT, order, 0, 1, MPI.INT, 0);
        // Scatter member ids back: each member must receive its own.
        int[] ids = new int[layout.members()];
        for (int m = 0; m < ids.length; m++) {
            ids[m] = 100 + m;
        }
        int[] mine = new int[1];
        c.couple().Scatter(ids, 0, 1, MPI.INT, mine, 0, 1, MPI.INT, 0);
        return new int[] {c.worldRank(), c.member().Rank(), c.member().Size(), c.couple().Rank(),
            c.couple().Size(), c.analysisRoot() ? 1 : 0, c.couple().Rank() == 0 ? order[layout.members() - 1] : -1,
            mine[0], c.memberIndex()};
    }
}
