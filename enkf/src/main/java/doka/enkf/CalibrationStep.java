package doka.enkf;

/**
 * The diagnostics of one evaluated ensemble of a calibration: iteration i's parameters θᵢ and their predictions.
 *
 * @param iteration 0 for the prior
 * @param alpha     the inflation factor of the update that follows, NaN when none follows
 * @param misfit    χ²/dof of the ensemble-mean prediction, (1/p) Σⱼ (yⱼ − ḡⱼ)²/Γⱼ
 * @param spread    √(mean over parameters of the ensemble variance) in filter (transformed) space
 * @param mean      ensemble mean of each physical parameter
 * @param sd        ensemble standard deviation of each physical parameter
 */
public record CalibrationStep(int iteration, double alpha, double misfit, double spread, double[] mean, double[] sd) {
    /**
     * The diagnostics of an ensemble of {@code n} members × {@code d} parameters, given in physical
     * units and in filter space (member-major).
     */
    public static CalibrationStep of(int iteration, double alpha, double misfit, double[] physical, double[] filter,
                                     int n, int d) {
        double[] mean = EnsembleOps.mean(physical, n, d, new double[d]);
        double[] anomalies = EnsembleOps.anomalies(physical, n, d, mean, new double[physical.length]);
        double[] sd = EnsembleOps.columnVariance(anomalies, n, d, new double[d]);
        for (int k = 0; k < d; k++) {
            sd[k] = Math.sqrt(sd[k]);
        }
        return new CalibrationStep(iteration, alpha, misfit, EnsembleOps.spread(filter, n, d, 0, d), mean, sd);
    }
}
