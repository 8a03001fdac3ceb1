package doka.launcher.experiment;

import java.util.List;

import doka.engine.kernel.RankComm;
import doka.engine.member.MeasurableMember;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.observation.ObservedQuantity;

/**
 * A cortex observed through calcium imaging or an LFP proxy ({@code observations.operator}) instead of its rates:
 * the same members, each wrapped in an {@link ObservedMember}; the observed quantities are the cortex's areas (both
 * hemispheres), in the order of its rate predictions, so distances and parameters are the cortex's.
 */
final class ObservedModel implements SpikingModel {
    private final CortexSpikingModel model;
    private final EnsembleConfig.Observations observations;

    private ObservedModel(CortexSpikingModel model, EnsembleConfig.Observations observations) {
        this.model = model;
        this.observations = observations;
    }

    /** The model as {@code observations.operator} observes it: itself for area_rate. */
    static SpikingModel of(CortexSpikingModel model, EnsembleConfig.Observations observations) {
        if (observations.operator().equals("area_rate")) {
            return model;
        }
        if (model.hasBody()) {
            throw new ConfigException("field 'observations.operator' is '" + observations.operator() + "'; expected area_rate"
                    + " for a cortex with a body (its members predict rates and joint angles)");
        }
        if (observations.lfp() != null) {
            LfpMeasure.samplingSteps(observations.lfp().sampleMs(), model.dtMs());
        }
        return new ObservedModel(model, observations);
    }

    @Override
    public List<ObservedQuantity> quantities() {
        return model.areaQuantities();
    }

    @Override
    public void checkParameter(String name) {
        model.checkParameter(name);
    }

    @Override
    public double distanceMm(String parameter, int quantity) {
        return model.distanceMm(parameter, quantity);
    }

    /** The cortex's size: the operator adds an O(cells) pass per sample and, for calcium, 16 bytes per cell. */
    @Override
    public MemberSize size() {
        return model.size();
    }

    @Override
    public SpikingMember build(long seed, int threads, RankComm comm, Readout readout) {
        return build("member", seed, threads, comm, readout);
    }

    @Override
    public SpikingMember build(String name, long seed, int threads, RankComm comm, Readout readout) {
        MeasurableMember member = (MeasurableMember) model.build(name, seed, threads, comm, readout);
        try {
            ObservedMember.Measure measure = observations.operator().equals("calcium")
                    ? new CalciumMeasure(member, observations.calcium(), readout.binMs())
                    : new LfpMeasure(member, observations.lfp(), readout.binMs());
            return new ObservedMember(member, measure, readout.bins());
        } catch (RuntimeException e) {
            member.close();
            throw e;
        }
    }
}
