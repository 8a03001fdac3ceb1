package doka.launcher.mpi;

/**
 * Where each world rank sits in an ensemble of {@code members} members (PDAF's layout). The ranks form
 * model tasks of {@code ranksPerMember} consecutive world ranks each; task t computes the consecutive
 * members t·k … t·k + k − 1 one after another ({@code k = membersPerRank}, PDAF's several members per
 * task; the last task may hold fewer). The member communicator joins the ranks of one task; the couple
 * communicator j joins rank j of every task (its rank is the task index); the analysis runs on world
 * rank 0.
 */
public record EnsembleLayout(int members, int ranksPerMember, int membersPerRank) {
    public EnsembleLayout {
        if (members < 1 || ranksPerMember < 1 || membersPerRank < 1) {
            throw new IllegalArgumentException("an ensemble needs members ≥ 1, ranksPerMember ≥ 1 and membersPerRank ≥ 1,"
                    + " got " + members + ", " + ranksPerMember + " and " + membersPerRank);
        }
    }

    /** One member per task. */
    public EnsembleLayout(int members, int ranksPerMember) {
        this(members, ranksPerMember, 1);
    }

    /** The number of model tasks. */
    public int tasks() {
        return (members + membersPerRank - 1) / membersPerRank;
    }

    public int worldSize() {
        return tasks() * ranksPerMember;
    }

    /** The task that world rank {@code worldRank} belongs to. */
    public int taskOf(int worldRank) {
        return worldRank / ranksPerMember;
    }

    /** The first member that world rank {@code worldRank} computes (its only one when membersPerRank is 1). */
    public int memberOf(int worldRank) {
        return firstMember(taskOf(worldRank));
    }

    /** The first member of task {@code task}. */
    public int firstMember(int task) {
        return task * membersPerRank;
    }

    /** How many members task {@code task} computes. */
    public int memberCount(int task) {
        return Math.min(membersPerRank, members - firstMember(task));
    }

    /** The task that computes {@code member}. */
    public int taskOfMember(int member) {
        return member / membersPerRank;
    }

    /** The rank of {@code worldRank} inside its member communicator, which is also its couple colour. */
    public int rankInMember(int worldRank) {
        return worldRank % ranksPerMember;
    }

    /** World rank of rank {@code rankInMember} of {@code member}'s task. */
    public int worldRank(int member, int rankInMember) {
        return taskOfMember(member) * ranksPerMember + rankInMember;
    }
}
