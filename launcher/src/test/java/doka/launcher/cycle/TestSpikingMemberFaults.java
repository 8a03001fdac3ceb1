package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.launcher.EnsembleRunner;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failing members of a small cortex twin: the four kinds in one run (donors on the same rank and on another),
 * replaced and listed, the same after a resume; a crashed member split over two ranks takes its donor's state
 * from another task and gives the numbers of the unsplit run (both members on one rank).
 */
class TestSpikingMemberFaults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path config(Path dir, String name, int members, int ranksPerMember, int membersPerRank) throws Exception {
        Path model = Path.of("..", "ensembles", "models", "cortex-small.json").toAbsolutePath();
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "members": %d, "ranksPerMember": %d, "membersPerRank": %d, "seed": 5,
                 "model": {"kind": "cortex", "file": "%s", "densityScale": 0.001},
                 "parameters": [{"name": "background_rate_scale@MOp-L", "priorMean": 0.95, "priorSd": 0.05,
                                 "lower": 0.7, "upper": 1.3, "transform": "logit"}],
                 "observations": {"truth": {"background_rate_scale@MOp-L": 1.0}, "binMs": 50, "relativeError": 0.1,
                                  "errorFloor": 0.5},
                 "filter": {"kind": "etkf", "inflation": 1.0, "rtps": 0.8},
                 "windows": {"lengthMs": 100, "count": 4, "warmupMs": 50},
                 "checkpoint": {"everyWindows": 2, "keep": 2}, "faults": {"maxFailedShare": 0.5}}
                """.formatted(name, members, ranksPerMember, membersPerRank, model));
        return file;
    }

    private static JsonNode run(Path config, Path dir, String... faults) throws Exception {
        EnsembleConfig c = EnsembleRunner.prepare(config, dir, true);
        return JSON.readTree(EnsembleRunner.run(c, dir, EnsembleRunner.Device.MULTICORE, null, null,
                java.util.Arrays.stream(faults).map(InjectedFault::parse).toList()));
    }

    @Test
    void theFourKindsAreReplacedAndAResumeRepeatsThem(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("kinds");
        JsonNode s = run(config(dir, "kinds", 4, 1, 2), run, "member=1,window=1,kind=crash",
                "member=2,window=2,kind=runaway", "member=3,window=2,kind=silence", "member=0,window=3,kind=nan");
        assertEquals(4, s.get("windows").asInt(), s.toString());
        List<String> listed = new java.util.ArrayList<>();
        s.get("replaced_members").forEach(r -> listed.add(r.get("window").asInt() + ":" + r.get("member").asInt() + ":"
                + r.get("reason").asText()));
        assertEquals(List.of("1:1:crash", "2:2:runaway", "2:3:silence", "3:0:nan"), listed);

        byte[] expected = Files.readAllBytes(run.resolve("parameters.csv"));
        EnsembleRunner.run(ConfigReader.read(run.resolve("config.json")), run, EnsembleRunner.Device.MULTICORE,
                CheckpointStore.name(2));
        assertArrayEquals(expected, Files.readAllBytes(run.resolve("parameters.csv")), "parameters after the resume");
        assertEquals(4, JSON.readTree(run.resolve("summary.json").toFile()).get("replaced_members").size());
    }

    @Test
    void aSplitMemberTakesItsDonorsStateFromAnotherTask(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        run(config(dir, "whole", 2, 1, 2), whole, "member=1,window=1,kind=crash");
        Path split = dir.resolve("split");
        JsonNode s = run(config(dir, "split", 2, 2, 1), split, "member=1,window=1,kind=crash");
        assertEquals(1, s.get("replaced_members").size(), s.toString());
        for (String f : List.of("parameters.csv", "observations.csv", "replacements.csv")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(split.resolve(f)), f);
        }
    }
}
