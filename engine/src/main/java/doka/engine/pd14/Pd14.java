package doka.engine.pd14;

import doka.engine.connect.DelayDistribution;
import doka.engine.connect.FixedTotalNumber;
import doka.engine.connect.Projection;
import doka.engine.connect.WeightDistribution;
import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.kernel.NeuronRange;
import doka.engine.kernel.Population;
import doka.engine.model.IafPscExp;

/**
 * The Potjans and Diesmann (2014) cortical microcircuit, exactly as
 * {@code shared/spec/pd14-microcircuit.md} gives it: eight populations of {@code iaf_psc_exp}
 * neurons, {@code fixed_total_number} wiring from the connection probabilities, Gaussian
 * weights and delays, Poisson or DC background, and N/K down-scaling with the weight and DC
 * compensation of van Albada, Helias and Diesmann (2015). The thalamic population is not built
 * (it only serves the optional thalamic pulse).
 */
public final class Pd14 {
    public static final String[] POPULATIONS = {"L2/3e", "L2/3i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"};
    /** Neurons per population at full scale (1 mm² of cortex). */
    public static final int[] FULL_SIZE = {20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948};
    /** Connection probabilities, row = target, column = source. */
    static final double[][] PROBABILITY = {
        {0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0},
        {0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0},
        {0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0.0},
        {0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0},
        {0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0},
        {0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0.0},
        {0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
        {0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443},
    };
    /** External (background) in-degrees. */
    public static final int[] K_EXT = {1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100};
    static final double[] V0_MEAN_MV = {-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43};
    static final double[] V0_SD_MV = {5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48};
    /** Excitatory PSC amplitude, pA (a 0.15 mV PSP). */
    public static final double J_PA = 87.81;
    public static final double G = -4;
    public static final double WEIGHT_RELATIVE_SD = 0.1;
    public static final double DELAY_E_MS = 1.5;
    public static final double DELAY_I_MS = 0.75;
    public static final double DELAY_RELATIVE_SD = 0.5;
    public static final double BACKGROUND_RATE_HZ = 8;
    public static final double DT_MS = 0.1;

    private Pd14() {
    }

    /** Background input: exact Poisson counts, or the DC equivalent. */
    public enum Background {
        POISSON, DC
    }

    /**
     * @param nScale        population sizes × nScale (0, 1]
     * @param kScale        in-degrees × kScale (0, 1]; weights / √kScale plus compensating DC
     * @param fullRatesHz   full-scale population rates for the compensation (needed when kScale &lt; 1)
     */
    public record Config(double nScale, double kScale, Background background, long seed, int threads,
                         double[] fullRatesHz) {
        public Config {
            if (!(nScale > 0 && nScale <= 1)) {
                throw new IllegalArgumentException("n-scale must be in (0, 1], got " + nScale);
            }
            if (!(kScale > 0 && kScale <= 1)) {
                throw new IllegalArgumentException("k-scale must be in (0, 1], got " + kScale);
            }
            if (background == null) {
                throw new IllegalArgumentException("background must be poisson or dc");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (fullRatesHz != null && fullRatesHz.length != POPULATIONS.length) {
                throw new IllegalArgumentException("fullRatesHz needs " + POPULATIONS.length + " rates, got "
                        + fullRatesHz.length);
            }
            fullRatesHz = fullRatesHz == null ? null : fullRatesHz.clone();
        }

        /** Full scale, Poisson background. */
        public static Config fullScale(long seed, int threads) {
            return new Config(1, 1, Background.POISSON, seed, threads, null);
        }
    }

    /** Connection probability from population {@code source} onto {@code target} (indices into {@link #POPULATIONS}). */
    public static double probability(int target, int source) {
        return PROBABILITY[target][source];
    }

    /** Mean of the initial membrane potential of population {@code a}, mV. */
    public static double initialPotentialMeanMv(int a) {
        return V0_MEAN_MV[a];
    }

    /** Standard deviation of the initial membrane potential of population {@code a}, mV. */
    public static double initialPotentialSdMv(int a) {
        return V0_SD_MV[a];
    }

    /** Synapses from population {@code source} onto {@code target} at full scale (not rounded). */
    public static double fullSynapses(int target, int source) {
        return FixedTotalNumber.synapsesForProbability(PROBABILITY[target][source], FULL_SIZE[source],
                FULL_SIZE[target]);
    }

    /** Mean PSC of a synapse from {@code source} onto {@code target} at full scale, pA. */
    public static double meanWeightPa(int target, int source) {
        boolean excitatory = source % 2 == 0;
        double w = excitatory ? J_PA : G * J_PA;
        return (source == 2 && target == 0) ? 2 * w : w; // L4e -> L2/3e is doubled
    }

    /**
     * DC that keeps each neuron's mean input when in-degrees are scaled by k (van Albada et al.
     * 2015): 0.001·τs·(1 − √k)·(Σ_b w_ab K_ab ν_b + [Poisson] w_ext K_ext ν_bg), pA.
     */
    public static double compensationPa(int target, double kScale, double[] fullRatesHz, Background background,
                                        double tauSynMs) {
        if (kScale == 1) {
            return 0;
        }
        if (fullRatesHz == null) {
            throw new IllegalArgumentException("k-scale " + kScale + " < 1 needs the full-scale rates for the DC"
                    + " compensation");
        }
        double recurrent = 0;
        for (int b = 0; b < POPULATIONS.length; b++) {
            double indegree = fullSynapses(target, b) / FULL_SIZE[target];
            recurrent += meanWeightPa(target, b) * indegree * fullRatesHz[b];
        }
        double external = background == Background.POISSON ? J_PA * K_EXT[target] * BACKGROUND_RATE_HZ : 0;
        return 0.001 * tauSynMs * (1 - Math.sqrt(kScale)) * (recurrent + external);
    }

    /** Builds the network (V drawn, background set) ready to simulate. */
    public static Network build(Config config) {
        IafPscExp.Parameters neuron = IafPscExp.Parameters.pd14();
        NetworkBuilder b = new NetworkBuilder(DT_MS).seed(config.seed()).threads(config.threads());
        NeuronRange[] ranges = new NeuronRange[POPULATIONS.length];
        for (int a = 0; a < POPULATIONS.length; a++) {
            ranges[a] = b.addPopulation(POPULATIONS[a], (int) Math.round(FULL_SIZE[a] * config.nScale()), neuron);
        }
        double k = config.kScale();
        double weightScale = 1 / Math.sqrt(k);
        for (int a = 0; a < POPULATIONS.length; a++) {
            for (int s = 0; s < POPULATIONS.length; s++) {
                long n = Math.round(fullSynapses(a, s) * config.nScale() * k);
                if (n == 0) {
                    continue;
                }
                boolean excitatory = s % 2 == 0;
                WeightDistribution w = WeightDistribution.normalRelative(meanWeightPa(a, s) * weightScale,
                        WEIGHT_RELATIVE_SD);
                double d = excitatory ? DELAY_E_MS : DELAY_I_MS;
                DelayDistribution delay = new DelayDistribution(d, d * DELAY_RELATIVE_SD);
                Projection p = new Projection(ranges[s], ranges[a], w, delay, DT_MS, config.seed(),
                        a * POPULATIONS.length + s + 1);
                b.connect(new FixedTotalNumber(p, n));
            }
        }
        Network net = b.build();
        for (int a = 0; a < POPULATIONS.length; a++) {
            Population pop = net.population(POPULATIONS[a]);
            pop.drawMembranePotentialsNormal(V0_MEAN_MV[a], V0_SD_MV[a], config.seed());
            double compensation = compensationPa(a, k, config.fullRatesHz(), config.background(), neuron.tauSynExMs());
            if (config.background() == Background.POISSON) {
                double kExt = Math.round(K_EXT[a] * k);
                pop.setBackground(kExt * BACKGROUND_RATE_HZ, J_PA * weightScale);
                pop.setDcPa(compensation);
            } else {
                double dc = K_EXT[a] * BACKGROUND_RATE_HZ * J_PA * neuron.tauSynExMs() * 1e-3;
                pop.setBackground(0, 0);
                pop.setDcPa(dc + compensation);
            }
        }
        return net;
    }

    /** Total recurrent synapses of a configuration (for reports). */
    public static long synapseCount(double nScale, double kScale) {
        long total = 0;
        for (int a = 0; a < POPULATIONS.length; a++) {
            for (int s = 0; s < POPULATIONS.length; s++) {
                total += Math.round(fullSynapses(a, s) * nScale * kScale);
            }
        }
        return total;
    }
}
