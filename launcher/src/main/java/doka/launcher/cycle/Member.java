package doka.launcher.cycle;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One ensemble member as the assimilation cycle sees it, PDAF's small model interface: advance a
 * window, expose the filter vector (model state and/or parameters, in natural units), take the
 * analysis back, and save or restore the full dynamic state. Every rank of the member's
 * communicator holds one instance; rank 0 talks to the filter.
 */
public interface Member {
    /** The filter vector of this member, in natural units (rank 0 of the member). */
    double[] filterVector();

    /** Applies the analysis (natural units) on every rank of the member; the dynamic state carries on. */
    void setFilterVector(double[] vector);

    /** Advances one window and returns the predicted observations of that window (rank 0 of the member). */
    double[] advance(int window);

    /** Writes the full dynamic state (for checkpoints). */
    void saveState(DataOutputStream out) throws IOException;

    /** Reads what {@link #saveState} wrote. */
    void restoreState(DataInputStream in) throws IOException;
}
