package doka.enkf;

/**
 * One iteration of an iterative ensemble smoother for static parameters, the step ES-MDA and EKI repeat
 * ({@link Calibration}): with the parameter ensemble Θ (N×d, in the filter's unbounded space), the predicted
 * statistics G (N×p), the data y (p) and their error variances Γ (p, diagonal),
 * <pre>
 *   θₘ' = θₘ + K (y + √α·ηₘ − G(θₘ)),   K = C_θG (C_GG + αΓ)⁻¹,   ηₘ ~ N(0, Γ)
 * </pre>
 * which is the perturbed-observation EnKF analysis with the error variances inflated by α
 * ({@link EnkfAnalysis}: ensemble space when p ≥ N, observation space when p &lt; N; the perturbations are
 * centred over members). With a taper ρ (p×d, entries in [0, 1]) the gain is localized, K = (ρ ∘ C_θG)(C_GG + αΓ)⁻¹
 * (Emerick &amp; Reynolds 2011), computed in observation space (a p×p inverse).
 */
public final class EnsembleSmoother {
    private EnsembleSmoother() {
    }

    /**
     * The updated ensemble Θ' (N×d); the inputs are not modified.
     *
     * @param theta       N×d parameters in filter (transformed) space, row-major
     * @param predictions N×p predicted statistics
     * @param y           p observed statistics
     * @param variance    p error variances Γⱼ &gt; 0 (observation error plus the statistic's noise)
     * @param alpha       the inflation factor of this iteration, &gt; 0
     * @param taper       p×d localization taper (row j: statistic j's weight on each parameter), or null for none
     * @param random      the perturbations' stream
     */
    public static double[] update(double[] theta, int members, int dim, double[] predictions, int obsCount, double[] y,
                                  double[] variance, double alpha, double[] taper, FilterRandom random) {
        if (theta.length != members * dim || predictions.length != members * obsCount || y.length != obsCount
                || variance.length != obsCount || (taper != null && taper.length != obsCount * dim)) {
            throw new IllegalArgumentException("sizes disagree: θ " + theta.length + " for " + members + "×" + dim
                    + ", G " + predictions.length + " for " + members + "×" + obsCount + ", y " + y.length + ", Γ "
                    + variance.length + (taper == null ? "" : ", taper " + taper.length));
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("inflation factor α must be finite and > 0, got " + alpha);
        }
        EnsembleSpace space = whiten(theta, members, dim, predictions, obsCount, y, variance, alpha);
        double[] delta = EnkfAnalysis.innovations(space, random);
        if (taper != null) {
            return EnkfAnalysis.observationSpace(space, delta, taper);
        }
        return obsCount < members ? EnkfAnalysis.observationSpace(space, delta)
                : EnkfAnalysis.ensembleSpace(space, delta);
    }

    /** The ensemble-space form of the problem: anomalies, and Y and dy whitened by √(αΓⱼ). */
    static EnsembleSpace whiten(double[] theta, int members, int dim, double[] predictions, int p, double[] y,
                                double[] variance, double alpha) {
        double[] mean = EnsembleOps.mean(theta, members, dim, new double[dim]);
        double[] anomalies = EnsembleOps.anomalies(theta, members, dim, mean, new double[theta.length]);
        double[] gMean = EnsembleOps.mean(predictions, members, p, new double[p]);
        double[] scale = new double[p];
        double[] dy = new double[p];
        int[] index = new int[p];
        for (int j = 0; j < p; j++) {
            if (!(variance[j] > 0) || Double.isInfinite(variance[j])) {
                throw new IllegalArgumentException("error variance of statistic " + j + " must be finite and > 0, got "
                        + variance[j]);
            }
            scale[j] = 1 / Math.sqrt(alpha * variance[j]);
            dy[j] = (y[j] - gMean[j]) * scale[j];
            index[j] = j;
        }
        double[] whitened = EnsembleOps.anomalies(predictions, members, p, gMean, new double[predictions.length]);
        for (int m = 0; m < members; m++) {
            for (int j = 0; j < p; j++) {
                whitened[m * p + j] *= scale[j];
            }
        }
        return new EnsembleSpace(members, dim, p, mean, anomalies, whitened, dy, index);
    }

    /** The data misfit χ²/dof = (1/p) Σⱼ (yⱼ − ḡⱼ)²/Γⱼ of the ensemble-mean prediction ḡ. */
    public static double misfit(double[] predictions, int members, int p, double[] y, double[] variance) {
        double[] gMean = EnsembleOps.mean(predictions, members, p, new double[p]);
        double sum = 0;
        for (int j = 0; j < p; j++) {
            double d = y[j] - gMean[j];
            sum += d * d / variance[j];
        }
        return sum / p;
    }

    /**
     * The taper ρ (p×d) of a localization between parameters and statistics: each domain of
     * {@code localization.domains()} is a set of parameter indices, its distance to statistic j
     * {@code distance(domain, j)}, and ρⱼᵢ the Gaspari–Cohn taper of that distance at the localization's radius.
     */
    public static double[] taper(Localization localization, int dim, int obsCount) {
        double[] rho = new double[obsCount * dim];
        LocalDomains domains = localization.domains();
        for (int k = 0; k < domains.count(); k++) {
            for (int i : domains.stateIndices(k)) {
                for (int j = 0; j < obsCount; j++) {
                    rho[j * dim + i] = GaspariCohn.taper(domains.distance(k, j), localization.radius());
                }
            }
        }
        return rho;
    }
}
