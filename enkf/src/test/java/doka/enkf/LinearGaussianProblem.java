package doka.enkf;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A small linear-Gaussian system (n = 6 states, p = 4 observations through a dense H, diagonal R of unequal
 * variances, a linear model M) with the exact Kalman filter as reference, and ensembles whose sample mean and
 * covariance equal a given (m, P) exactly, so that the square-root filters must reproduce the Kalman filter
 * to rounding error.
 */
final class LinearGaussianProblem {
    static final int N_STATE = 6;
    static final int N_OBS = 4;

    final RealMatrix h;
    final RealMatrix m;
    final double[] r;
    final RealVector mean0;
    final RealMatrix cov0;

    LinearGaussianProblem(long seed) {
        FilterRandom random = new FilterRandom(seed);
        h = random(N_OBS, N_STATE, random);
        // M: a damped rotation plus small coupling, so the covariance neither explodes nor collapses.
        RealMatrix mm = MatrixUtils.createRealIdentityMatrix(N_STATE).scalarMultiply(0.9)
                .add(random(N_STATE, N_STATE, random).scalarMultiply(0.15));
        m = mm;
        r = new double[] {0.5, 1.0, 2.0, 0.8};
        mean0 = MatrixUtils.createRealVector(new double[] {1, -2, 0.5, 3, 0, -1});
        RealMatrix b = random(N_STATE, N_STATE, random);
        cov0 = b.multiply(b.transpose()).add(MatrixUtils.createRealIdentityMatrix(N_STATE));
    }

    static RealMatrix random(int rows, int cols, FilterRandom random) {
        RealMatrix a = new Array2DRowRealMatrix(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a.setEntry(i, j, random.nextGaussian());
            }
        }
        return a;
    }

    /** N members (N > n) with sample mean {@code mean} and sample covariance (N−1 denominator) {@code cov}, exactly. */
    static double[] exactEnsemble(RealVector mean, RealMatrix cov, int members, FilterRandom random) {
        int n = mean.getDimension();
        RealMatrix z = random(members, n, random);
        double[] mu = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < members; i++) {
                mu[j] += z.getEntry(i, j) / members;
            }
        }
        for (int i = 0; i < members; i++) {
            for (int j = 0; j < n; j++) {
                z.addToEntry(i, j, -mu[j]);
            }
        }
        RealMatrix s = z.transpose().multiply(z).scalarMultiply(1.0 / (members - 1));
        RealMatrix ls = new CholeskyDecomposition(s).getL();
        RealMatrix lp = new CholeskyDecomposition(cov).getL();
        // z · Ls⁻ᵀ has identity sample covariance; · Lpᵀ gives cov.
        RealMatrix white = z.multiply(MatrixUtils.inverse(ls).transpose());
        RealMatrix x = white.multiply(lp.transpose());
        double[] e = new double[members * n];
        for (int i = 0; i < members; i++) {
            for (int j = 0; j < n; j++) {
                e[i * n + j] = mean.getEntry(j) + x.getEntry(i, j);
            }
        }
        return e;
    }

    /** Predicted observations H·xₘ of each member (N×p). */
    double[] predict(double[] e, int members) {
        double[] y = new double[members * N_OBS];
        for (int mIdx = 0; mIdx < members; mIdx++) {
            for (int j = 0; j < N_OBS; j++) {
                double s = 0;
                for (int k = 0; k < N_STATE; k++) {
                    s += h.getEntry(j, k) * e[mIdx * N_STATE + k];
                }
                y[mIdx * N_OBS + j] = s;
            }
        }
        return y;
    }

    /** Each member ← M·member. */
    double[] forecast(double[] e, int members) {
        double[] out = new double[e.length];
        for (int mIdx = 0; mIdx < members; mIdx++) {
            for (int i = 0; i < N_STATE; i++) {
                double s = 0;
                for (int k = 0; k < N_STATE; k++) {
                    s += m.getEntry(i, k) * e[mIdx * N_STATE + k];
                }
                out[mIdx * N_STATE + i] = s;
            }
        }
        return out;
    }

    /** The Kalman filter analysis of (mean, cov) with observation y: returns {mean_a, cov_a}. */
    Object[] kalmanAnalysis(RealVector mean, RealMatrix cov, double[] y) {
        RealMatrix rm = MatrixUtils.createRealDiagonalMatrix(r);
        RealMatrix s = h.multiply(cov).multiply(h.transpose()).add(rm);
        RealMatrix k = cov.multiply(h.transpose()).multiply(MatrixUtils.inverse(s));
        RealVector innovation = MatrixUtils.createRealVector(y).subtract(h.operate(mean));
        RealVector ma = mean.add(k.operate(innovation));
        RealMatrix pa = MatrixUtils.createRealIdentityMatrix(N_STATE).subtract(k.multiply(h)).multiply(cov);
        return new Object[] {ma, pa.add(pa.transpose()).scalarMultiply(0.5)};
    }

    static RealVector sampleMean(double[] e, int members, int n) {
        return MatrixUtils.createRealVector(EnsembleOps.mean(e, members, n, new double[n]));
    }

    static RealMatrix sampleCov(double[] e, int members, int n) {
        double[] mu = EnsembleOps.mean(e, members, n, new double[n]);
        RealMatrix c = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int mIdx = 0; mIdx < members; mIdx++) {
                    s += (e[mIdx * n + i] - mu[i]) * (e[mIdx * n + j] - mu[j]);
                }
                c.setEntry(i, j, s / (members - 1));
            }
        }
        return c;
    }
}
