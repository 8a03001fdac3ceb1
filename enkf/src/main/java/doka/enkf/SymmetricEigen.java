package doka.enkf;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Eigen-decomposition of a small symmetric matrix (ensemble space, N×N), {@code S = V·diag(s)·Vᵀ}. Below
 * {@link #LAPACK_MIN_SIZE} Commons Math's Householder + QL (no native call overhead); from there on LAPACK's
 * {@code dsyev} through ND4J, about ten times faster at N = 100 (see {@code AnalysisBenchmark}). The choice
 * depends only on N, so a given problem always takes the same path.
 */
public final class SymmetricEigen {
    /** Matrices of at least this order go to LAPACK. */
    public static final int LAPACK_MIN_SIZE = 48;

    private SymmetricEigen() {
    }

    /**
     * Decomposes symmetric {@code s} (n×n, row-major) into eigenvalues {@code values} (n) and eigenvectors as the
     * columns of {@code vectors} (n×n, row-major).
     *
     * @throws ArithmeticException if the matrix holds a non-finite entry
     */
    public static void decompose(double[] s, int n, double[] values, double[] vectors) {
        if (n >= LAPACK_MIN_SIZE) {
            decomposeLapack(s, n, values, vectors);
        } else {
            decomposeJava(s, n, values, vectors);
        }
    }

    /**
     * Loads what decomposing an n×n matrix needs (ND4J's native backend from {@link #LAPACK_MIN_SIZE} on), so that the
     * first analysis does not pay for it; nothing for smaller n.
     */
    public static void prepare(int n) {
        if (n >= LAPACK_MIN_SIZE) {
            double[] identity = new double[n * n];
            for (int i = 0; i < n; i++) {
                identity[i * n + i] = 1;
            }
            decomposeLapack(identity, n, new double[n], new double[n * n]);
        }
    }

    static void decomposeLapack(double[] s, int n, double[] values, double[] vectors) {
        double[] sym = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = s[i * n + j];
                if (!Double.isFinite(v)) {
                    throw nonFinite(i, j);
                }
                sym[i * n + j] = 0.5 * (v + s[j * n + i]);
            }
        }
        // dsyev overwrites the matrix with the eigenvectors (as columns).
        try (INDArray a = Nd4j.create(sym, new long[] {n, n}, DataType.DOUBLE);
             INDArray ev = Eigen.symmetricGeneralizedEigenvalues(a, true)) {
            for (int k = 0; k < n; k++) {
                values[k] = ev.getDouble(k);
                for (int i = 0; i < n; i++) {
                    vectors[i * n + k] = a.getDouble(i, k);
                }
            }
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(values[k])) {
                throw new ArithmeticException("LAPACK dsyev did not converge on the " + n + "×" + n
                        + " ensemble-space matrix");
            }
        }
    }

    static void decomposeJava(double[] s, int n, double[] values, double[] vectors) {
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = s[i * n + j];
                if (!Double.isFinite(v)) {
                    throw nonFinite(i, j);
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

    private static ArithmeticException nonFinite(int i, int j) {
        return new ArithmeticException("ensemble-space matrix has a non-finite entry at (" + i + ", " + j
                + "): the ensemble or the observations hold NaN or infinity");
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
