package doka.observation.operator;

/**
 * A GCaMP-like response to one spike: a difference of exponentials normalised to peak
 * {@code amplitudeDff},
 * <pre>
 *   k(t) = A · (e^{−t/τd} − e^{−t/τr}) / k*,   t ≥ 0,
 *   t_p  = τd·τr / (τd − τr) · ln(τd/τr)   (time of the peak),
 *   k*   = e^{−t_p/τd} − e^{−t_p/τr},
 * </pre>
 * followed per cell by an optional saturation {@code F = x / (1 + x / F_sat)}, which is ≈ x for
 * small x and tends to {@code F_sat} for large x.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>riseMs</td><td>ms</td><td>rise time constant τr, {@code 0 < τr < τd}</td></tr>
 *   <tr><td>decayMs</td><td>ms</td><td>decay time constant τd</td></tr>
 *   <tr><td>amplitudeDff</td><td>ΔF/F</td><td>peak response to one isolated spike, {@code > 0}</td></tr>
 *   <tr><td>saturationDff</td><td>ΔF/F</td><td>saturation level F_sat, {@code > 0}; +∞ for a linear indicator</td></tr>
 * </table>
 */
public record CalciumKernel(double riseMs, double decayMs, double amplitudeDff, double saturationDff) {
    public CalciumKernel {
        if (!(riseMs > 0 && decayMs > riseMs && Double.isFinite(decayMs))) {
            throw new IllegalArgumentException("calcium kernel needs 0 < riseMs < decayMs < ∞; got rise " + riseMs
                    + " ms, decay " + decayMs + " ms");
        }
        if (!(amplitudeDff > 0 && Double.isFinite(amplitudeDff))) {
            throw new IllegalArgumentException("amplitudeDff must be finite and > 0, got " + amplitudeDff);
        }
        if (!(saturationDff > 0)) {
            throw new IllegalArgumentException("saturationDff must be > 0 (+Infinity for none), got " + saturationDff);
        }
    }

    /**
     * Indicative GCaMP6f-like values (fast rise, ≈ 0.14 s half-decay, ≈ 0.2 ΔF/F per isolated spike, in
     * the range reported by Chen et al. 2013, Nature 499:295); calibrate against the indicator you fit.
     */
    public static CalciumKernel gcamp6fLike() {
        return new CalciumKernel(20.0, 200.0, 0.2, Double.POSITIVE_INFINITY);
    }

    /** Time of the single-spike peak after the spike, ms. */
    public double peakTimeMs() {
        return decayMs * riseMs / (decayMs - riseMs) * Math.log(decayMs / riseMs);
    }

    /** {@code A / k*}: the factor applied to {@code e^{−t/τd} − e^{−t/τr}}. */
    double scale() {
        double tp = peakTimeMs();
        return amplitudeDff / (Math.exp(-tp / decayMs) - Math.exp(-tp / riseMs));
    }

    /** Response {@code k(t)} to one spike {@code t} ms ago (0 for t < 0), before saturation. */
    public double response(double tMs) {
        return tMs < 0 ? 0.0 : scale() * (Math.exp(-tMs / decayMs) - Math.exp(-tMs / riseMs));
    }

    /** The per-cell saturation {@code x / (1 + x / F_sat)}. */
    public double saturate(double x) {
        return saturationDff == Double.POSITIVE_INFINITY ? x : x / (1.0 + x / saturationDff);
    }
}
