package doka.launcher.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import doka.launcher.EnsembleRunner;
import doka.launcher.Main;
import doka.launcher.checkpoint.RunLock;
import doka.launcher.config.ConfigException;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.config.RunPlan;
import doka.launcher.experiment.Experiments;
import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or careless user gives {@code run} is refused before anything starts, with one line naming the
 * configuration, and a start that failed does not block the same run (issue 18).
 */
class TestRunRefusals {
    private record Result(int code, String out, String err) {
    }

    private static Result doka(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new Result(cli.execute(args), out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }

    private static String l96(int members) {
        return """
                {"name": "l96", "members": %d, "model": {"kind": "lorenz96"}, "observations": {},
                 "filter": {"kind": "etkf", "inflation": 1.04}, "windows": {"count": 5}}
                """.formatted(members);
    }

    private static Path write(Path dir, String name, String json) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    @Test
    void hundredThousandMembersAreRefusedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path file = write(dir, "huge.json", l96(100_000).replace("\"members\": 100000,",
                "\"members\": 100000, \"membersPerRank\": 1,"));
        Path run = dir.resolve("run");
        Result r = doka("run", file.toString(), "--run-dir", run.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("doka run: " + file + ": 100000 members in 100000 task(s) × 1 rank(s) = 100000"
                + " ranks, but this machine runs at most "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(run), "nothing is written");
        Result v = doka("validate", file.toString());
        assertEquals(2, v.code(), v.out());
        assertTrue(v.err().contains("100000 ranks, but this machine runs at most"), v.err());
        // Sharing tasks (the multicore default), the ranks fit; the analysis of 100,000 members does not.
        Path shared = write(dir, "shared.json", l96(100_000));
        Result s = doka("run", shared.toString(), "--run-dir", run.toString());
        assertEquals(2, s.code(), s.err());
        assertTrue(s.err().contains("100000 members: the analysis would hold 480.0 GB"), s.err());
        assertFalse(Files.exists(run), "nothing is written");
    }

    @Test
    void aTwinCommandRefusesMembersWhoseAnalysisCannotFitTheHeap() {
        Result r = doka("lorenz96", "--members", "100000", "--cycles", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--members 100000: the analysis would hold 480.0 GB of N×N matrices at once;"),
                r.err());
        int most = RunPlan.maxAnalysisMembers(Runtime.getRuntime().maxMemory());
        assertTrue(r.err().contains("allows at most " + most + " members"), r.err());
        assertEquals(6.0 * 8 * most * most <= 0.85 * Runtime.getRuntime().maxMemory(), true);
    }

    @Test
    void theRankLimitFollowsTheMachinesTasksAndMemory() {
        var machine = new RunPlan.Machine(2, 8L << 30, 1000, "kernel.pid_max 1000");
        assertEquals(500, RunPlan.maxRanks(RunPlan.RankCost.MULTICORE, machine), "half the task limit, one task each");
        assertEquals(20, RunPlan.maxRanks(RunPlan.RankCost.PROCESS, machine), "25 tasks per rank JVM");
        var small = new RunPlan.Machine(2, 1L << 30, 1_000_000, "none");
        assertEquals((long) (0.85 * (1L << 30) / (4L << 20)), RunPlan.maxRanks(RunPlan.RankCost.MULTICORE, small),
                "85 % of the memory at 4 MB per rank");
        RunPlan.checkRanks("x.json", 250, 2, RunPlan.RankCost.MULTICORE, machine);
        ConfigException e = assertThrows(ConfigException.class,
                () -> RunPlan.checkRanks("x.json", 251, 2, RunPlan.RankCost.MULTICORE, machine));
        assertTrue(e.getMessage().startsWith("x.json: 251 members in 251 task(s) × 2 rank(s) = 502 ranks, but this"
                + " machine runs at most 500 ranks"), e.getMessage());
        RunPlan.checkRanks("x.json", 1000, 4, 2, RunPlan.RankCost.MULTICORE, machine); // 250 tasks of 4 members
        assertTrue(e.getMessage().contains("kernel.pid_max 1000"), e.getMessage());
        var here = RunPlan.Machine.here();
        assertTrue(here.taskLimit() > 0 && here.physicalBytes() > 0, here.toString());
    }

    @Test
    void membersThatDoNotFitTheHeapAreRefusedBeforeTheRunDirectory(@TempDir Path dir) throws Exception {
        // 400 PD14 members of ~70 MB each: far beyond the tests' heap (4 GB), within the rank limit
        Path file = write(dir, "pd14.json", """
                {"name": "m", "members": 400, "model": {"kind": "pd14", "nScale": 0.05, "kScale": 0.5},
                 "parameters": [{"name": "jScale", "priorMean": 1.0, "priorSd": 0.05}],
                 "observations": {"truth": {"jScale": 1.0}, "binMs": 100},
                 "windows": {"lengthMs": 100, "count": 3}}
                """);
        Path run = dir.resolve("run");
        Result r = doka("run", file.toString(), "--run-dir", run.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("doka run: " + file + ": refused before anything is built: memory: "), r.err());
        assertTrue(r.err().contains("the members need"), r.err());
        assertFalse(Files.exists(run), "no run directory, no truth run");
    }

    @Test
    void aRunWhoseStartFailedIsStartedAgainBySameRun(@TempDir Path dir) throws Exception {
        Path file = write(dir, "l96.json", l96(4));
        Path run = dir.resolve("run");
        // what a start that failed before its first window leaves: the configuration, the outputs' headers, the lock
        EnsembleRunner.prepare(file, run, true);
        Files.writeString(run.resolve("diagnostics.csv"), "window,rmse_forecast\n");
        RunLock.acquire(run).close();
        Result r = doka("run", file.toString(), "--run-dir", run.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("never completed a window"), r.err());
        assertTrue(Files.exists(run.resolve("summary.json")));

        // a run that completed a window is not started over: resume continues it
        Path other = dir.resolve("other");
        EnsembleRunner.prepare(file, other, true);
        Files.writeString(other.resolve("diagnostics.csv"), "window,rmse_forecast\n1,0.5\n");
        Result refused = doka("run", file.toString(), "--run-dir", other.toString(), "--quiet");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("already holds a run") && refused.err().contains("resume"), refused.err());
        assertTrue(Files.exists(other.resolve("config.json")));
    }

    @Test
    void aRunInProgressIsNotTakenOver(@TempDir Path dir) throws Exception {
        Path file = write(dir, "l96.json", l96(4));
        Path run = dir.resolve("run");
        EnsembleRunner.prepare(file, run, true);
        try (RunLock live = RunLock.acquire(run)) {
            Result r = doka("run", file.toString(), "--run-dir", run.toString(), "--quiet");
            assertEquals(2, r.code());
            assertTrue(r.err().contains("is in use by another doka process"), r.err());
        }
        assertTrue(Files.exists(run.resolve("config.json")));
    }

    @Test
    void errorsFoundWithTheModelNameTheConfiguration(@TempDir Path dir) throws Exception {
        Path file = write(dir, "pd14.json", """
                {"name": "p", "members": 2, "model": {"kind": "pd14", "nScale": 0.01},
                 "parameters": [{"name": "nonsense", "priorMean": 1.0, "priorSd": 0.05}],
                 "observations": {"truth": {"nonsense": 1.0}, "binMs": 100},
                 "windows": {"lengthMs": 100, "count": 1}}
                """);
        Path run = dir.resolve("run");
        Result r = doka("run", file.toString(), "--run-dir", run.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("doka run: " + file + ": "), r.err());
        assertTrue(r.err().contains("nonsense"), r.err());
        assertFalse(Files.exists(run));
    }

    @Test
    void lorenz96ForcingIsRangeCheckedAndABlownUpTruthIsNamed() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("f.json",
                l96(4).replace("\"kind\": \"lorenz96\"", "\"kind\": \"lorenz96\", \"forcing\": 1e6")));
        assertTrue(e.getMessage().contains("field 'model.forcing' is 1000000.0; expected at most 16.0 in size with dt 0.05"),
                e.getMessage());
        // past the check (a configuration made in code): the truth's blow-up is named, not its NaN observations
        EnsembleConfig ok = ConfigReader.parse("f.json", l96(4));
        var m = (EnsembleConfig.Model.Lorenz96) ok.model();
        EnsembleConfig blowing = ok.withModelAndObservations(new EnsembleConfig.Model.Lorenz96(m.variables(), 1e6,
                m.dt(), m.stepsPerWindow(), m.obsVariance(), m.initialSpread(), m.spinUpSteps()), ok.observations());
        IllegalStateException blown = assertThrows(IllegalStateException.class, () -> Experiments.create(blowing, null));
        assertTrue(blown.getMessage().startsWith("the Lorenz-96 truth blew up in its spin-up"), blown.getMessage());
    }
}
