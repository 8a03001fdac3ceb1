package doka.launcher.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import doka.engine.kernel.Population;
import doka.engine.pd14.Pd14;
import doka.engine.pd14.Pd14Rates;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.observation.ObservedQuantity;

/**
 * The Potjans–Diesmann microcircuit as an ensemble member; its eight populations are the observed
 * quantities (area {@code pd14}, group = population). Parameters: {@code bgRateScale} (a factor on
 * the 8 Hz background rate of every population) or {@code bgRateScaleL23}, {@code …L4}, {@code …L5},
 * {@code …L6} (of one layer's two populations), {@code jScale} (a factor on all excitatory synaptic
 * input, J) and {@code gScale} (a factor on all inhibitory input, the ratio g).
 */
final class Pd14Model implements SpikingModel {
    private static final Map<String, String> PARAMETERS = new LinkedHashMap<>();
    /** Layer of each population, for the per-layer background parameters. */
    private static final String[] LAYER = {"L23", "L23", "L4", "L4", "L5", "L5", "L6", "L6"};

    static {
        PARAMETERS.put("bgRateScale", "factor on the background rate (8 Hz per external synapse) of every population");
        for (String layer : new String[] {"L23", "L4", "L5", "L6"}) {
            PARAMETERS.put("bgRateScale" + layer, "factor on the background rate of the " + layer + " populations");
        }
        PARAMETERS.put("jScale", "factor on every excitatory synaptic weight J");
        PARAMETERS.put("gScale", "factor on every inhibitory synaptic weight (the ratio g)");
    }

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

    @Override
    public double expectedNeurons() {
        double n = 0;
        for (int size : Pd14.FULL_SIZE) {
            n += Math.round(size * config.nScale());
        }
        return n;
    }

    @Override
    public SpikingModel scaled(double factor) {
        return new Pd14Model(new EnsembleConfig.Model.Pd14(config.nScale() * factor, config.kScale(), config.background()));
    }

    @Override
    public void checkParameter(String name) {
        if (!PARAMETERS.containsKey(name)) {
            throw new ConfigException("pd14 has no parameter '" + name + "'; expected one of " + PARAMETERS.keySet());
        }
        if ("dc".equals(config.background()) && name.startsWith("bgRateScale")) {
            throw new ConfigException(name + " scales the Poisson background; model.background is dc");
        }
    }

    @Override
    public SpikingModel.Network build(long seed, int threads) {
        Pd14.Background bg = "dc".equals(config.background()) ? Pd14.Background.DC : Pd14.Background.POISSON;
        // Down-scaled in-degrees are compensated as DC at the full-scale rates (van Albada et al. 2015).
        double[] fullScaleRatesHz = config.kScale() < 1 ? Pd14Rates.fullScaleRatesHz() : null;
        doka.engine.kernel.Network net = Pd14.build(new Pd14.Config(config.nScale(), config.kScale(), bg, seed, threads,
                fullScaleRatesHz));
        int[] group = new int[net.neuronCount()];
        boolean[] excitatory = new boolean[net.neuronCount()];
        for (Population p : net.populations()) {
            Arrays.fill(group, p.offset(), p.offset() + p.size(), p.index());
            Arrays.fill(excitatory, p.offset(), p.offset() + p.size(), p.name().endsWith("e"));
        }
        return new RecordedNetwork(net, quantities(), group, excitatory) {
            @Override
            public void apply(Map<String, Double> values) {
                for (Population p : net.populations()) {
                    Double all = values.get("bgRateScale");
                    Double layer = values.get("bgRateScale" + LAYER[p.index()]);
                    if (all != null || layer != null) {
                        double scale = (all == null ? 1 : all) * (layer == null ? 1 : layer);
                        double kExt = Math.round(Pd14.K_EXT[p.index()] * config.kScale());
                        p.setBackground(kExt * Pd14.BACKGROUND_RATE_HZ * scale, p.backgroundWeightPa());
                    }
                    Double j = values.get("jScale");
                    if (j != null) {
                        p.setExcitatoryGain(j);
                    }
                    Double g = values.get("gScale");
                    if (g != null) {
                        p.setInhibitoryGain(g);
                    }
                }
            }

            @Override
            public String describe() {
                return String.format(Locale.ROOT, "PD14 microcircuit at n-scale %.3g, k-scale %.3g (%s background):"
                        + " %,d neurons, %,d synapses", config.nScale(), config.kScale(), config.background(),
                        net.neuronCount(), net.synapses().synapseCount());
            }
        };
    }
}
