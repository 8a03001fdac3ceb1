package doka.enkf;

/**
 * The stochastic (perturbed-observation) EnKF (Burgers, van Leeuwen & Evensen 1998; Evensen 2003). With
 * whitened anomalies Y (N×p), whitened mean innovation dy (p) and whitened observation perturbations D
 * (N×p, standard normal, centred over members), the member innovations y + εₘ − Hxₘ, whitened, are
 * <pre>
 *   Δ  = 1·dyᵀ − Y + D                                 (N×p)
 *   Eᵃ = 1x̄ᵀ + (I + Δ·Yᵀ·(Y·Yᵀ + N1·I_N)⁻¹)·A          ensemble space, when p ≥ N
 *   Eᵃ = E   + Δ·(Yᵀ·Y + N1·I_p)⁻¹·(Yᵀ·A)             observation space, when p &lt; N
 * </pre>
 * The two are equal (push-through identity Yᵀ(YYᵀ + N1·I)⁻¹ = (YᵀY + N1·I)⁻¹Yᵀ) and equal E + Δ̃·Kᵀ with the
 * ensemble gain K = AᵀY(YᵀY + N1·R)⁻¹ of the unwhitened problem; each keeps the inverted matrix at
 * min(N, p) squared, so many observations and many members both stay cheap (DAPPER makes the same choice).
 */
public final class EnkfAnalysis {
    private EnkfAnalysis() {
    }

    /** The perturbed-observation analysis of {@code space}; returns Eᵃ (N×n). */
    public static double[] pertObs(EnsembleSpace space, FilterRandom random) {
        double[] delta = innovations(space, random);
        return space.obsDim() < space.members() ? observationSpace(space, delta) : ensembleSpace(space, delta);
    }

    /** Δ = 1·dyᵀ − Y + D with D standard normal, centred over members. */
    static double[] innovations(EnsembleSpace space, FilterRandom random) {
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
        return delta;
    }

    /** Eᵃ = 1x̄ᵀ + (I + Δ·Yᵀ·(Y·Yᵀ + N1·I)⁻¹)·A. */
    static double[] ensembleSpace(EnsembleSpace space, double[] delta) {
        int n = space.members();
        int p = space.obsDim();
        double[] y = space.whitenedY();
        double[] c = MatrixProducts.gram(y, n, p, new double[n * n]);
        double[] cInverse = inverseShifted(c, n, n - 1);
        double[] dyt = MatrixProducts.multTransB(delta, n, p, y, n, new double[n * n]);
        double[] weights = MatrixProducts.mult(dyt, n, n, cInverse, n, new double[n * n]);
        for (int i = 0; i < n; i++) {
            weights[i * n + i] += 1;
        }
        return EnsembleOps.recompose(space.mean(), weights, space.anomalies(), n, space.stateDim(),
                new double[n * space.stateDim()]);
    }

    /** Eᵃ = E + Δ·(Yᵀ·Y + N1·I)⁻¹·(Yᵀ·A). */
    static double[] observationSpace(EnsembleSpace space, double[] delta) {
        int n = space.members();
        int p = space.obsDim();
        int dim = space.stateDim();
        double[] yt = transpose(space.whitenedY(), n, p);
        double[] g = MatrixProducts.gram(yt, p, n, new double[p * p]);
        double[] gInverse = inverseShifted(g, p, n - 1);
        double[] yta = MatrixProducts.mult(yt, p, n, space.anomalies(), dim, new double[p * dim]);
        double[] gain = MatrixProducts.mult(gInverse, p, p, yta, dim, new double[p * dim]);
        double[] e = MatrixProducts.mult(delta, n, p, gain, dim, new double[n * dim]);
        double[] forecast = space.forecast();
        for (int i = 0; i < e.length; i++) {
            e[i] += forecast[i];
        }
        return e;
    }

    /** (S + shift·I)⁻¹ for symmetric positive semi-definite S (k×k), by eigen-decomposition. */
    private static double[] inverseShifted(double[] s, int k, double shift) {
        for (int i = 0; i < k; i++) {
            s[i * k + i] += shift;
        }
        double[] values = new double[k];
        double[] vectors = new double[k * k];
        SymmetricEigen.decompose(s, k, values, vectors);
        for (int i = 0; i < k; i++) {
            if (!(values[i] > 0)) {
                throw new ArithmeticException("EnKF gain matrix is not positive definite (eigenvalue " + values[i] + ")");
            }
            values[i] = 1 / values[i];
        }
        return SymmetricEigen.compose(vectors, values, k, new double[k * k]);
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }
}
