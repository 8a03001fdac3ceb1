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
}
