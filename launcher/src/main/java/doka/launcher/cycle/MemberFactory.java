package doka.launcher.cycle;

import java.io.IOException;

import doka.engine.member.Member;
import mpi.Intracomm;

/** Builds the members of a run, each on the ranks of its member communicator. */
public interface MemberFactory {
    /** Builds member {@code index} on the ranks of {@code memberComm}, with {@code threads} threads per rank. */
    Member build(int index, Intracomm memberComm, int threads);

    /**
     * Called on every rank of member {@code index} after it advanced {@code window} (before the
     * analysis), for outputs of the member's own, such as a spike raster.
     */
    default void windowDone(Member member, int index, int window) throws IOException {
    }
}
