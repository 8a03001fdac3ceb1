package doka.enkf;

/**
 * Everything that widens the ensemble against sampling error and model error, applied in this order:
 * <ol>
 *   <li>optional {@link AdaptiveInflation} of the forecast anomalies (prior, from the innovations);</li>
 *   <li>after the analysis, relaxation of the analysis anomalies Aᵃ towards the forecast anomalies Aᶠ:
 *     RTPP (Zhang, Snyder & Sun 2004): Aᵃ ← (1−α)Aᵃ + αAᶠ; or
 *     RTPS (Whitaker & Hamill 2012): Aᵃ ← Aᵃ·(1 + α(σᶠ − σᵃ)/σᵃ) per component;</li>
 *   <li>the multiplicative factor on the analysis anomalies: Aᵃ ← factor·Aᵃ (a standard-deviation factor,
 *     e.g. 1.04 as in Sakov &amp; Oke 2008).</li>
 * </ol>
 *
 * @param factor   multiplicative factor (> 0; 1 = none)
 * @param rtps     relaxation-to-prior-spread α ∈ [0, 1]
 * @param rtpp     relaxation-to-prior-perturbations α ∈ [0, 1]; at most one of rtps and rtpp is non-zero
 * @param adaptive adaptive prior inflation, or null
 */
public record Inflation(double factor, double rtps, double rtpp, AdaptiveInflation adaptive) {
    public static final Inflation NONE = new Inflation(1, 0, 0, null);

    public Inflation {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("inflation factor must be finite and > 0, got " + factor);
        }
        if (!(rtps >= 0 && rtps <= 1)) {
            throw new IllegalArgumentException("RTPS factor must be in [0, 1], got " + rtps);
        }
        if (!(rtpp >= 0 && rtpp <= 1)) {
            throw new IllegalArgumentException("RTPP factor must be in [0, 1], got " + rtpp);
        }
        if (rtps > 0 && rtpp > 0) {
            throw new IllegalArgumentException("choose RTPS or RTPP, not both (got rtps " + rtps + ", rtpp " + rtpp + ")");
        }
    }

    public static Inflation multiplicative(double factor) {
        return new Inflation(factor, 0, 0, null);
    }

    public Inflation withRtps(double alpha) {
        return new Inflation(factor, alpha, 0, adaptive);
    }

    public Inflation withRtpp(double alpha) {
        return new Inflation(factor, 0, alpha, adaptive);
    }

    public Inflation withAdaptive(AdaptiveInflation a) {
        return new Inflation(factor, rtps, rtpp, a);
    }

    /**
     * Relaxes and inflates the analysis ensemble {@code e} (N×n) in place, given the forecast anomalies
     * {@code forecastAnomalies} (N×n) that entered the analysis.
     */
    public void applyPosterior(double[] e, double[] forecastAnomalies, int members, int dim) {
        if (rtps == 0 && rtpp == 0 && factor == 1) {
            return;
        }
        double[] mean = EnsembleOps.mean(e, members, dim, new double[dim]);
        double[] a = EnsembleOps.anomalies(e, members, dim, mean, new double[members * dim]);
        if (rtpp > 0) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (1 - rtpp) * a[i] + rtpp * forecastAnomalies[i];
            }
        } else if (rtps > 0) {
            double[] varA = EnsembleOps.columnVariance(a, members, dim, new double[dim]);
            double[] varF = EnsembleOps.columnVariance(forecastAnomalies, members, dim, new double[dim]);
            double[] scale = new double[dim];
            for (int c = 0; c < dim; c++) {
                double sa = Math.sqrt(varA[c]);
                scale[c] = sa > 0 ? 1 + rtps * (Math.sqrt(varF[c]) - sa) / sa : 1;
            }
            for (int m = 0; m < members; m++) {
                for (int c = 0; c < dim; c++) {
                    a[m * dim + c] *= scale[c];
                }
            }
        }
        for (int m = 0; m < members; m++) {
            for (int c = 0; c < dim; c++) {
                e[m * dim + c] = mean[c] + factor * a[m * dim + c];
            }
        }
    }
}
