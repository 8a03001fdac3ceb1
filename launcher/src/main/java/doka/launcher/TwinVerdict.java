package doka.launcher;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The figures a twin experiment is judged by, from its summary: for every estimated parameter, is
 * the truth inside the final ensemble's range, and how does the error of the final mean compare with
 * the prior's.
 */
final class TwinVerdict {
    private TwinVerdict() {
    }

    /** Lines for the terminal; the last says whether every parameter passed (truth in range, error ≤ 50 %). */
    static String describe(JsonNode summary) {
        StringBuilder b = new StringBuilder();
        boolean allInRange = true;
        double worstRatio = 0;
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.path("parameters").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            if (!p.has("truth")) {
                continue;
            }
            count++;
            double truth = p.get("truth").asDouble();
            boolean inRange = p.get("final_min").asDouble() <= truth && truth <= p.get("final_max").asDouble();
            double ratio = p.get("final_rmse").asDouble() / p.get("prior_rmse").asDouble();
            allInRange &= inRange;
            worstRatio = Math.max(worstRatio, ratio);
            b.append(String.format(Locale.ROOT, "  %-34s truth %.4g | prior mean %.4g (error %.3g) | final mean %.4g"
                    + " in [%.4g, %.4g] (error %.3g = %.0f %% of the prior's)%s%n", e.getKey(), truth,
                    p.get("prior_mean").asDouble(), p.get("prior_rmse").asDouble(), p.get("final_mean").asDouble(),
                    p.get("final_min").asDouble(), p.get("final_max").asDouble(), p.get("final_rmse").asDouble(),
                    100 * ratio, inRange ? "" : "  TRUTH OUTSIDE THE FINAL RANGE"));
        }
        if (count == 0) {
            return "";
        }
        b.append(String.format(Locale.ROOT, "twin verdict: truth inside the final ensemble range for %s parameter;"
                + " final error at most %.0f %% of the prior's (target ≤ 50 %%): %s; overhead %.2f %% of %.1f s%n",
                allInRange ? "every" : "NOT every", 100 * worstRatio,
                allInRange && worstRatio <= 0.5 ? "PASS" : "FAIL",
                100 * summary.path("overhead_fraction").asDouble(), summary.path("wall_s").asDouble()));
        return b.toString();
    }
}
