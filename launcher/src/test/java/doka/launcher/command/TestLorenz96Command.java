package doka.launcher.command;

import doka.launcher.Main;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.enkf.EnsembleFilter.Variant;
import doka.enkf.FilterConfig;
import doka.enkf.twin.HiddenMarkovModel;
import doka.enkf.twin.TwinExperiment;
import doka.enkf.twin.TwinSummary;
import picocli.CommandLine;

class TestLorenz96Command {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void jsonLineHasTheKeysAndTheRunnerNumbers() throws Exception {
        assertEquals(0, run("lorenz96", "--filter", "letkf", "--members", "10", "--inflation", "1.04",
                "--localization", "6", "--cycles", "800", "--seed", "3", "--json"));
        String[] lines = out.toString().strip().split("\n");
        assertEquals(1, lines.length, out.toString());
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        for (String key : new String[] {"rmse_analysis", "spread_analysis", "rmse_forecast", "cycles", "burn_in"}) {
            assertTrue(json.has(key), "missing " + key + " in " + lines[0]);
        }
        assertEquals(800, json.get("cycles").asInt());
        assertEquals(400, json.get("burn_in").asInt());
        TwinSummary direct = TwinExperiment.of(HiddenMarkovModel.lorenz96Sakov2008(),
                FilterConfig.of(Variant.LETKF, 1.04).withLocalization(6), 10).withCycles(800).withSeed(3).run();
        assertEquals(direct.rmseAnalysis(), json.get("rmse_analysis").asDouble(), 0.0);
        assertEquals(direct.spreadAnalysis(), json.get("spread_analysis").asDouble(), 0.0);
        assertTrue(json.get("rmse_analysis").asDouble() < 0.3, lines[0]);
    }

    @Test
    void textReportAndDiagnosticsFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("sub/diag.csv");
        assertEquals(0, run("lorenz96", "--filter", "enkf", "--members", "20", "--inflation", "1.08", "--rtps", "0.3",
                "--cycles", "100", "--burn-in", "20", "--diagnostics", csv.toString()));
        assertTrue(out.toString().contains("analysis RMSE"), out.toString());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(101, rows.size());
        assertTrue(rows.get(0).startsWith("cycle,time,rmse_forecast,rmse_analysis"), rows.get(0));
    }

    @Test
    void forcingEstimationIsReported() throws Exception {
        assertEquals(0, run("lorenz96", "--estimate-forcing", "10", "--cycles", "600", "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString().strip());
        assertEquals(8.0, json.get("parameter_mean").asDouble(), 3 * json.get("parameter_spread").asDouble());
    }

    @Test
    void letkfWithoutRadiusIsAClearError() {
        int code = run("lorenz96", "--filter", "letkf", "--cycles", "10");
        assertTrue(code != 0);
        assertTrue(err.toString().contains("--localization"), err.toString());
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertTrue(run("lorenz96", "--members", "1", "--cycles", "10") != 0);
        assertTrue(err.toString().contains("members"), err.toString());
    }

    @Test
    void unknownFilterKindNamesTheOptionAndTheKinds() {
        assertEquals(2, run("lorenz96", "--filter", "3dvar", "--cycles", "10"));
        assertTrue(err.toString().contains("'--filter' is '3dvar'; expected one of [etkf, enkf, letkf]"), err.toString());
        err.getBuffer().setLength(0);
        // the command line accepts any case, as picocli's enum options did
        assertEquals(0, run("lorenz63", "--filter", "EnKF", "--cycles", "20", "--burn-in", "5", "--json"));
        assertTrue(out.toString().contains("\"filter\":\"enkf\""), out.toString());
    }
}
