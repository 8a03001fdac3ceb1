package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.launcher.EnsembleRunner;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A twin observed through each operator runs end to end on the multicore device: the truth run writes the
 * operator's synthetic observations (ΔF/F, or the LFP proxy in pA per cell), members split over two ranks predict
 * them, and the filter takes them up every window; resumed from a checkpoint, the run continues bit for bit.
 */
class TestOperatorTwins {
    @ParameterizedTest
    @CsvSource({"calcium, 0.0, 3.0", "lfp, 10.0, 5000.0"})
    void aTwinWithTheOperatorRunsThroughTheCycle(String operator, double low, double high, @TempDir Path dir) throws Exception {
        Path model = Path.of("..", "ensembles", "models", "cortex-small.json").toAbsolutePath();
        Path file = dir.resolve(operator + ".json");
        Files.writeString(file, """
                {"name": "%s", "members": 2, "ranksPerMember": 2, "seed": 3,
                 "model": {"kind": "cortex", "file": "%s"},
                 "parameters": [{"name": "background_rate_scale@MOp-L", "priorMean": 0.95, "priorSd": 0.04,
                                 "lower": 0.7, "upper": 1.3, "transform": "logit"}],
                 "observations": {"operator": "%s", "truth": {"background_rate_scale@MOp-L": 1.0}, "binMs": 50,
                                  "relativeError": 0.05, "errorFloor": 0.001},
                 "filter": {"kind": "etkf", "inflation": 1.0},
                 "faults": {"runawayAboveHz": 5000},
                 "windows": {"lengthMs": 100, "count": 2, "warmupMs": 50},
                 "checkpoint": {"everyWindows": 1, "keep": 2}}
                """.formatted(operator, model, operator));
        Path run = dir.resolve("run");
        EnsembleConfig c = EnsembleRunner.prepare(file, run, true);
        JsonNode summary = new ObjectMapper().readTree(EnsembleRunner.run(c, run, EnsembleRunner.Device.MULTICORE));
        assertEquals(2, summary.get("windows").asInt(), summary.toString());
        // the data rows (not the header, nor any provenance line)
        List<String> observed = Files.readAllLines(run.resolve("observations-input.csv")).stream()
                .filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0))).toList();
        assertEquals(2 * 2 * 28, observed.size(), "every area's bins of both windows");
        for (String line : observed) {
            double v = Double.parseDouble(line.split(",")[2]);
            assertTrue(v > low && v < high, operator + " observation out of range: " + line);
        }
        List<String> params = Files.readAllLines(run.resolve("parameters.csv"));
        assertTrue(params.size() > 2, "the filter analysed: " + params);

        // resumed after window 1 from its checkpoint (the operator's state inside the members' files): the same window 2
        byte[] expected = Files.readAllBytes(run.resolve("parameters.csv"));
        EnsembleRunner.run(ConfigReader.read(run.resolve("config.json")), run, EnsembleRunner.Device.MULTICORE,
                CheckpointStore.name(1));
        assertArrayEquals(expected, Files.readAllBytes(run.resolve("parameters.csv")), "parameters after resume");
    }
}
