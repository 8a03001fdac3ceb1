package doka.enkf;

/**
 * A forecast ensemble prepared for an ensemble-space analysis, in the notation of Hunt et al. (2007) and
 * DAPPER's {@code EnKF_analysis}: N members, n filter-vector components, p observations kept after screening.
 *
 * @param members    N
 * @param stateDim   n
 * @param obsDim     p (observations used)
 * @param mean       x̄ (n): forecast ensemble mean
 * @param anomalies  A (N×n): forecast anomalies E − 1x̄ᵀ (after any prior inflation)
 * @param whitenedY  Y (N×p): predicted-observation anomalies divided by the observation error σ_j
 * @param whitenedDy dy (p): innovation of the ensemble mean, (y − ȳ)/σ
 * @param obsIndex   for each used observation, its index in the window's observation vector
 */
public record EnsembleSpace(int members, int stateDim, int obsDim, double[] mean, double[] anomalies,
                            double[] whitenedY, double[] whitenedDy, int[] obsIndex) {

    /** N − 1: the ensemble-size normalisation of the sample covariance. */
    public int n1() {
        return members - 1;
    }

    /** The forecast ensemble itself, 1x̄ᵀ + A (N×n). */
    public double[] forecast() {
        double[] e = anomalies.clone();
        for (int m = 0; m < members; m++) {
            for (int c = 0; c < stateDim; c++) {
                e[m * stateDim + c] += mean[c];
            }
        }
        return e;
    }
}
