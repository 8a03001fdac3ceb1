package doka.engine.member;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One ensemble member, as the assimilation sees it: PDAF's model interface. The analysis
 * <em>distributes</em> the member's estimated quantities (parameters, and for state estimation the
 * model state), the member advances one window from its own dynamic state, and the analysis
 * <em>collects</em> its predictions of that window's observables. Snapshots hold everything needed to
 * continue bit for bit.
 *
 * <p>A member split over several ranks has one instance per rank; every rank calls every method
 * alike (they may communicate), and the values returned are the whole member's on every rank.
 * Nothing here knows a filter: the estimated quantities are plain values in natural units, in the
 * order the member was built with.
 */
public interface Member extends AutoCloseable {
    /** The estimated quantities' current values, natural units. */
    double[] estimated();

    /** Sets the estimated quantities (natural units, the order of {@link #estimated}); they act from the next window. */
    void distribute(double[] values);

    /** Advances the member by one window. */
    void advance();

    /** The predicted observables of the window just advanced. */
    double[] collect();

    /** Writes the full dynamic state, estimated quantities included (a split member: rank 0 writes every rank's part). */
    void snapshot(DataOutputStream out) throws IOException;

    /** Reads what {@link #snapshot} wrote into a member built the same way. */
    void restore(DataInputStream in) throws IOException;

    @Override
    void close();
}
