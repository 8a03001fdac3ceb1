package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import doka.launcher.EnsembleRunner;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cortex twin experiment with each member split over two MPJ ranks (threads of one JVM, and
 * four JVMs on niodev): the same analysis, to the last digit, as with one rank per member;
 * checkpoints hold every rank's part and resume.
 */
class TestSplitMembers {
    private static final String[] SAME = {"parameters.csv", "observations.csv", "observations-input.csv"};

    private static Path config(Path dir, int ranksPerMember) throws Exception {
        Path model = Path.of("..", "ensembles", "models", "cortex-small.json").toAbsolutePath();
        Path file = dir.resolve("split-" + ranksPerMember + ".json");
        Files.writeString(file, """
                {"name": "split", "members": 2, "ranksPerMember": %d, "seed": 7,
                 "model": {"kind": "cortex", "file": "%s"},
                 "parameters": [{"name": "background_rate_scale@MOp-L", "priorMean": 0.93, "priorSd": 0.05,
                                 "lower": 0.7, "upper": 1.3, "transform": "logit"},
                                {"name": "background_rate_scale@VISp-R", "priorMean": 1.05, "priorSd": 0.05,
                                 "lower": 0.7, "upper": 1.3, "transform": "logit"}],
                 "observations": {"truth": {"background_rate_scale@MOp-L": 1.0, "background_rate_scale@VISp-R": 1.0},
                                  "binMs": 250, "relativeError": 0.1, "errorFloor": 0.5},
                 "filter": {"kind": "etkf", "inflation": 1.0, "rtps": 0.8},
                 "windows": {"lengthMs": 500, "count": 4, "warmupMs": 100},
                 "checkpoint": {"everyWindows": 2, "keep": 2}}
                """.formatted(ranksPerMember, model));
        return file;
    }

    private static Path run(Path dir, int ranksPerMember, EnsembleRunner.Device device) throws Exception {
        Path run = dir.resolve("run-" + ranksPerMember + "-" + device);
        EnsembleConfig c = EnsembleRunner.prepare(config(dir, ranksPerMember), run, true);
        JsonNode summary = new ObjectMapper().readTree(EnsembleRunner.run(c, run, device));
        assertEquals(4, summary.get("windows").asInt(), summary.toString());
        return run;
    }

    @Test
    void twoRanksPerMemberGiveTheSameAnalysisAndResume(@TempDir Path dir) throws Exception {
        Path one = run(dir, 1, EnsembleRunner.Device.MULTICORE);
        Path two = run(dir, 2, EnsembleRunner.Device.MULTICORE);
        // 2 members x 2 ranks as 4 JVMs on niodev
        Path nio = run(dir, 2, EnsembleRunner.Device.NIODEV);
        for (String f : SAME) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)), f);
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(nio.resolve(f)), f + " on niodev");
        }
        assertTrue(Files.readAllLines(two.resolve("parameters.csv")).size() > 4);

        // resume the split run from its checkpoint after 2 windows: the same last two windows
        Path checkpoint = two.resolve("checkpoints").resolve(CheckpointStore.name(2));
        assertTrue(Files.exists(checkpoint.resolve(CheckpointStore.memberFile(1))), "member 1's file holds both parts");
        byte[] expected = Files.readAllBytes(two.resolve("parameters.csv"));
        EnsembleConfig c = ConfigReader.read(two.resolve("config.json"));
        EnsembleRunner.run(c, two, EnsembleRunner.Device.MULTICORE, CheckpointStore.name(2));
        assertArrayEquals(expected, Files.readAllBytes(two.resolve("parameters.csv")), "parameters after resume");
    }
}
