package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.launcher.EnsembleRunner;
import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.mpi.EnsembleLayout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several members per rank (PDAF's several members per task): the same numbers, byte for byte, whatever the
 * layout (one member per rank, three, four with an uneven last task), also across a resume in another layout.
 */
class TestMembersPerRank {
    static final String[] OUTPUTS = {"parameters.csv", "diagnostics.csv", "observations.csv", "replacements.csv"};

    /** A 7-member Lorenz-96 LETKF of {@code windows} windows with {@code membersPerRank} ("null": derived). */
    static Path lorenz96(Path dir, String name, String membersPerRank, int windows, String extra) throws Exception {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "members": 7, "membersPerRank": %s, "seed": 11, "model": {"kind": "lorenz96"},
                 "observations": {}, "filter": {"kind": "letkf", "inflation": 1.04, "localization": 4},
                 "windows": {"count": %d}, "checkpoint": {"everyWindows": 4, "keep": 10} %s}
                """.formatted(name, membersPerRank, windows, extra));
        return file;
    }

    static Path run(Path config, Path dir) throws Exception {
        EnsembleConfig c = EnsembleRunner.prepare(config, dir, true);
        String summary = EnsembleRunner.run(c, dir, EnsembleRunner.Device.MULTICORE);
        assertEquals(c.windows().count(), new ObjectMapper().readTree(summary).get("windows").asInt(), summary);
        return dir;
    }

    static void assertSameOutputs(Path expected, Path actual) throws Exception {
        for (String f : OUTPUTS) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)),
                    f + " of " + actual + " against " + expected);
        }
    }

    @Test
    void layoutArithmetic() {
        EnsembleLayout l = new EnsembleLayout(7, 2, 3);
        assertEquals(3, l.tasks());
        assertEquals(6, l.worldSize());
        assertEquals(1, l.memberCount(2), "the last task holds what is left");
        assertEquals(2, l.taskOfMember(6));
        assertEquals(3, l.memberOf(2), "world rank 2 is rank 0 of task 1, whose first member is 3");
        assertEquals(5, l.worldRank(6, 1));
    }

    @Test
    void membersPerRankDerivedFromTheCoresOnTheMulticoreDeviceOnly() {
        EnsembleConfig c = ConfigReader.parse("t", """
                {"name": "t", "members": 100, "model": {"kind": "lorenz96"}, "observations": {}, "windows": {"count": 1}}""");
        assertEquals(50, EnsembleRunner.membersPerRank(c, EnsembleRunner.Device.MULTICORE, 2));
        assertEquals(7, EnsembleRunner.membersPerRank(c, EnsembleRunner.Device.MULTICORE, 16), "16 tasks, the last of 2");
        assertEquals(1, EnsembleRunner.membersPerRank(c, EnsembleRunner.Device.NIODEV, 2));
        EnsembleConfig fixed = ConfigReader.parse("t", """
                {"name": "t", "members": 100, "membersPerRank": 4, "model": {"kind": "lorenz96"}, "observations": {},
                 "windows": {"count": 1}}""");
        assertEquals(4, EnsembleRunner.membersPerRank(fixed, EnsembleRunner.Device.MULTICORE, 2));
    }

    @Test
    void theSameNumbersWhateverTheMembersPerRankAndAcrossAResumeInAnotherLayout(@TempDir Path dir) throws Exception {
        Path one = run(lorenz96(dir, "one", "1", 24, ""), dir.resolve("one"));
        Path three = run(lorenz96(dir, "three", "3", 24, ""), dir.resolve("three"));
        Path four = run(lorenz96(dir, "four", "4", 24, ""), dir.resolve("four"));
        assertSameOutputs(one, three);
        assertSameOutputs(one, four);
        JsonNode summary = new ObjectMapper().readTree(three.resolve("summary.json").toFile());
        assertEquals(3, summary.get("members_per_rank").asInt());
        assertTrue(summary.get("timing_s").get("startup").asDouble() > 0, summary.toString());
        assertTrue(summary.get("timing_s").has("members_simulation_slowest_sum"), summary.toString());
        // 6 checkpoints of 7 member files, the filter's, the configuration's
        long bytes = 0;
        for (int w = 4; w <= 24; w += 4) {
            try (var files = Files.list(three.resolve("checkpoints").resolve(CheckpointStore.name(w)))) {
                for (Path f : files.filter(f -> !f.getFileName().toString().equals("manifest.json")).toList()) {
                    bytes += Files.size(f);
                }
            }
        }
        assertEquals(bytes, summary.get("checkpoint").get("bytes").asLong(), summary.get("checkpoint").toString());

        // the checkpoint after 12 windows of the one-per-rank run, resumed two members per rank
        Path config = one.resolve("config.json");
        String json = Files.readString(config).replaceFirst("\"membersPerRank\" : 1", "\"membersPerRank\" : 2");
        Files.writeString(config, json);
        byte[] expected = Files.readAllBytes(one.resolve("diagnostics.csv"));
        EnsembleRunner.run(ConfigReader.read(config), one, EnsembleRunner.Device.MULTICORE, CheckpointStore.name(12));
        assertArrayEquals(expected, Files.readAllBytes(one.resolve("diagnostics.csv")), "diagnostics after the resume");
    }
}
