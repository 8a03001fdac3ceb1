package doka.enkf;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A linear-Gaussian inverse problem for calibration tests: d = 3 parameters, p = 5 statistics G(θ) = Hθ with a
 * dense H, diagonal Γ of unequal variances, Gaussian prior N(m₀, P₀), and its exact posteriors: with the data
 * weighted k times (Γ/k), P_k = (P₀⁻¹ + k·HᵀΓ⁻¹H)⁻¹ and m_k = P_k(P₀⁻¹m₀ + k·HᵀΓ⁻¹y); k = 1 is the Bayesian
 * posterior, k → ∞ the least-squares solution (HᵀΓ⁻¹H)⁻¹HᵀΓ⁻¹y.
 */
final class LinearInverseProblem {
    static final int D = 3;
    static final int P = 5;

    final RealMatrix h;
    final double[] variance = {0.4, 1.0, 0.25, 2.0, 0.6};
    final RealVector mean0 = MatrixUtils.createRealVector(new double[] {1.0, -0.5, 2.0});
    final RealMatrix cov0;
    final double[] y;

    LinearInverseProblem(long seed) {
        FilterRandom random = new FilterRandom(seed);
        h = LinearGaussianProblem.random(P, D, random);
        RealMatrix b = LinearGaussianProblem.random(D, D, random);
        cov0 = b.multiply(b.transpose()).scalarMultiply(0.5).add(MatrixUtils.createRealIdentityMatrix(D));
        // data from a truth drawn from the prior, plus noise of variance Γ
        RealVector truth = mean0.add(MatrixUtils.createRealVector(new double[] {0.8, -1.1, 0.4}));
        double[] g = h.operate(truth).toArray();
        y = new double[P];
        for (int j = 0; j < P; j++) {
            y[j] = g[j] + Math.sqrt(variance[j]) * random.nextGaussian();
        }
    }

    /** G(θ) = Hθ; the seed is unused (the model is deterministic). */
    ForwardModel model() {
        return (theta, seed) -> h.operate(theta);
    }

    /** The posterior with the data weighted k times: {mean, covariance}. */
    Object[] posterior(double k) {
        RealMatrix gammaInv = MatrixUtils.createRealIdentityMatrix(P);
        for (int j = 0; j < P; j++) {
            gammaInv.setEntry(j, j, k / variance[j]);
        }
        RealMatrix p0Inv = MatrixUtils.inverse(cov0);
        RealMatrix cov = MatrixUtils.inverse(p0Inv.add(h.transpose().multiply(gammaInv).multiply(h)));
        RealVector mean = cov.operate(p0Inv.operate(mean0).add(h.transpose().multiply(gammaInv)
                .operate(MatrixUtils.createRealVector(y))));
        return new Object[] {mean, cov};
    }

    RealVector leastSquares() {
        RealMatrix gammaInv = MatrixUtils.createRealIdentityMatrix(P);
        for (int j = 0; j < P; j++) {
            gammaInv.setEntry(j, j, 1 / variance[j]);
        }
        RealMatrix normal = h.transpose().multiply(gammaInv).multiply(h);
        return MatrixUtils.inverse(normal).operate(h.transpose().multiply(gammaInv).operate(MatrixUtils.createRealVector(y)));
    }

    /** N members whose sample mean and covariance are the prior's exactly. */
    double[] prior(int members, long seed) {
        return LinearGaussianProblem.exactEnsemble(mean0, cov0, members, new FilterRandom(seed));
    }

    static ParameterTransform[] identity() {
        ParameterTransform[] t = new ParameterTransform[D];
        java.util.Arrays.fill(t, new ParameterTransform.Identity());
        return t;
    }

    /**
     * The largest error of the ensemble's mean in posterior standard deviations, max_i |x̄_i − m_i|/√P_ii, and of its
     * covariance relative to the posterior's, max_ij |C_ij − P_ij|/√(P_ii P_jj).
     */
    static double[] errors(double[] ensemble, int members, Object[] posterior) {
        RealVector m = (RealVector) posterior[0];
        RealMatrix p = (RealMatrix) posterior[1];
        RealVector xm = LinearGaussianProblem.sampleMean(ensemble, members, D);
        RealMatrix c = LinearGaussianProblem.sampleCov(ensemble, members, D);
        double meanErr = 0;
        double covErr = 0;
        for (int i = 0; i < D; i++) {
            meanErr = Math.max(meanErr, Math.abs(xm.getEntry(i) - m.getEntry(i)) / Math.sqrt(p.getEntry(i, i)));
            for (int j = 0; j < D; j++) {
                covErr = Math.max(covErr, Math.abs(c.getEntry(i, j) - p.getEntry(i, j))
                        / Math.sqrt(p.getEntry(i, i) * p.getEntry(j, j)));
            }
        }
        return new double[] {meanErr, covErr};
    }
}
