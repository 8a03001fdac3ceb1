package doka.observation.analysis;

/** Time-domain statistics of sampled signals: mean and the lag of one signal behind another. */
public final class Signals {
    private Signals() {
    }

    /** Mean of the samples, 0 for none. */
    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    /**
     * Lag (ms) in [0, maxLagMs] at which the cross-correlation of b with a's earlier samples peaks
     * (b follows a by the lag), both sampled every {@code dtMs}. Means removed.
     */
    public static double lagMs(double[] a, double[] b, double dtMs, double maxLagMs) {
        int maxLag = (int) Math.round(maxLagMs / dtMs);
        double ma = mean(a), mb = mean(b);
        double best = Double.NEGATIVE_INFINITY;
        int bestLag = 0;
        for (int lag = 0; lag <= maxLag; lag++) {
            double s = 0;
            for (int i = 0; i + lag < b.length && i < a.length; i++) {
                s += (a[i] - ma) * (b[i + lag] - mb);
            }
            if (s > best) {
                best = s;
                bestLag = lag;
            }
        }
        return bestLag * dtMs;
    }

    /**
     * Lag (ms) of b behind a in [−maxLagMs, maxLagMs] at the peak of their cross-covariance
     * c(k) = Σᵢ (aᵢ − ā)(bᵢ₊ₖ − b̄), refined between samples by the parabola through the peak and its two
     * neighbours; negative when b leads. Both are sampled every {@code dtMs}.
     */
    public static double interpolatedLagMs(double[] a, double[] b, double dtMs, double maxLagMs) {
        int maxLag = (int) Math.round(maxLagMs / dtMs);
        double ma = mean(a), mb = mean(b);
        double[] c = new double[2 * maxLag + 1];
        int best = 0;
        for (int k = -maxLag; k <= maxLag; k++) {
            double s = 0;
            for (int i = Math.max(0, -k); i < a.length && i + k < b.length; i++) {
                s += (a[i] - ma) * (b[i + k] - mb);
            }
            c[k + maxLag] = s;
            if (s > c[best]) {
                best = k + maxLag;
            }
        }
        double offset = 0;
        if (best > 0 && best < c.length - 1) {
            double curvature = c[best - 1] - 2 * c[best] + c[best + 1];
            offset = curvature < 0 ? 0.5 * (c[best - 1] - c[best + 1]) / curvature : 0;
        }
        return (best - maxLag + offset) * dtMs;
    }
}
