package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * A failing member does not kill the run: each of the four kinds, injected into a Lorenz-96 run, is detected,
 * the member is replaced and listed in {@code summary.json}; the replacement is the same whatever the layout
 * and across a resume; too many failures in one window stop the run with a clear reason.
 */
class TestMemberFaults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode run(Path config, Path dir, List<InjectedFault> faults) throws Exception {
        EnsembleConfig c = EnsembleRunner.prepare(config, dir, true);
        return JSON.readTree(EnsembleRunner.run(c, dir, EnsembleRunner.Device.MULTICORE, null, null, faults));
    }

    @Test
    void eachKindIsDetectedReplacedAndListed(@TempDir Path dir) throws Exception {
        for (String kind : MemberFaults.KINDS) {
            Path config = TestMembersPerRank.lorenz96(dir, kind, "null", 40, "");
            JsonNode s = run(config, dir.resolve(kind), List.of(InjectedFault.parse("member=3,window=5,kind=" + kind)));
            assertEquals(40, s.get("windows").asInt(), kind + ": the run finished");
            JsonNode replaced = s.get("replaced_members");
            assertEquals(1, replaced.size(), kind + ": " + replaced);
            assertEquals(3, replaced.get(0).get("member").asInt());
            assertEquals(5, replaced.get(0).get("window").asInt());
            assertEquals(kind, replaced.get(0).get("reason").asText());
            assertTrue(s.get("rmse_analysis").asDouble() < 0.5, kind + ": the filter still works " + s);
            assertTrue(Files.readString(dir.resolve(kind).resolve("log.txt")).contains("member 3 failed (" + kind),
                    kind + ": logged");
        }
    }

    @Test
    void aReplacementIsTheSameWhateverTheLayoutAndAcrossAResume(@TempDir Path dir) throws Exception {
        // member 3 crashes in window 5: its donor (member 4) is on another rank with 1 and 2 members per rank
        // (and 4 on niodev), on the same rank with 7
        List<InjectedFault> crash = List.of(InjectedFault.parse("member=3,window=5,kind=crash"));
        Path one = dir.resolve("one");
        run(TestMembersPerRank.lorenz96(dir, "one", "1", 12, ""), one, crash);
        for (String perRank : List.of("2", "7")) {
            Path other = dir.resolve("per-rank-" + perRank);
            run(TestMembersPerRank.lorenz96(dir, "per-rank-" + perRank, perRank, 12, ""), other, crash);
            TestMembersPerRank.assertSameOutputs(one, other);
        }
        // 2 JVMs on niodev, 4 members each: the donor's state crosses between processes
        Path nio = dir.resolve("niodev");
        EnsembleConfig c = EnsembleRunner.prepare(TestMembersPerRank.lorenz96(dir, "niodev", "4", 12, ""), nio, true);
        EnsembleRunner.run(c, nio, EnsembleRunner.Device.NIODEV, null, null, crash);
        TestMembersPerRank.assertSameOutputs(one, nio);
        Path healthy = dir.resolve("healthy");
        run(TestMembersPerRank.lorenz96(dir, "healthy", "1", 12, ""), healthy, List.of());
        assertNotEquals(Files.readString(healthy.resolve("diagnostics.csv")), Files.readString(one.resolve("diagnostics.csv")),
                "the replacement changed the run");

        // resume from the checkpoint before the replacement (window 4): the same history, replacement included
        byte[] expected = Files.readAllBytes(one.resolve("diagnostics.csv"));
        EnsembleRunner.run(ConfigReader.read(one.resolve("config.json")), one, EnsembleRunner.Device.MULTICORE,
                CheckpointStore.name(4));
        assertArrayEquals(expected, Files.readAllBytes(one.resolve("diagnostics.csv")));
        JsonNode s = JSON.readTree(one.resolve("summary.json").toFile());
        assertEquals(1, s.get("replaced_members").size(), "listed once after the resume: " + s.get("replaced_members"));
        // and from the one after it (window 8)
        EnsembleRunner.run(ConfigReader.read(one.resolve("config.json")), one, EnsembleRunner.Device.MULTICORE,
                CheckpointStore.name(8));
        assertArrayEquals(expected, Files.readAllBytes(one.resolve("diagnostics.csv")));
    }

    @Test
    void moreFailuresThanTheShareAllowedStopTheRunWithItsReason(@TempDir Path dir) throws Exception {
        // 7 members, maxFailedShare 0.25: one may fail, two stop the run
        Path config = TestMembersPerRank.lorenz96(dir, "many", "null", 12, ", \"faults\": {\"maxFailedShare\": 0.2}");
        JsonNode s = run(config, dir.resolve("many"), List.of(InjectedFault.parse("member=1,window=6,kind=nan"),
                InjectedFault.parse("member=5,window=6,kind=runaway")));
        assertTrue(s.get("stopped").asBoolean(), s.toString());
        String reason = s.get("reason").asText();
        assertTrue(reason.contains("2 of 7 members failed in window 6") && reason.contains("member 5 runaway"), reason);
        assertEquals(4, s.get("windowsDone").asInt(), "the newest complete checkpoint: " + s);
        assertTrue(s.get("checkpoint").asText().endsWith(CheckpointStore.name(4)), s.toString());
    }

    @Test
    void theCommandLineRefusesABadFaultBeforeAnythingStartsAndEndsAStoppedRunWithAnError(@TempDir Path dir)
            throws Exception {
        Path config = TestMembersPerRank.lorenz96(dir, "cli", "null", 12, ", \"faults\": {\"maxFailedShare\": 0.2}");
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = doka.launcher.Main.commandLine();
        cli.setErr(new java.io.PrintWriter(err));
        Path bad = dir.resolve("bad");
        int code = cli.execute("run", config.toString(), "--quiet", "--run-dir", bad.toString(), "--inject-fault",
                "member=3,window=5,kind=melt");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("kind 'melt' is not one of"), err.toString());
        assertTrue(!Files.exists(bad), "nothing was started");

        Path many = dir.resolve("many");
        code = cli.execute("run", config.toString(), "--quiet", "--run-dir", many.toString(), "--inject-fault",
                "member=1,window=6,kind=nan", "--inject-fault", "member=5,window=6,kind=crash");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("the run stopped: 2 of 7 members failed in window 6"), err.toString());
    }

    @Test
    void injectedFaultsAreParsedStrictly() {
        assertEquals(new InjectedFault(3, 5, "nan"), InjectedFault.parse("member=3,window=5,kind=nan"));
        assertEquals(new InjectedFault(0, 1, "crash"), InjectedFault.parse("kind=crash,window=1,member=0"));
        for (String[] bad : new String[][] {
            {"member=3,window=5", "'kind' is missing"},
            {"member=3,window=5,kind=melt", "kind 'melt' is not one of [crash, nan, silence, runaway]"},
            {"member=-1,window=5,kind=nan", "member '-1' is not a whole number"},
            {"member=3,window=5,kind=nan,member=4", "'member' given twice"},
            {"member=3,window=5,kind=nan,colour=red", "'colour=red' is not a field"},
            {"member 3", "is not a field"}}) {
            var e = assertThrows(IllegalArgumentException.class, () -> InjectedFault.parse(bad[0]));
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains("expected member=M,window=W"),
                    e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> InjectedFault.check(List.of(new InjectedFault(7, 0, "nan")), 7, 10));
        assertTrue(e.getMessage().contains("members 0..6"), e.getMessage());
    }

    @Test
    void detectionAndDonorsOnGivenReports() {
        EnsembleConfig c = ConfigReader.parse("t", """
                {"name": "t", "members": 5, "model": {"kind": "lorenz96"}, "observations": {}, "windows": {"count": 1},
                 "faults": {"silentBelowHz": 0.5, "runawayAboveHz": 300}}""");
        FilterLayout layout = new FilterLayout(new String[] {"a"}, new doka.enkf.ParameterTransform[] {
            new doka.enkf.ParameterTransform.Identity()}, 0, 0, w -> "");
        MemberFaults faults = new MemberFaults(c, layout);
        double[] estimated = {1, 2, 3, Double.NaN, 5};
        double[] predicted = {3, 4, 9, 9, 0.2, 0.4, 300, 302, 3, 3};
        var found = faults.detect(new WindowCodec.Reports(estimated, predicted, new double[5], new int[] {0, 1, 0, 0, 0}));
        assertEquals(List.of("0 ok", "1 crash", "2 silence", "3 nan", "4 ok"), Arrays.stream(new int[] {0, 1, 2, 3, 4})
                .mapToObj(m -> m + " " + found.stream().filter(f -> f.member() == m).map(MemberFaults.Failure::reason)
                        .findFirst().orElse("ok")).toList());
        double[] runaway = {3, 4, 3, 3, 3, 3, 300, 302, 3, 3};
        var third = faults.detect(new WindowCodec.Reports(new double[] {1, 2, 3, 4, 5}, runaway, new double[5], new int[5]));
        assertEquals("runaway", third.get(0).reason());
        assertEquals(3, third.get(0).member());
        // donors: the next healthy member, cyclically
        assertArrayEquals(new int[] {-1, 4, 4, 4, -1}, faults.donors(found));
    }
}
