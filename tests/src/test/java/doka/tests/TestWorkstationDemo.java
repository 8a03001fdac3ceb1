package doka.tests;

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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job, {@code ensembles/workstation-4.json}: 4 cortex members on the multicore
 * device recover 3 area background scales. Holds the README's claims: the truth within 3 final
 * ensemble standard deviations of the final mean, and the final error of the mean at most half the
 * prior's, for every parameter.
 */
class TestWorkstationDemo {
    @Test
    void theDemoTwinRecoversEveryParameter(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("demo");
        EnsembleConfig c = EnsembleRunner.prepare(Path.of("..", "ensembles", "workstation-4.json"), run, true);
        JsonNode summary = new ObjectMapper().readTree(EnsembleRunner.run(c, run, EnsembleRunner.Device.MULTICORE));
        int parameters = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("parameters").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            assertTrue(TwinVerdict.zScore(p) <= TwinVerdict.Z_MAX, e.getKey() + ": truth more than 3 sd from the final mean " + p);
            assertTrue(p.get("final_rmse").asDouble() <= 0.5 * p.get("prior_rmse").asDouble(),
                    e.getKey() + ": final error above half the prior's " + p);
            parameters++;
        }
        assertEquals(3, parameters);
        assertTrue(Files.exists(run.resolve("checkpoints")), "the demo's checkpoint policy wrote checkpoints");
    }
}
