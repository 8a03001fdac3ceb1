package doka.launcher.experiment;

import java.util.ArrayList;
import java.util.List;

import doka.engine.kernel.RankComm;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.engine.pd14.Pd14;
import doka.engine.pd14.Pd14Member;
import doka.engine.pd14.Pd14Rates;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.observation.ObservedQuantity;

/**
 * The Potjans–Diesmann microcircuit in an ensemble: its eight populations are the observed
 * quantities (area {@code pd14}, group = population); the parameters are {@link Pd14Member}'s.
 */
final class Pd14Model implements SpikingModel {
    private final EnsembleConfig.Model.Pd14 config;

    Pd14Model(EnsembleConfig.Model.Pd14 config) {
        this.config = config;
    }

    @Override
    public List<ObservedQuantity> quantities() {
        List<ObservedQuantity> q = new ArrayList<>();
        for (String p : Pd14.POPULATIONS) {
            q.add(new ObservedQuantity("pd14", p));
        }
        return q;
    }

    /** Synapses of a block of the fixed-total-number rule, at most ({@code FixedTotalNumber}). */
    private static final double BLOCK = 1 << 18;

    /**
     * The populations' sizes and the fixed total numbers of synapses ({@link Pd14#synapseCount}); delays are drawn
     * down to one step, so a slice is one step.
     */
    @Override
    public MemberSize size() {
        double n = 0;
        for (int size : Pd14.FULL_SIZE) {
            n += Math.round(size * config.nScale());
        }
        double synapses = Pd14.synapseCount(config.nScale(), config.kScale());
        double[] blocks = new double[(int) Math.ceil(synapses / BLOCK)]; // an upper bound: every block full
        java.util.Arrays.fill(blocks, Math.min(synapses, BLOCK));
        return new MemberSize(n, synapses, blocks, 1, 2, 0, 0, Pd14.DT_MS);
    }

    @Override
    public void checkParameter(String name) {
        if (!Pd14Member.PARAMETERS.containsKey(name)) {
            throw new ConfigException("pd14 has no parameter '" + name + "'; expected one of " + Pd14Member.PARAMETERS.keySet());
        }
        if ("dc".equals(config.background()) && name.startsWith("bgRateScale")) {
            throw new ConfigException(name + " scales the Poisson background; model.background is dc");
        }
    }

    @Override
    public SpikingMember build(long seed, int threads, RankComm comm, Readout readout) {
        if (comm != null && comm.size() > 1) {
            throw new ConfigException("ranksPerMember " + comm.size() + ": PD14 members run on one rank (their threads"
                    + " use the node's cores); cortex models can be split over ranks");
        }
        Pd14.Background bg = "dc".equals(config.background()) ? Pd14.Background.DC : Pd14.Background.POISSON;
        // Down-scaled in-degrees are compensated as DC at the full-scale rates (van Albada et al. 2015).
        double[] fullScaleRatesHz = config.kScale() < 1 ? Pd14Rates.fullScaleRatesHz() : null;
        return Pd14Member.build(new Pd14.Config(config.nScale(), config.kScale(), bg, seed, threads, fullScaleRatesHz),
                readout);
    }
}
