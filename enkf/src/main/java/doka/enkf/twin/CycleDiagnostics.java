package doka.enkf.twin;

/**
 * One assimilation cycle's diagnostics (DAPPER's {@code Stats.assess}, "f" and "a"). RMSE and spread are over
 * the model state (not the parameters); the rank histogram counts, over state components, how many forecast
 * members lie below the truth (0..N). Estimated parameters are given by their analysis mean and standard
 * deviation over members, in physical units.
 */
public record CycleDiagnostics(int cycle, double time, double rmseForecast, double rmseAnalysis,
                               double spreadForecast, double spreadAnalysis, double innovationMean,
                               double innovationMeanSquare, double expectedInnovationVariance,
                               double normalizedInnovation, int observationsUsed, int observationsRejected,
                               double adaptiveInflation, long[] rankCounts, double[] parameterMean,
                               double[] parameterSpread) {

    /** Analysis spread over analysis RMSE; ≈ 1 for a well-tuned filter. */
    public double spreadRmseRatio() {
        return spreadAnalysis / rmseAnalysis;
    }
}
