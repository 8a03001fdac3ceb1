package doka.launcher.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.launcher.EnsembleRunner;
import doka.launcher.command.TwinVerdict;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;

/**
 * A model in the JVM from the class path: the example plug-in ({@code example.plugin.RatePairPlugin},
 * listed in {@code META-INF/services} of the test classes, in a package of its own as a user's jar
 * would be) found with ServiceLoader on every rank of the multicore device, and its twin recovering
 * its two parameters through the launcher.
 */
class TestMemberPlugin {
    @TempDir
    Path dir;

    private static final String TWIN = """
            {"name": "plugin-twin", "members": 4, "seed": 3,
             "model": {"kind": "plugin", "class": "example.plugin.RatePairPlugin", "observables": ["rate_E", "rate_I"],
                       "settings": {"noise": 0.5}},
             "parameters": [
               {"name": "drive", "priorMean": 8, "priorSd": 1, "transform": "log"},
               {"name": "w", "priorMean": 1.3, "priorSd": 0.15, "lower": 0, "upper": 2, "transform": "logit"}],
             "observations": {"truth": {"drive": 10, "w": 1.0}, "binMs": 100, "relativeError": 0.1, "errorFloor": 0.5},
             "filter": {"kind": "etkf", "rtps": 0.8, "jitter": 0.02},
             "windows": {"lengthMs": 500, "count": 10, "warmupMs": 200}}
            """;

    private EnsembleConfig prepare(String json, String name) throws Exception {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, json);
        return EnsembleRunner.prepare(file, dir.resolve(name), true);
    }

    @Test
    void thePluginsTwinRecoversItsParametersOnTheMulticoreDevice() throws Exception {
        EnsembleConfig c = prepare(TWIN, "twin");
        JsonNode summary = new ObjectMapper().readTree(EnsembleRunner.run(c, dir.resolve("twin"), EnsembleRunner.Device.MULTICORE));
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("parameters").fields(); it.hasNext(); checked++) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            assertTrue(TwinVerdict.zScore(p) <= TwinVerdict.Z_MAX, e.getKey() + ": " + p);
            assertTrue(p.get("final_rmse").asDouble() <= 0.5 * p.get("prior_rmse").asDouble(), e.getKey() + ": " + p);
        }
        assertEquals(2, checked);
        // the truth (a fifth member of the plug-in) observed as area "plugin", groups rate_E and rate_I
        assertEquals(10 * 5 * 2, Files.readAllLines(dir.resolve("twin").resolve("observations-input.csv")).stream()
                .filter(l -> l.contains(",plugin,rate_")).count());
    }

    @Test
    void anUnknownClassOrParameterIsNamed() throws Exception {
        EnsembleConfig unknown = prepare(TWIN.replace("example.plugin.RatePairPlugin", "example.plugin.Nope"), "unknown");
        var e = assertThrows(ConfigException.class, () -> doka.launcher.experiment.Experiments.create(unknown, dir));
        assertTrue(e.getMessage().contains("'model.class' is 'example.plugin.Nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("found [example.plugin.RatePairPlugin]"), e.getMessage());

        EnsembleConfig badParameter = prepare(TWIN.replace("\"w\"", "\"gain\""), "bad");
        e = assertThrows(ConfigException.class, () -> doka.launcher.experiment.TwinTruth.generate(badParameter,
                dir.resolve("bad"), 1));
        assertTrue(e.getMessage().contains("truth: no parameter 'gain'; the rate pair has [drive, w]"), e.getMessage());
    }
}
