package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The ND4J path (large products) and the plain-Java path agree with a naive triple loop. */
class TestMatrixProducts {
    private final FilterRandom random = new FilterRandom(5);

    private double[] randomMatrix(int rows, int cols) {
        double[] a = new double[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        return a;
    }

    private static double naive(double[] a, int k, double[] b, int n, int i, int j, boolean transB) {
        double s = 0;
        for (int p = 0; p < k; p++) {
            s += a[i * k + p] * (transB ? b[j * k + p] : b[p * n + j]);
        }
        return s;
    }

    @Test
    void smallAndLargeProductsMatchNaiveLoops() {
        int[][] sizes = {{3, 4, 5}, {20, 40, 20}, {60, 2000, 70}, {100, 1000, 100}};
        for (int[] s : sizes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            double[] a = randomMatrix(m, k);
            double[] b = randomMatrix(k, n);
            double[] bt = randomMatrix(n, k);
            double[] c = MatrixProducts.mult(a, m, k, b, n, new double[m * n]);
            double[] ct = MatrixProducts.multTransB(a, m, k, bt, n, new double[m * n]);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(naive(a, k, b, n, i, j, false), c[i * n + j], 1e-10 * k, "mult " + m + "x" + k + "x" + n);
                    assertEquals(naive(a, k, bt, n, i, j, true), ct[i * n + j], 1e-10 * k, "multTransB");
                }
            }
            double[] g = MatrixProducts.gram(a, m, k, new double[m * m]);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    assertEquals(naive(a, k, a, m, i, j, true), g[i * m + j], 1e-10 * k, "gram");
                }
            }
        }
    }

    @Test
    void ensembleRecompositionAddsTheMean() {
        double[] w = {1, 0, 0, 1};
        double[] a = {1, 2, -1, -2};
        double[] out = EnsembleOps.recompose(new double[] {10, 20}, w, a, 2, 2, new double[4]);
        assertEquals(11, out[0]);
        assertEquals(18, out[3]);
    }

    @Test
    void wrongSizesAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> MatrixProducts.mult(new double[3], 2, 2, new double[4], 2,
                new double[4]));
    }
}
