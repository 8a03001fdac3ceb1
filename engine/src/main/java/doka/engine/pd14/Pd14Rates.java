package doka.engine.pd14;

/**
 * Full-scale PD14 population rates for the van Albada compensation of down-scaled runs (needed
 * whenever in-degrees are scaled, k &lt; 1). Measured with this engine; see {@link #PROVENANCE}.
 */
public final class Pd14Rates {
    /** How the rates below were obtained. */
    public static final String PROVENANCE = "not measured yet";
    private static final double[] RATES_HZ = null;

    private Pd14Rates() {
    }

    /** Rates in {@link Pd14#POPULATIONS} order, Hz. */
    public static double[] fullScaleRatesHz() {
        if (RATES_HZ == null) {
            throw new IllegalStateException("full-scale PD14 rates are not available yet (" + PROVENANCE + ")");
        }
        return RATES_HZ.clone();
    }
}
