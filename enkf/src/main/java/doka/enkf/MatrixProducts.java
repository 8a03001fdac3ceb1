package doka.enkf;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dense products of row-major {@code double[]} matrices. Large products go to ND4J (BLAS gemm in
 * double precision); small ones stay in plain Java, which beats ND4J's per-call overhead (copies
 * to off-heap buffers, JNI) below {@link #ND4J_MIN_MULTIPLY_ADDS} multiply-adds — measured by
 * {@code doka.enkf.bench.AnalysisBenchmark}. The choice depends only on the sizes, so a given problem
 * always takes the same path and gives the same numbers. ND4J is loaded only when first needed.
 */
public final class MatrixProducts {
    /** Products with at least this many multiply-adds (m·k·n) use ND4J. */
    public static final long ND4J_MIN_MULTIPLY_ADDS = 4_000_000L;

    private MatrixProducts() {
    }

    /** {@code out (m×n) = a (m×k) · b (k×n)}. */
    public static double[] mult(double[] a, int m, int k, double[] b, int n, double[] out) {
        checkSize(a, (long) m * k, "a");
        checkSize(b, (long) k * n, "b");
        checkSize(out, (long) m * n, "out");
        if ((long) m * k * n >= ND4J_MIN_MULTIPLY_ADDS) {
            return Nd4jProducts.gemm(a, m, k, false, b, n, out);
        }
        java.util.Arrays.fill(out, 0, m * n, 0.0);
        for (int i = 0; i < m; i++) {
            int outRow = i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                if (aip == 0.0) {
                    continue;
                }
                int bRow = p * n;
                for (int j = 0; j < n; j++) {
                    out[outRow + j] += aip * b[bRow + j];
                }
            }
        }
        return out;
    }

    /** {@code out (m×n) = a (m×k) · bᵀ} where {@code b} is n×k. */
    public static double[] multTransB(double[] a, int m, int k, double[] b, int n, double[] out) {
        checkSize(a, (long) m * k, "a");
        checkSize(b, (long) n * k, "b");
        checkSize(out, (long) m * n, "out");
        if ((long) m * k * n >= ND4J_MIN_MULTIPLY_ADDS) {
            return Nd4jProducts.gemm(a, m, k, true, b, n, out);
        }
        for (int i = 0; i < m; i++) {
            int aRow = i * k;
            for (int j = 0; j < n; j++) {
                int bRow = j * k;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[aRow + p] * b[bRow + p];
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    /** {@code out (m×m) = a · aᵀ} for a (m×k): the symmetric Gram matrix of the rows. */
    public static double[] gram(double[] a, int m, int k, double[] out) {
        if ((long) m * k * m >= ND4J_MIN_MULTIPLY_ADDS) {
            // gemm, not syrk: ND4J 1.0.0-M2.1's level3().syrk computes with K = 1 (probed), so it is unusable.
            return multTransB(a, m, k, a, m, out);
        }
        checkSize(a, (long) m * k, "a");
        checkSize(out, (long) m * m, "out");
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * a[j * k + p];
                }
                out[i * m + j] = s;
                out[j * m + i] = s;
            }
        }
        return out;
    }

    /** {@code out (m) = a (m×k) · x (k)}. */
    public static double[] multVector(double[] a, int m, int k, double[] x, double[] out) {
        for (int i = 0; i < m; i++) {
            double s = 0;
            int row = i * k;
            for (int p = 0; p < k; p++) {
                s += a[row + p] * x[p];
            }
            out[i] = s;
        }
        return out;
    }

    private static void checkSize(double[] x, long needed, String name) {
        if (x.length < needed) {
            throw new IllegalArgumentException("matrix " + name + " has " + x.length + " entries, expected at least "
                    + needed);
        }
    }

    /** Isolated so that ND4J's classes (and its native start-up) load only on the first large product. */
    static final class Nd4jProducts {
        static {
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        }

        static double[] gemm(double[] a, int m, int k, boolean transB, double[] b, int n, double[] out) {
            long[] bShape = transB ? new long[] {n, k} : new long[] {k, n};
            // Views of exactly the used prefix; close() frees the off-heap buffers at once instead of at GC.
            try (INDArray am = Nd4j.create(prefix(a, (long) m * k), new long[] {m, k}, DataType.DOUBLE);
                 INDArray bm = Nd4j.create(prefix(b, (long) k * n), bShape, DataType.DOUBLE);
                 INDArray cm = Nd4j.create(DataType.DOUBLE, new long[] {m, n}, 'c')) {
                Nd4j.gemm(am, bm, cm, false, transB, 1.0, 0.0);
                double[] result = cm.data().asDouble();
                System.arraycopy(result, 0, out, 0, m * n);
            }
            return out;
        }

        private static double[] prefix(double[] x, long length) {
            return x.length == length ? x : java.util.Arrays.copyOf(x, (int) length);
        }
    }
}
