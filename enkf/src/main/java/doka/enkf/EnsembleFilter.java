package doka.enkf;

/**
 * An ensemble filter configuration with its one entry point, {@link #assimilate}: the gathered forecast
 * ensemble (N members × filter vector, N × predicted observations), the observations and their error
 * variances, and the filter state in; the analysis ensemble, the next state and the statistics out. It
 * knows no model: the caller maps members to filter vectors (state augmentation, parameter transforms)
 * and back.
 *
 * <p>The cycle body, in DAPPER's style: screen the observations, whiten, (adaptive prior inflation),
 * analysis, (relaxation, multiplicative inflation), (parameter jitter).
 *
 * @param variant        the analysis
 * @param inflation      inflation and relaxation
 * @param rotate         mean-preserving random rotation of the ETKF/LETKF transform
 * @param localization   required for {@link Variant#LETKF}, ignored otherwise (may be null)
 * @param rejectionSigma reject observation j when |yⱼ − ȳⱼ| > k·√((HPᶠHᵀ)ⱼⱼ + Rⱼⱼ); infinity keeps all
 * @param jitter         parameter random walk after the analysis, or null
 */
public record EnsembleFilter(Variant variant, Inflation inflation, boolean rotate, Localization localization,
                             double rejectionSigma, ParameterJitter jitter) {

    /** The analysis schemes; {@link FilterConfig} names them in configurations. */
    public enum Variant {
        /** Global ETKF with the symmetric square root, {@link Etkf#analysis}. */
        ETKF,
        /** Perturbed-observation (stochastic) EnKF, {@link EnkfAnalysis#pertObs}. */
        ENKF,
        /** Local ETKF with Gaspari–Cohn R-localization, {@link Letkf#localAnalyses}. */
        LETKF;

        /** The variant a configuration word names (etkf, enkf, letkf; the order of the error message). */
        public static Variant parse(String field, String word) {
            return ConfigWords.parse(Variant.class, field, word);
        }
    }

    public EnsembleFilter {
        java.util.Objects.requireNonNull(variant, "variant");
        java.util.Objects.requireNonNull(inflation, "inflation");
        if (variant == Variant.LETKF && localization == null) {
            throw new IllegalArgumentException("the LETKF needs a localization (radius and the model's local domains)");
        }
        if (!(rejectionSigma > 0)) {
            throw new IllegalArgumentException("observation rejection threshold must be > 0 (infinity: keep all), got "
                    + rejectionSigma);
        }
    }

    /** {@code variant} with {@code inflation} only; {@link FilterConfig} configures the rest. */
    public static EnsembleFilter of(Variant variant, Inflation inflation) {
        return new EnsembleFilter(variant, inflation, false, null, Double.POSITIVE_INFINITY, null);
    }

    /** One analysis. The inputs are not modified. */
    public AnalysisResult assimilate(ForecastEnsemble forecast, Observations observations, FilterState state) {
        if (observations.count() != forecast.obsDim()) {
            throw new IllegalArgumentException("the window has " + observations.count()
                    + " observations but the members predicted " + forecast.obsDim());
        }
        int n = forecast.members();
        int dim = forecast.stateDim();
        FilterRandom random = new FilterRandom(state.random());
        Screened screened = screen(forecast, observations);
        EnsembleSpace space = screened.space();

        double lambda = state.adaptiveInflation();
        if (inflation.adaptive() != null && space.obsDim() > 0) {
            double estimate = AdaptiveInflation.estimate(n, space.obsDim(), space.whitenedY(), space.whitenedDy());
            lambda = inflation.adaptive().update(lambda, estimate);
            scale(space.anomalies(), Math.sqrt(lambda));
            scale(space.whitenedY(), Math.sqrt(lambda));
        }

        // No usable observation (none in the window, or all rejected): the analysis is the forecast.
        double[] analysis = space.obsDim() == 0 ? space.forecast() : switch (variant) {
            case ENKF -> EnkfAnalysis.pertObs(space, random);
            case ETKF -> Etkf.analysis(space, rotate, random);
            case LETKF -> Letkf.localAnalyses(space, localization, rotate, random);
        };
        inflation.applyPosterior(analysis, space.anomalies(), n, dim);
        if (jitter != null) {
            jitter.apply(analysis, n, dim, random);
        }

        AnalysisStats stats = new AnalysisStats(space.obsDim(), observations.count() - space.obsDim(),
                screened.innovationMean(), screened.innovationMeanSquare(), screened.expectedVariance(),
                screened.normalized(), lambda, EnsembleOps.spread(forecast.states(), n, dim, 0, dim),
                EnsembleOps.spread(analysis, n, dim, 0, dim));
        FilterState next = new FilterState(state.window() + 1, lambda, random.state());
        return new AnalysisResult(analysis, next, stats);
    }

    private record Screened(EnsembleSpace space, double innovationMean, double innovationMeanSquare,
                            double expectedVariance, double normalized) {
    }

    /** Means, anomalies, innovation check and whitening. */
    private Screened screen(ForecastEnsemble f, Observations obs) {
        int n = f.members();
        int dim = f.stateDim();
        int p = f.obsDim();
        double[] mean = EnsembleOps.mean(f.states(), n, dim, new double[dim]);
        double[] a = EnsembleOps.anomalies(f.states(), n, dim, mean, new double[n * dim]);
        double[] predicted = f.predicted();
        double[] yMean = EnsembleOps.mean(predicted, n, p, new double[p]);
        // Row by row (members × p can be large): the variance of each predicted observation...
        double[] yVar = new double[p];
        for (int m = 0; m < n; m++) {
            int row = m * p;
            for (int j = 0; j < p; j++) {
                double d = predicted[row + j] - yMean[j];
                yVar[j] += d * d;
            }
        }
        int[] used = new int[p];
        int kept = 0;
        double sumD = 0;
        double sumD2 = 0;
        double sumExpected = 0;
        double sumNormalized = 0;
        for (int j = 0; j < p; j++) {
            yVar[j] /= n - 1;
            double d = obs.values()[j] - yMean[j];
            double expected = yVar[j] + obs.variances()[j];
            if (Math.abs(d) > rejectionSigma * Math.sqrt(expected)) {
                continue;
            }
            used[kept++] = j;
            sumD += d;
            sumD2 += d * d;
            sumExpected += expected;
            sumNormalized += d * d / expected;
        }
        int[] index = java.util.Arrays.copyOf(used, kept);
        double[] invSigma = new double[kept];
        double[] dyw = new double[kept];
        for (int k = 0; k < kept; k++) {
            int j = index[k];
            invSigma[k] = 1 / Math.sqrt(obs.variances()[j]);
            dyw[k] = (obs.values()[j] - yMean[j]) * invSigma[k];
        }
        // ...and the whitened anomalies, written in one sequential pass.
        double[] yw = new double[n * kept];
        for (int m = 0; m < n; m++) {
            int row = m * p;
            int out = m * kept;
            for (int k = 0; k < kept; k++) {
                int j = index[k];
                yw[out + k] = (predicted[row + j] - yMean[j]) * invSigma[k];
            }
        }
        EnsembleSpace space = new EnsembleSpace(n, dim, kept, mean, a, yw, dyw, index);
        double count = Math.max(1, kept);
        return new Screened(space, kept == 0 ? Double.NaN : sumD / count, kept == 0 ? Double.NaN : sumD2 / count,
                kept == 0 ? Double.NaN : sumExpected / count, kept == 0 ? Double.NaN : sumNormalized / count);
    }

    private static void scale(double[] x, double factor) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= factor;
        }
    }
}
