package doka.launcher.experiment;

import java.util.List;

import doka.engine.kernel.RankComm;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.observation.ObservedQuantity;

/**
 * A spiking network model as an ensemble needs it: what its members predict (binned rates of the
 * observed quantities: areas, or populations), which parameters it has, how far apart they act for
 * localization, and how to build a member from a seed.
 */
interface SpikingModel {
    /** The observed quantities, in the order of a member's predictions within a bin. */
    List<ObservedQuantity> quantities();

    /** Checks a parameter name, or throws a configuration error naming the allowed ones. */
    void checkParameter(String name);

    /**
     * Distance (mm) between what parameter {@code parameter} acts on and observed quantity
     * {@code quantity}, for the LETKF's localization; 0 where the model has no geometry.
     */
    default double distanceMm(String parameter, int quantity) {
        return 0;
    }

    /** The member's size from the model's own rules, without building it; null when only a build can tell. */
    MemberSize size();

    /**
     * Builds this rank's part of a member split over the ranks of {@code comm} (null or one rank: the
     * whole member). Every rank of the member calls this and every method of the member alike; the same
     * seed builds the same network, and the spikes, rates and parameters are the same for any number of ranks.
     */
    SpikingMember build(long seed, int threads, RankComm comm, Readout readout);

    /** The same, for a member the log and errors call {@code name} ("member 3", "truth"). */
    default SpikingMember build(String name, long seed, int threads, RankComm comm, Readout readout) {
        return build(seed, threads, comm, readout);
    }
}
