package doka.enkf;

/**
 * Adaptive multiplicative prior inflation estimated from the innovations (Li, Kalnay & Miyoshi 2009,
 * QJRMS 135, "Simultaneous estimation of covariance inflation and observation errors within an ensemble
 * Kalman filter", eq. 4 with the temporal smoothing of their §2). With the whitened mean innovation dy (p)
 * and whitened anomalies Y (N×p), E[dyᵀdy] = λ·tr(YᵀY)/(N−1) + p, so each window gives the estimate
 * <pre>
 *   λₒ = (dyᵀdy − p) / (‖Y‖²_F / (N − 1))
 *   λ  ← λ + κ·(λₒ − λ),   clamped to [1, maxFactor]
 * </pre>
 * λ is a variance factor: the forecast anomalies (state and predicted observations) are multiplied by √λ
 * before the analysis. λ is part of the {@link FilterState} so a resumed run continues the same estimate.
 *
 * @param smoothing κ ∈ (0, 1]: weight of the newest estimate (Li et al. use a small weight, e.g. 0.05)
 * @param maxFactor upper bound of λ (≥ 1)
 */
public record AdaptiveInflation(double smoothing, double maxFactor) {
    public AdaptiveInflation {
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("adaptive inflation smoothing must be in (0, 1], got " + smoothing);
        }
        if (!(maxFactor >= 1) || Double.isInfinite(maxFactor)) {
            throw new IllegalArgumentException("adaptive inflation maxFactor must be finite and ≥ 1, got " + maxFactor);
        }
    }

    /** The raw estimate λₒ of one window (may be below 1 or negative when the ensemble is over-dispersive). */
    public static double estimate(int members, int obsDim, double[] whitenedY, double[] whitenedDy) {
        double dd = 0;
        for (int j = 0; j < obsDim; j++) {
            dd += whitenedDy[j] * whitenedDy[j];
        }
        double yy = 0;
        for (int i = 0; i < members * obsDim; i++) {
            yy += whitenedY[i] * whitenedY[i];
        }
        if (yy == 0) {
            return 1;
        }
        return (dd - obsDim) / (yy / (members - 1));
    }

    /** The smoothed factor after this window. */
    public double update(double previous, double estimate) {
        double next = previous + smoothing * (estimate - previous);
        return Math.max(1.0, Math.min(maxFactor, next));
    }
}
