package doka.launcher.command;

import doka.launcher.Main;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's commands as users call them: exit codes, messages, files written. */
class TestLauncherCommands {
    record Result(int code, String out, String err) {
    }

    /** Runs the command line with its standard output and error captured. */
    static Result doka(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = cli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }

    private static final String L96 = """
            {"name": "l96", "members": 4, "model": {"kind": "lorenz96"}, "observations": {},
             "filter": {"kind": "etkf", "inflation": 1.04}, "windows": {"count": 5}}
            """;

    @Test
    void aBadConfigurationEndsWithOneLineNamingTheFieldAndExitCode2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, L96.replace("\"inflation\"", "\"inflaton\""));
        Result r = doka("run", file.toString(), "--run-dir", dir.resolve("run").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("doka run: " + file + ": unknown field 'filter.inflaton'"), r.err());
        assertTrue(!Files.exists(dir.resolve("run")), "nothing is written for a configuration that does not parse");
    }

    @Test
    void aRunDirectoryThatHoldsARunIsNotOverwritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("l96.json");
        Files.writeString(file, L96);
        Path run = dir.resolve("run");
        assertEquals(0, doka("run", file.toString(), "--run-dir", run.toString(), "--quiet").code());
        String summary = Files.readString(run.resolve("summary.json"));
        Result again = doka("run", file.toString(), "--run-dir", run.toString(), "--quiet");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already holds a run"), again.err());
        assertEquals(summary, Files.readString(run.resolve("summary.json")));
        assertTrue(Files.exists(run.resolve("report.html")));
    }

    @Test
    void quietSilencesTheProgressButKeepsTheFinalSummary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("twin.json");
        Files.writeString(file, """
                {"name": "q", "members": 4, "model": {"kind": "pd14", "nScale": 0.01},
                 "parameters": [{"name": "jScale", "priorMean": 1.0, "priorSd": 0.05}],
                 "observations": {"truth": {"jScale": 1.0}, "binMs": 100},
                 "windows": {"lengthMs": 100, "count": 2, "warmupMs": 0}}
                """);
        Path run = dir.resolve("run");
        Result r = doka("run", file.toString(), "--run-dir", run.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("twin verdict: ") && r.out().contains("summary: " + run.resolve("summary.json")), r.out());
        assertTrue(!r.out().contains("window 1/2") && !r.out().contains("task(s) of"), "no progress lines: " + r.out());
        assertTrue(Files.readString(run.resolve("log.txt")).contains("task(s) of"), "the log has them");
    }

    @Test
    void validateMeasuresAMemberAndRefusesWhatCannotFit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pd14.json");
        Files.writeString(file, """
                {"name": "v", "members": 4, "model": {"kind": "pd14", "nScale": 0.01},
                 "parameters": [{"name": "jScale", "priorMean": 1.0, "priorSd": 0.05}],
                 "observations": {"truth": {"jScale": 1.0}, "binMs": 100},
                 "windows": {"lengthMs": 100, "count": 3}}
                """);
        Result ok = doka("validate", file.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("neurons") && ok.out().contains("fits."), ok.out());
        Result tight = doka("validate", file.toString(), "--memory-per-rank-gb", "0.001");
        assertEquals(1, tight.code());
        assertTrue(tight.out().contains("refused: the members need"), tight.out());
    }

    @Test
    void everyShippedEnsembleConfigurationIsValid() throws Exception {
        Path ensembles = Path.of("..", "ensembles");
        try (var files = Files.list(ensembles)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                if (doka.launcher.config.ConfigReader.tree(f).has("targets")) {
                    try {
                        doka.launcher.calibrate.CalibrateConfigReader.read(f); // a calibration (./doka calibrate)
                    } catch (doka.launcher.config.ConfigException e) {
                        // Only a user's data path the environment does not give (e.g. ${DOKA_UNITS}) may be missing.
                        var unset = java.util.regex.Pattern.compile("\\$\\{(\\w+)} set, in model.dataPaths").matcher(e.getMessage());
                        assertTrue(unset.find() && System.getenv(unset.group(1)) == null, f + ": " + e.getMessage());
                    }
                } else {
                    doka.launcher.config.ConfigReader.read(f);
                }
            }
        }
    }

    /** The shared options' help texts come from help.properties by command name: none may be missing. */
    @Test
    void everySharedOptionHasItsHelpText() {
        for (CommandLine c : allCommands()) {
            for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
                if (o.descriptionKey().isEmpty()) {
                    continue; // its text is in its annotation
                }
                String help = String.join(" ", o.description()).strip();
                assertTrue(!help.isEmpty(), c.getCommandSpec().qualifiedName() + " " + o.longestName() + " has no help");
                assertTrue(!help.contains("${"), c.getCommandSpec().qualifiedName() + " " + o.longestName() + ": " + help);
            }
        }
        CommandLine bench = Main.commandLine().getSubcommands().get("bench");
        assertEquals("Seed (default: 12345).", bench.getCommandSpec().findOption("--seed").description()[0]);
        assertEquals(12345L, (Long) bench.getCommandSpec().findOption("--seed").getValue());
    }

    /** No help text renders a variable picocli could not resolve (it prints "null"), e.g. a literal ${DOKA_ALLEN}. */
    @Test
    void noHelpTextPrintsNull() {
        for (CommandLine c : allCommands()) {
            String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(!java.util.regex.Pattern.compile("\\bnull\\b").matcher(usage).find(),
                    c.getCommandSpec().qualifiedName() + "'s help prints null:\n" + usage);
        }
    }

    /** The command line and every subcommand, level by level. */
    private static java.util.List<CommandLine> allCommands() {
        java.util.List<CommandLine> commands = new java.util.ArrayList<>(java.util.List.of(Main.commandLine()));
        for (int i = 0; i < commands.size(); i++) {
            commands.addAll(commands.get(i).getSubcommands().values());
        }
        return commands;
    }
}
