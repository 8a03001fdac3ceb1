package doka.enkf;

/**
 * Mean-preserving random orthogonal matrices for square-root filters (Sakov & Oke 2008, "Implications of
 * the form of the ensemble transformation in the ensemble square root filters", MWR 136): Q with
 * {@code Q·1 = 1}, so that {@code Q·T} keeps the analysis anomalies centred (and their covariance). Built as
 * {@code Q = U·diag(1, Q')·Uᵀ}, U orthonormal with first column 1/√N and Q' Haar-distributed on O(N−1)
 * (QR of a Gaussian matrix with the signs of R's diagonal fixed, Mezzadri 2007).
 */
public final class Rotation {
    private Rotation() {
    }

    /** A random mean-preserving orthogonal N×N matrix (row-major). */
    public static double[] meanPreserving(int n, FilterRandom random) {
        double[] q = new double[n * n];
        if (n == 1) {
            q[0] = 1;
            return q;
        }
        int m = n - 1;
        double[] haar = haarOrthogonal(m, random);
        double[] u = helmertBasis(n);
        // block = diag(1, Q'); q = U · block · Uᵀ
        double[] block = new double[n * n];
        block[0] = 1;
        for (int i = 0; i < m; i++) {
            System.arraycopy(haar, i * m, block, (i + 1) * n + 1, m);
        }
        double[] ub = MatrixProducts.mult(u, n, n, block, n, new double[n * n]);
        return MatrixProducts.multTransB(ub, n, n, u, n, q);
    }

    /** Orthonormal basis (columns) whose first column is 1/√n (Helmert). */
    static double[] helmertBasis(int n) {
        double[] u = new double[n * n];
        double first = 1 / Math.sqrt(n);
        for (int i = 0; i < n; i++) {
            u[i * n] = first;
        }
        for (int k = 1; k < n; k++) {
            double norm = Math.sqrt((double) k * (k + 1));
            for (int i = 0; i < k; i++) {
                u[i * n + k] = 1 / norm;
            }
            u[k * n + k] = -k / norm;
        }
        return u;
    }

    /** Haar-distributed orthogonal m×m matrix via modified Gram–Schmidt on a Gaussian matrix. */
    static double[] haarOrthogonal(int m, FilterRandom random) {
        double[] g = new double[m * m];
        for (int i = 0; i < g.length; i++) {
            g[i] = random.nextGaussian();
        }
        // Gram–Schmidt on columns; positive diagonal of R is the sign convention that makes Q Haar-distributed.
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < m; i++) {
                    dot += g[i * m + j] * g[i * m + k];
                }
                for (int i = 0; i < m; i++) {
                    g[i * m + k] -= dot * g[i * m + j];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += g[i * m + k] * g[i * m + k];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) {
                g[i * m + k] /= norm;
            }
        }
        return g;
    }
}
