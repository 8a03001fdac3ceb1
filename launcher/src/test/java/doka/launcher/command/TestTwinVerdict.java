package doka.launcher.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TestTwinVerdict {
    private static JsonNode summary(double finalMean, double finalSd, double priorMean) throws Exception {
        return new ObjectMapper().readTree(String.format(java.util.Locale.ROOT, """
                {"overhead_fraction": 0.01, "wall_s": 10, "parameters": {"a": {"truth": 1.0, "prior_mean": %s,
                 "prior_rmse": %s, "final_mean": %s, "final_rmse": %s, "final_min": %s, "final_max": %s, "final_sd": %s}}}
                """, priorMean, Math.abs(priorMean - 1), finalMean, Math.abs(finalMean - 1), finalMean - finalSd,
                finalMean + finalSd, finalSd));
    }

    @Test
    void theTruthMustLieWithinThreeEnsembleSdOfTheFinalMean() throws Exception {
        // 1.008 ± 0.005: outside a range of ±0.005 but 1.6 sd away, a consistent ensemble.
        JsonNode near = summary(1.008, 0.005, 1.1);
        assertEquals(1.6, TwinVerdict.zScore(near.get("parameters").get("a")), 1e-9);
        assertTrue(TwinVerdict.describe(near).contains("): PASS"), TwinVerdict.describe(near));
        // 1.02 ± 0.005: 4 sd away, overconfident although the error is a fifth of the prior's.
        String far = TwinVerdict.describe(summary(1.02, 0.005, 1.1));
        assertTrue(far.contains("TRUTH MORE THAN 3 SD") && far.contains("): FAIL"), far);
        // A consistent ensemble that did not learn enough (error 60 % of the prior's) fails too.
        String slow = TwinVerdict.describe(summary(1.06, 0.05, 1.1));
        assertTrue(!slow.contains("TRUTH MORE") && slow.contains("): FAIL"), slow);
        // A collapsed ensemble that misses is infinitely far; one on the truth is not.
        assertEquals(Double.POSITIVE_INFINITY, TwinVerdict.zScore(summary(1.01, 0, 1.1).get("parameters").get("a")));
        assertEquals(0, TwinVerdict.zScore(summary(1.0, 0, 1.1).get("parameters").get("a")));
    }
}
