package doka.enkf;

/**
 * The stochastic (perturbed-observation) EnKF (Burgers, van Leeuwen & Evensen 1998; Evensen 2003), written
 * in ensemble space through the Woodbury identity so that its cost is linear in p. With whitened anomalies
 * Y (N×p), whitened mean innovation dy (p) and whitened observation perturbations D (N×p, standard normal,
 * centred over members):
 * <pre>
 *   C  = Y·Yᵀ + N1·I                                  (N×N)
 *   Δ  = 1·dyᵀ − Y + D                                (N×p)  member innovations y + εₘ − Hxₘ, whitened
 *   Eᵃ = 1x̄ᵀ + (I + Δ·Yᵀ·C⁻¹)·A
 * </pre>
 * which equals Eᵃ = E + Δ̃·Kᵀ with the ensemble gain K = AᵀY(YᵀY + N1·R)⁻¹ of the unwhitened problem.
 */
public final class EnkfAnalysis {
    private EnkfAnalysis() {
    }

    /** The perturbed-observation analysis of {@code space}; returns Eᵃ (N×n). */
    public static double[] pertObs(EnsembleSpace space, FilterRandom random) {
        int n = space.members();
        int p = space.obsDim();
        double[] y = space.whitenedY();
        double[] dy = space.whitenedDy();
        double[] delta = new double[n * p];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = random.nextGaussian();
        }
        double[] perturbationMean = EnsembleOps.mean(delta, n, p, new double[p]);
        for (int m = 0; m < n; m++) {
            int row = m * p;
            for (int j = 0; j < p; j++) {
                delta[row + j] += dy[j] - y[row + j] - perturbationMean[j];
            }
        }
        double[] c = MatrixProducts.gram(y, n, p, new double[n * n]);
        for (int i = 0; i < n; i++) {
            c[i * n + i] += n - 1;
        }
        double[] s = new double[n];
        double[] v = new double[n * n];
        SymmetricEigen.decompose(c, n, s, v);
        double[] inverse = new double[n];
        for (int k = 0; k < n; k++) {
            if (!(s[k] > 0)) {
                throw new ArithmeticException("ensemble-space matrix YYᵀ + (N−1)I is not positive definite");
            }
            inverse[k] = 1 / s[k];
        }
        double[] cInverse = SymmetricEigen.compose(v, inverse, n, new double[n * n]);
        double[] dyt = MatrixProducts.multTransB(delta, n, p, y, n, new double[n * n]);
        double[] weights = MatrixProducts.mult(dyt, n, n, cInverse, n, new double[n * n]);
        for (int i = 0; i < n; i++) {
            weights[i * n + i] += 1;
        }
        return EnsembleOps.recompose(space.mean(), weights, space.anomalies(), n, space.stateDim(),
                new double[n * space.stateDim()]);
    }
}
