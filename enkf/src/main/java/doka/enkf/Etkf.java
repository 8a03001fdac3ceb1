package doka.enkf;

/**
 * The ensemble transform Kalman filter with the symmetric square root (Bishop et al. 2001; Hunt, Kostelich
 * & Szunyogh 2007, Physica D 230, eqs. 20–24; Sakov & Oke 2008 for the symmetric choice). In ensemble space,
 * with whitened anomalies Y (N×p), whitened mean innovation dy (p) and N1 = N − 1:
 * <pre>
 *   C  = Y·Yᵀ + N1·I = V·diag(s)·Vᵀ        (N×N)
 *   w  = C⁻¹·Y·dy                          mean-update weights (N)
 *   T  = V·diag(√(N1/s))·Vᵀ                symmetric square root: anomalies A ↦ T·A
 *   Eᵃ = 1x̄ᵀ + (1wᵀ + Q·T)·A               Q: optional mean-preserving random rotation
 * </pre>
 * Members are rows here, so the rotation multiplies T from the left: the analysis covariance
 * AᵀTQᵀQTA/N1 = AᵀT²A/N1 is unchanged, and Qᵀ1 = 1 keeps the anomalies centred.
 * The only product with p is Y·Yᵀ (and Y·dy), so many observations stay cheap.
 */
public final class Etkf {
    private Etkf() {
    }

    /** The ETKF transform of one (global or local) analysis: fills {@code w} (N) and {@code t} (N×N). */
    public static void transform(int members, int obsDim, double[] whitenedY, double[] whitenedDy, double[] w,
                                 double[] t) {
        int n = members;
        double n1 = n - 1;
        double[] c = MatrixProducts.gram(whitenedY, n, obsDim, new double[n * n]);
        for (int i = 0; i < n; i++) {
            c[i * n + i] += n1;
        }
        double[] s = new double[n];
        double[] v = new double[n * n];
        SymmetricEigen.decompose(c, n, s, v);
        double[] g = MatrixProducts.multVector(whitenedY, n, obsDim, whitenedDy, new double[n]);
        double[] inverse = new double[n];
        double[] root = new double[n];
        for (int k = 0; k < n; k++) {
            if (!(s[k] > 0)) {
                throw new ArithmeticException("ensemble-space matrix YYᵀ + (N−1)I is not positive definite (eigenvalue "
                        + s[k] + ")");
            }
            inverse[k] = 1 / s[k];
            root[k] = Math.sqrt(n1 / s[k]);
        }
        // w = V diag(1/s) Vᵀ g
        double[] vtg = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += v[i * n + k] * g[i];
            }
            vtg[k] = sum * inverse[k];
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += v[i * n + k] * vtg[k];
            }
            w[i] = sum;
        }
        SymmetricEigen.compose(v, root, n, t);
    }

    /** The global ETKF analysis of {@code space}; returns Eᵃ (N×n). */
    public static double[] analysis(EnsembleSpace space, boolean rotate, FilterRandom random) {
        int n = space.members();
        double[] w = new double[n];
        double[] t = new double[n * n];
        transform(n, space.obsDim(), space.whitenedY(), space.whitenedDy(), w, t);
        double[] weights = weights(w, t, n, rotate ? Rotation.meanPreserving(n, random) : null);
        return EnsembleOps.recompose(space.mean(), weights, space.anomalies(), n, space.stateDim(),
                new double[n * space.stateDim()]);
    }

    /** W = 1wᵀ + Q·T (Q omitted when null): row m holds the weights of member m's analysis on the anomalies. */
    static double[] weights(double[] w, double[] t, int n, double[] rotation) {
        double[] tq = rotation == null ? t : MatrixProducts.mult(rotation, n, n, t, n, new double[n * n]);
        double[] out = new double[n * n];
        for (int m = 0; m < n; m++) {
            for (int k = 0; k < n; k++) {
                out[m * n + k] = w[k] + tq[m * n + k];
            }
        }
        return out;
    }
}
