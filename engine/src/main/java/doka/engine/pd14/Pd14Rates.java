package doka.engine.pd14;

/**
 * Full-scale PD14 population rates for the van Albada compensation of down-scaled runs (needed
 * whenever in-degrees are scaled, k &lt; 1). Measured with this engine; see {@link #PROVENANCE}.
 */
public final class Pd14Rates {
    /** How the rates below were obtained. */
    public static final String PROVENANCE = "Doka engine, full scale (77,169 neurons, 298,880,968 synapses),"
            + " Poisson background, seed 1, 1000 ms after a 500 ms warm-up: ./doka simulate pd14 --seed 1"
            + " (2026-11-26, commit 01e68ff). For comparison, the full_mean_rates of NEST 3's PD14 example"
            + " (same optimized initial potentials): 0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829 Hz.";
    private static final double[] RATES_HZ = {0.872, 2.901, 4.374, 5.847, 7.273, 8.576, 1.109, 7.784};

    private Pd14Rates() {
    }

    /** Rates in {@link Pd14#POPULATIONS} order, Hz. */
    public static double[] fullScaleRatesHz() {
        return RATES_HZ.clone();
    }
}
