package doka.launcher.mpi;

import mpi.Intracomm;
import mpi.MPI;

/**
 * PDAF's communicators, split from {@code COMM_WORLD} by {@link EnsembleLayout}: the member
 * communicator (the ranks that compute one member) and the couple communicator (rank j of every
 * member; gathers and scatters between members and the filter run over it, ordered by member index).
 * PDAF's third, the filter communicator, has no job here: the analysis works in ensemble space on
 * vectors of parameters and predictions, small enough for one rank (world rank 0, which also
 * computes part of member 0), and its LETKF domains run on that rank's threads. Engine code receives
 * its member communicator and never touches {@code COMM_WORLD}.
 */
public record Communicators(EnsembleLayout layout, int worldRank, Intracomm member, Intracomm couple) {
    // With several members per task (membersPerRank > 1), the member communicator is the task's: it
    // serves each of the task's members in turn.

    /** Splits {@code COMM_WORLD}; every world rank must call this, in the same order. */
    public static Communicators split(EnsembleLayout layout) {
        int world = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        if (size != layout.worldSize()) {
            throw new IllegalStateException("the MPI world has " + size + " ranks but " + layout.members()
                    + " members × " + layout.ranksPerMember() + " ranks per member (" + layout.membersPerRank()
                    + " per rank) need " + layout.worldSize());
        }
        Intracomm member = MPI.COMM_WORLD.Split(layout.taskOf(world), world);
        Intracomm couple = MPI.COMM_WORLD.Split(layout.rankInMember(world), world);
        return new Communicators(layout, world, member, couple);
    }

    /** The member this rank computes (its first, when it computes several). */
    public int memberIndex() {
        return layout.memberOf(worldRank);
    }

    /** This rank's task: its index in the couple communicator. */
    public int task() {
        return layout.taskOf(worldRank);
    }

    /** The members this rank computes, in order. */
    public int[] memberIndices() {
        int first = layout.firstMember(task());
        int[] out = new int[layout.memberCount(task())];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i;
        }
        return out;
    }

    /** Whether this rank is rank 0 of its member: it talks to the filter. */
    public boolean memberLeader() {
        return member.Rank() == 0;
    }

    /** Whether this rank runs the analysis (world rank 0). */
    public boolean analysisRoot() {
        return worldRank == 0;
    }
}
