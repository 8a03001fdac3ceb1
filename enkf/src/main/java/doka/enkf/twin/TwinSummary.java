package doka.enkf.twin;

import java.util.Locale;

/**
 * Time averages of a twin experiment over the cycles after the burn-in (DAPPER's {@code avrgs}): RMSE and
 * spread are averaged per cycle over time, and so are the analysis mean and spread (standard deviation over
 * members) of each estimated parameter, in physical units. Rejected observations and the rank histogram are
 * summed over the same cycles.
 */
public record TwinSummary(String experiment, int cycles, int burnIn, double rmseAnalysis, double spreadAnalysis,
                          double rmseForecast, double spreadForecast, double normalizedInnovation,
                          long observationsRejected, long[] rankHistogram, double[] parameterMean,
                          double[] parameterSpread, double forecastSeconds, double analysisSeconds) {

    public double spreadRmseRatio() {
        return spreadAnalysis / rmseAnalysis;
    }

    /** A few human-readable lines. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(experiment).append('\n');
        sb.append(String.format(Locale.ROOT, "cycles %d, burn-in %d: averaged over the last %d%n", cycles, burnIn,
                cycles - burnIn));
        sb.append(String.format(Locale.ROOT, "analysis RMSE %.4f  spread %.4f  (spread/RMSE %.2f)%n", rmseAnalysis,
                spreadAnalysis, spreadRmseRatio()));
        sb.append(String.format(Locale.ROOT, "forecast RMSE %.4f  spread %.4f%n", rmseForecast, spreadForecast));
        sb.append(String.format(Locale.ROOT, "innovation d²/(HPHᵀ+R) %.3f, rejected observations %d%n",
                normalizedInnovation, observationsRejected));
        for (int i = 0; i < parameterMean.length; i++) {
            sb.append(String.format(Locale.ROOT, "parameter %d: mean %.4f, spread %.4f%n", i,
                    parameterMean[i], parameterSpread[i]));
        }
        sb.append(String.format(Locale.ROOT, "time: forecast %.2f s, analysis %.2f s", forecastSeconds,
                analysisSeconds));
        return sb.toString();
    }
}
