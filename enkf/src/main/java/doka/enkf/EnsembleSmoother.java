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
 * centred over members).
 *
 * <p>Localization between parameters and statistics, as in the LETKF ({@link Letkf}): each domain of the
 * {@link Localization} is a set of parameters, and its update uses only the statistics at Gaspari–Cohn taper ρⱼ &gt; 0,
 * with error variances αΓⱼ/ρⱼ (R-localization; Hunt et al. 2007 §2.3). The perturbations are drawn once for all
 * statistics, so every domain sees the same ηₘ, scaled to its variances. Localizing only the cross-covariance,
 * K = (ρ ∘ C_θG)(C_GG + αΓ)⁻¹, does not help when p &gt; N: the spurious correlations of C_GG stay in the inverse
 * (on {@code TestEnsembleSmoother}'s problem it gave a posterior-mean RMSE of 1.17 against 0.55 without localization
 * and 0.15 with the domain form).
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
     * @param localization parameter domains and their distances to the statistics, or null for none
     * @param random      the perturbations' stream
     */
    public static double[] update(double[] theta, int members, int dim, double[] predictions, int obsCount, double[] y,
                                  double[] variance, double alpha, Localization localization, FilterRandom random) {
        if (theta.length != members * dim || predictions.length != members * obsCount || y.length != obsCount
                || variance.length != obsCount) {
            throw new IllegalArgumentException("sizes disagree: θ " + theta.length + " for " + members + "×" + dim
                    + ", G " + predictions.length + " for " + members + "×" + obsCount + ", y " + y.length + ", Γ "
                    + variance.length);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("inflation factor α must be finite and > 0, got " + alpha);
        }
        EnsembleSpace space = whiten(theta, members, dim, predictions, obsCount, y, variance, alpha);
        double[] delta = EnkfAnalysis.innovations(space, random);
        return localization == null ? analysis(space, delta) : localAnalyses(space, delta, localization);
    }

    private static double[] analysis(EnsembleSpace space, double[] delta) {
        return space.obsDim() < space.members() ? EnkfAnalysis.observationSpace(space, delta)
                : EnkfAnalysis.ensembleSpace(space, delta);
    }

    /**
     * One perturbed-observation analysis per parameter domain on its local statistics. With Δ = dy − Y + D (whitened
     * innovations, D the perturbations), the local innovations are √ρ·(dy − Y) + D.
     */
    private static double[] localAnalyses(EnsembleSpace space, double[] delta, Localization localization) {
        int n = space.members();
        int dim = space.stateDim();
        int p = space.obsDim();
        double[] out = space.forecast();
        LocalDomains domains = localization.domains();
        localization.executor().forEach(domains.count(), d -> {
            Letkf.Local local = Letkf.Local.of(space, localization, d);
            int[] components = domains.stateIndices(d);
            if (local.count() == 0 || components.length == 0) {
                return;
            }
            int q = local.count();
            int c = components.length;
            double[] localDelta = new double[n * q];
            for (int m = 0; m < n; m++) {
                for (int k = 0; k < q; k++) {
                    int j = local.obs()[k];
                    double perturbation = delta[m * p + j] - space.whitenedDy()[j] + space.whitenedY()[m * p + j];
                    localDelta[m * q + k] = local.dy()[k] - local.y()[m * q + k] + perturbation;
                }
            }
            double[] mean = new double[c];
            double[] anomalies = new double[n * c];
            for (int i = 0; i < c; i++) {
                mean[i] = space.mean()[components[i]];
                for (int m = 0; m < n; m++) {
                    anomalies[m * c + i] = space.anomalies()[m * dim + components[i]];
                }
            }
            double[] updated = analysis(new EnsembleSpace(n, c, q, mean, anomalies, local.y(), local.dy(), local.obs()),
                    localDelta);
            for (int m = 0; m < n; m++) {
                for (int i = 0; i < c; i++) {
                    out[m * dim + components[i]] = updated[m * c + i];
                }
            }
        });
        return out;
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
}
