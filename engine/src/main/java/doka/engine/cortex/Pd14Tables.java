package doka.engine.cortex;

import doka.engine.pd14.Pd14;
import doka.engine.pd14.Pd14Rates;

/**
 * The Potjans and Diesmann (2014) tables the cortex wiring starts from (spec
 * {@code pd14-microcircuit.md}): populations L2/3e, L2/3i, L4e, L4i, L5e, L5i, L6e, L6i. Sizes,
 * background in-degrees and reference rates come from {@code doka.engine.pd14}.
 */
public final class Pd14Tables {
    /** Neurons under 1 mm². */
    public static final double[] N = java.util.Arrays.stream(Pd14.FULL_SIZE).asDoubleStream().toArray();

    /** Connection probabilities, row = target, column = source (PD14 Table 5; kept here because
     * {@code Pd14}'s copy is package-private). */
    public static final double[][] C = {
        {0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0},
        {0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0},
        {0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0.0},
        {0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0},
        {0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0},
        {0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0.0},
        {0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
        {0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443}};

    /** External (background) in-degrees of E and I cells per layer. */
    public static final double[] K_EXT_E = {Pd14.K_EXT[0], Pd14.K_EXT[2], Pd14.K_EXT[4], Pd14.K_EXT[6]};
    public static final double[] K_EXT_I = {Pd14.K_EXT[1], Pd14.K_EXT[3], Pd14.K_EXT[5], Pd14.K_EXT[7]};

    /**
     * Full-scale PD14 rates measured with this engine ({@link Pd14Rates#PROVENANCE}), used only for
     * the DC compensation of down-scaled in-degrees; override in the model file.
     */
    public static final double[] REFERENCE_RATES_HZ = Pd14Rates.fullScaleRatesHz();

    private Pd14Tables() {
    }

    /** Index of the PD14 population of a modelled layer (0–3) and E/I. */
    public static int index(int layer, boolean inhibitory) {
        return 2 * layer + (inhibitory ? 1 : 0);
    }

    /**
     * Full-scale in-degree of the "fixed total number" rule:
     * K = ln(1 − C) / ln(1 − 1/(N_pre N_post)) / N_post.
     */
    public static double inDegree(int target, int source) {
        double c = C[target][source];
        if (c == 0) {
            return 0;
        }
        double q = Math.log(1 - c) / Math.log(1 - 1 / (N[source] * N[target]));
        return q / N[target];
    }
}
