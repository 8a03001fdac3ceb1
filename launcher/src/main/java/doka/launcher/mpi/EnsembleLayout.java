package doka.launcher.mpi;

/**
 * Where each world rank sits in an ensemble of {@code members} members of {@code ranksPerMember}
 * ranks each (PDAF's layout): member m holds the consecutive world ranks m·P … m·P + P − 1; the
 * couple communicator j joins rank j of every member (its rank is the member index); the filter runs
 * on member 0's ranks, and the analysis itself on world rank 0.
 */
public record EnsembleLayout(int members, int ranksPerMember) {
    public EnsembleLayout {
        if (members < 1 || ranksPerMember < 1) {
            throw new IllegalArgumentException("an ensemble needs members ≥ 1 and ranksPerMember ≥ 1, got "
                    + members + " and " + ranksPerMember);
        }
    }

    public int worldSize() {
        return members * ranksPerMember;
    }

    /** The member that world rank {@code worldRank} computes. */
    public int memberOf(int worldRank) {
        return worldRank / ranksPerMember;
    }

    /** The rank of {@code worldRank} inside its member communicator, which is also its couple colour. */
    public int rankInMember(int worldRank) {
        return worldRank % ranksPerMember;
    }

    /** World rank of rank {@code rankInMember} of {@code member}. */
    public int worldRank(int member, int rankInMember) {
        return member * ranksPerMember + rankInMember;
    }
}
