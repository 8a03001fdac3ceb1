package doka.engine.pd14;

/**
 * The Potjans and Diesmann (2014) tables the cortex wiring starts from (spec
 * {@code pd14-microcircuit.md}): populations L2/3e, L2/3i, L4e, L4i, L5e, L5i, L6e, L6i, by layer and
 * E/I. Sizes, probabilities and background in-degrees come from {@link Pd14}, reference rates from {@link Pd14Rates}.
 */
public final class Pd14Tables {
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
     * Full-scale in-degree of the "fixed total number" rule, K = Q / N_post with
     * Q = ln(1 − C) / ln(1 − 1/(N_pre N_post)) ({@link Pd14#fullSynapses}).
     */
    public static double inDegree(int target, int source) {
        return Pd14.fullSynapses(target, source) / Pd14.FULL_SIZE[target];
    }
}
