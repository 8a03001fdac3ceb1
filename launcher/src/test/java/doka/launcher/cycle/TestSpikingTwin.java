package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.launcher.EnsembleRunner;
import doka.launcher.command.TwinVerdict;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.report.ReportWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small PD14 twin experiment through the launcher: 4 members on the multicore device recover 3 parameters. */
class TestSpikingTwin {
    @Test
    void fourMembersRecoverThreeBackgroundScales(@TempDir Path dir) throws Exception {
        // The model of ensembles/pd14-twin.json (n-scale 0.05, k-scale 0.2), with 4 members and 10 windows to
        // keep the test short. Seed 1 is the first tried, not picked: over run seeds 1-8 these checks hold for 7
        // (seed 6 ends with the truth more than 3 sd from the mean). With full in-degrees at n-scale 0.02 (the
        // earlier set-up) the network's own rate swings swamped the parameters' effect: 1 seed of 8.
        Path file = dir.resolve("twin.json");
        Files.writeString(file, """
                {"name": "twin", "members": 4, "seed": 1,
                 "model": {"kind": "pd14", "nScale": 0.05, "kScale": 0.2},
                 "parameters": [
                   {"name": "bgRateScaleL23", "priorMean": 0.8, "priorSd": 0.1, "lower": 0.5, "upper": 1.5, "transform": "logit"},
                   {"name": "bgRateScaleL4", "priorMean": 1.2, "priorSd": 0.1, "lower": 0.5, "upper": 1.5, "transform": "logit"},
                   {"name": "bgRateScaleL5", "priorMean": 0.8, "priorSd": 0.1, "lower": 0.5, "upper": 1.5, "transform": "logit"}],
                 "observations": {"truth": {"bgRateScaleL23": 1.0, "bgRateScaleL4": 1.0, "bgRateScaleL5": 1.0},
                                  "binMs": 500, "relativeError": 0.1, "errorFloor": 0.5},
                 "filter": {"kind": "etkf", "inflation": 1.0, "rtps": 0.8, "jitter": 0.02},
                 "windows": {"lengthMs": 500, "count": 10, "warmupMs": 200}}
                """);
        Path run = dir.resolve("run");
        EnsembleConfig c = EnsembleRunner.prepare(file, run, true);
        JsonNode summary = new ObjectMapper().readTree(EnsembleRunner.run(c, run, EnsembleRunner.Device.MULTICORE));

        double priorSq = 0;
        double finalSq = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("parameters").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            double truth = p.get("truth").asDouble();
            assertTrue(TwinVerdict.zScore(p) <= TwinVerdict.Z_MAX, e.getKey() + ": truth " + truth + " more than 3 sd from the final mean " + p);
            priorSq += Math.pow(p.get("prior_rmse").asDouble(), 2);
            finalSq += Math.pow(p.get("final_rmse").asDouble(), 2);
        }
        assertTrue(Math.sqrt(finalSq) <= 0.5 * Math.sqrt(priorSq),
                "final error " + Math.sqrt(finalSq) + " vs prior " + Math.sqrt(priorSq));
        assertTrue(summary.get("overhead_fraction").asDouble() < 1);

        // the truth went through the observation module's writer and reader
        assertTrue(Files.readString(run.resolve("observations-input.csv")).startsWith("time_s,area,"));
        assertEquals(10 * 4 + 1, Files.readAllLines(run.resolve("parameters.csv")).size());
        assertEquals(10 * 8 + 1, Files.readAllLines(run.resolve("observations.csv")).size());
        assertTrue(Files.size(run.resolve("raster-member0.csv")) > 100);
        Path report = ReportWriter.write(run);
        assertTrue(Files.readString(report).contains("fig-parameter-bgRateScaleL4.png"));
        assertTrue(Files.exists(run.resolve("fig-raster-member0.png")));
    }
}
