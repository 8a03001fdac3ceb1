package doka.enkf;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Eigen-decomposition of a small symmetric matrix (ensemble space, N×N), {@code S = V·diag(s)·Vᵀ}.
 * Commons Math's Householder + QL algorithm; only the N×N step uses its {@code double[][]} objects.
 */
public final class SymmetricEigen {
    private SymmetricEigen() {
    }

    /**
     * Decomposes symmetric {@code s} (n×n, row-major) into eigenvalues {@code values} (n) and eigenvectors as the
     * columns of {@code vectors} (n×n, row-major).
     *
     * @throws ArithmeticException if the matrix holds a non-finite entry
     */
    public static void decompose(double[] s, int n, double[] values, double[] vectors) {
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = s[i * n + j];
                if (!Double.isFinite(v)) {
                    throw new ArithmeticException("ensemble-space matrix has a non-finite entry at (" + i + ", " + j
                            + "): the ensemble or the observations hold NaN or infinity");
                }
                // Symmetrize exactly: rounding in the product must not make the QL algorithm take the general path.
                rows[i][j] = 0.5 * (v + s[j * n + i]);
            }
        }
        EigenDecomposition eig = new EigenDecomposition((RealMatrix) new Array2DRowRealMatrix(rows, false));
        double[] ev = eig.getRealEigenvalues();
        RealMatrix v = eig.getV();
        for (int j = 0; j < n; j++) {
            values[j] = ev[j];
            for (int i = 0; i < n; i++) {
                vectors[i * n + j] = v.getEntry(i, j);
            }
        }
    }

    /**
     * {@code out = V·diag(f(s))·Vᵀ} for the decomposition {@code (values, vectors)} and the per-eigenvalue factors
     * {@code factors} (n).
     */
    public static double[] compose(double[] vectors, double[] factors, int n, double[] out) {
        java.util.Arrays.fill(out, 0, n * n, 0.0);
        for (int k = 0; k < n; k++) {
            double f = factors[k];
            for (int i = 0; i < n; i++) {
                double vik = vectors[i * n + k] * f;
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    out[row + j] += vik * vectors[j * n + k];
                }
            }
        }
        return out;
    }
}
