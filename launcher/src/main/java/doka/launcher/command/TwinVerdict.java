package doka.launcher.command;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The figures a twin experiment is judged by, from its summary: for every estimated parameter, is
 * the final ensemble consistent with the truth (the truth within {@value #Z_MAX} ensemble standard
 * deviations of the final mean), and how does the error of the final mean compare with the prior's.
 * Not "the truth inside the ensemble's range": a calibrated ensemble of M members holds a further
 * draw inside its range with probability (M − 1)/(M + 1) only, 60 % for 4 members, so a run would
 * fail that test for one of three parameters most of the time however well it worked.
 */
public final class TwinVerdict {
    /** Largest |truth − final mean| / final ensemble sd that passes. */
    public static final double Z_MAX = 3;
    /** Largest final error of the mean, as a fraction of the prior's, that passes. */
    static final double MAX_ERROR_RATIO = 0.5;

    private TwinVerdict() {
    }

    /** |truth − final mean| in final ensemble standard deviations (infinite for a collapsed ensemble that misses). */
    public static double zScore(JsonNode parameter) {
        double error = Math.abs(parameter.get("final_mean").asDouble() - parameter.get("truth").asDouble());
        double sd = parameter.get("final_sd").asDouble();
        return error == 0 ? 0 : sd > 0 ? error / sd : Double.POSITIVE_INFINITY;
    }

    /**
     * The final summary a run or calibration prints, with or without {@code --quiet} (which silences progress
     * only): the verdict lines of {@link #describe}, then where the summary and the report are.
     */
    static String finalSummary(String summaryJson, java.nio.file.Path dir, java.nio.file.Path report) {
        try {
            return describe(new com.fasterxml.jackson.databind.ObjectMapper().readTree(summaryJson)) + "summary: "
                    + dir.resolve("summary.json") + "\nreport:  " + report + "\n";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the run's summary", e);
        }
    }

    /** Lines for the terminal; the last says whether every parameter passed (|z| ≤ Z_MAX, error ≤ MAX_ERROR_RATIO of the prior's). */
    public static String describe(JsonNode summary) {
        StringBuilder b = new StringBuilder();
        boolean allConsistent = true;
        double worstRatio = 0;
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.path("parameters").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            if (!p.has("truth")) {
                continue;
            }
            count++;
            double z = zScore(p);
            boolean consistent = z <= Z_MAX;
            double ratio = p.get("final_rmse").asDouble() / p.get("prior_rmse").asDouble();
            allConsistent &= consistent;
            worstRatio = Math.max(worstRatio, ratio);
            b.append(String.format(Locale.ROOT, "  %-34s truth %.4g | prior mean %.4g (error %.3g) | final mean %.4g"
                    + " ± %.3g in [%.4g, %.4g] (error %.3g = %.1f sd = %.0f %% of the prior's)%s%n", e.getKey(),
                    p.get("truth").asDouble(), p.get("prior_mean").asDouble(), p.get("prior_rmse").asDouble(),
                    p.get("final_mean").asDouble(), p.get("final_sd").asDouble(), p.get("final_min").asDouble(),
                    p.get("final_max").asDouble(), p.get("final_rmse").asDouble(), z, 100 * ratio,
                    consistent ? "" : String.format(Locale.ROOT, "  TRUTH MORE THAN %.0f SD FROM THE FINAL MEAN", Z_MAX)));
        }
        if (count == 0) {
            return "";
        }
        b.append(String.format(Locale.ROOT, "twin verdict: truth within %.0f ensemble sd of the final mean for %s parameter;"
                + " final error at most %.0f %% of the prior's (target ≤ %.0f %%): %s; overhead %.2f %% of %.1f s%n",
                Z_MAX, allConsistent ? "every" : "NOT every", 100 * worstRatio, 100 * MAX_ERROR_RATIO,
                allConsistent && worstRatio <= MAX_ERROR_RATIO ? "PASS" : "FAIL",
                100 * summary.path("overhead_fraction").asDouble(), summary.path("wall_s").asDouble()));
        return b.toString();
    }
}
