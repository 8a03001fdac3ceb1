package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Both paths (Commons Math below {@link SymmetricEigen#LAPACK_MIN_SIZE}, LAPACK above) decompose exactly. */
class TestSymmetricEigen {
    private final FilterRandom random = new FilterRandom(2);

    private double[] spd(int n) {
        double[] g = new double[n * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = random.nextGaussian();
        }
        double[] s = MatrixProducts.multTransB(g, n, n, g, n, new double[n * n]);
        for (int i = 0; i < n; i++) {
            s[i * n + i] += 1;
        }
        return s;
    }

    private static void assertDecomposition(double[] s, int n, double[] values, double[] vectors) {
        double[] back = SymmetricEigen.compose(vectors, values, n, new double[n * n]);
        double[] vtv = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += vectors[k * n + i] * vectors[k * n + j];
                }
                vtv[i * n + j] = dot;
            }
        }
        for (int i = 0; i < n * n; i++) {
            assertEquals(s[i], back[i], 1e-9 * n, "V diag(s) Vᵀ = S at " + i);
            assertEquals(i % (n + 1) == 0 ? 1 : 0, vtv[i], 1e-10, "VᵀV = I at " + i);
        }
    }

    @Test
    void bothPathsReconstructTheMatrixWithOrthonormalVectors() {
        for (int n : new int[] {1, 5, 47, 48, 100}) {
            double[] s = spd(n);
            double[] values = new double[n];
            double[] vectors = new double[n * n];
            SymmetricEigen.decomposeJava(s, n, values, vectors);
            assertDecomposition(s, n, values, vectors);
            double trace = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                trace += s[i * n + i];
                sum += values[i];
            }
            assertEquals(trace, sum, 1e-9 * trace);
            double[] lValues = new double[n];
            double[] lVectors = new double[n * n];
            SymmetricEigen.decomposeLapack(s, n, lValues, lVectors);
            assertDecomposition(s, n, lValues, lVectors);
        }
    }

    @Test
    void repeatedEigenvaluesOfTheEnsembleMatrix() {
        // YYᵀ + (N−1)I with rank(YYᵀ) = 1: N−1 equal eigenvalues, as in a filter with one observation.
        int n = 60;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextGaussian();
        }
        double[] c = MatrixProducts.multTransB(y, n, 1, y, n, new double[n * n]);
        for (int i = 0; i < n; i++) {
            c[i * n + i] += n - 1;
        }
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        SymmetricEigen.decompose(c, n, values, vectors);
        assertDecomposition(c, n, values, vectors);
    }

    @Test
    void nonFiniteEntriesAreAnError() {
        double[] s = {1, Double.NaN, Double.NaN, 1};
        assertThrows(ArithmeticException.class, () -> SymmetricEigen.decompose(s, 2, new double[2], new double[4]));
    }
}
