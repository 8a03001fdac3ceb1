package doka.enkf;

/**
 * Ensemble statistics on row-major {@code double[]} matrices in EJML style: one row per member,
 * explicit row and column counts, the output passed in and returned.
 */
public final class EnsembleOps {
    private EnsembleOps() {
    }

    /** Column means of {@code e} (rows × cols) into {@code out} (cols). */
    public static double[] mean(double[] e, int rows, int cols, double[] out) {
        java.util.Arrays.fill(out, 0, cols, 0.0);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c] += e[base + c];
            }
        }
        double inv = 1.0 / rows;
        for (int c = 0; c < cols; c++) {
            out[c] *= inv;
        }
        return out;
    }

    /** {@code out = e - 1·meanᵀ} (rows × cols); {@code out} may be {@code e}. */
    public static double[] anomalies(double[] e, int rows, int cols, double[] mean, double[] out) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[base + c] = e[base + c] - mean[c];
            }
        }
        return out;
    }

    /** Sample variance (denominator rows − 1) of each column of anomalies {@code a} into {@code out}. */
    public static double[] columnVariance(double[] a, int rows, int cols, double[] out) {
        java.util.Arrays.fill(out, 0, cols, 0.0);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                double v = a[base + c];
                out[c] += v * v;
            }
        }
        double inv = 1.0 / Math.max(1, rows - 1);
        for (int c = 0; c < cols; c++) {
            out[c] *= inv;
        }
        return out;
    }

    /** Ensemble spread: √(mean over columns {@code [from, to)} of the sample variance of ensemble {@code e}). */
    public static double spread(double[] e, int rows, int cols, int from, int to) {
        double sum = 0;
        for (int c = from; c < to; c++) {
            double m = 0;
            for (int r = 0; r < rows; r++) {
                m += e[r * cols + c];
            }
            m /= rows;
            double v = 0;
            for (int r = 0; r < rows; r++) {
                double d = e[r * cols + c] - m;
                v += d * d;
            }
            sum += v / Math.max(1, rows - 1);
        }
        return Math.sqrt(sum / (to - from));
    }

    /** √(mean of (a[i] − b[i])²) over {@code i ∈ [from, to)}. */
    public static double rmse(double[] a, double[] b, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum / (to - from));
    }

    /** {@code out = 1·meanᵀ + W·A}: the ensemble from its mean and a transform W (N×N) of anomalies A (N×cols). */
    public static double[] recompose(double[] mean, double[] w, double[] a, int n, int cols, double[] out) {
        MatrixProducts.mult(w, n, n, a, cols, out);
        for (int r = 0; r < n; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[base + c] += mean[c];
            }
        }
        return out;
    }
}
