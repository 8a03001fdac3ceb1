package doka.enkf;

import java.util.function.IntFunction;

import doka.enkf.EnsembleFilter.Variant;

/**
 * How to filter, independent of the model and of where the settings came from (a JSON run configuration,
 * the {@code lorenz96}/{@code lorenz63} options, a test): {@link #build} turns it into the
 * {@link EnsembleFilter} for a filter vector. The values are checked where they are used, by
 * {@link Inflation}, {@link Localization}, {@link EnsembleFilter} and {@link ParameterJitter}.
 *
 * @param kind         the analysis: etkf, enkf (perturbed observations) or letkf
 * @param inflation    multiplicative, relaxation (RTPS or RTPP) and adaptive inflation
 * @param localization LETKF Gaspari–Cohn half-width in the model's distance unit; infinity: none; ignored by
 *                     the global analyses
 * @param rotate       random mean-preserving rotation of the ETKF/LETKF transform
 * @param rejectSigma  reject observations whose innovation exceeds this many σ; infinity keeps all
 * @param jitter       random-walk standard deviation (transformed units) of every estimated parameter after each
 *                     analysis, or null for none (0 still draws, keeping the filter's stream as it was)
 */
public record FilterConfig(Variant kind, Inflation inflation, double localization, boolean rotate,
                           double rejectSigma, Double jitter) {
    public FilterConfig {
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(inflation, "inflation");
    }

    /** {@code kind} with multiplicative inflation only: no localization, rotation, rejection or jitter. */
    public static FilterConfig of(Variant kind, double inflation) {
        return new FilterConfig(kind, Inflation.multiplicative(inflation), Double.POSITIVE_INFINITY, false,
                Double.POSITIVE_INFINITY, null);
    }

    public FilterConfig withInflation(Inflation i) {
        return new FilterConfig(kind, i, localization, rotate, rejectSigma, jitter);
    }

    public FilterConfig withLocalization(double radius) {
        return new FilterConfig(kind, inflation, radius, rotate, rejectSigma, jitter);
    }

    public FilterConfig withRotation(boolean r) {
        return new FilterConfig(kind, inflation, localization, r, rejectSigma, jitter);
    }

    public FilterConfig withJitter(Double sd) {
        return new FilterConfig(kind, inflation, localization, rotate, rejectSigma, sd);
    }

    /**
     * The filter for vectors of {@code dim} components whose estimated parameters are components
     * {@code firstParameter}.. (none when {@code firstParameter == dim}).
     *
     * @param domains the model's local domains for a vector length; asked only by the LETKF
     */
    public EnsembleFilter build(int dim, int firstParameter, IntFunction<LocalDomains> domains) {
        Localization local = kind == Variant.LETKF ? new Localization(localization, domains.apply(dim)) : null;
        ParameterJitter walk = null;
        if (jitter != null && firstParameter < dim) {
            int[] components = new int[dim - firstParameter];
            double[] sd = new double[components.length];
            for (int i = 0; i < components.length; i++) {
                components[i] = firstParameter + i;
                sd[i] = jitter;
            }
            walk = new ParameterJitter(components, sd);
        }
        return new EnsembleFilter(kind, inflation, rotate, local, rejectSigma, walk);
    }
}
