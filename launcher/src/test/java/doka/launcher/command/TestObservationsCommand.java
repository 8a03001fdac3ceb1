package doka.launcher.command;

import doka.launcher.Main;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

class TestObservationsCommand {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void inspectsARealNwbFileAsOneJsonLine() throws IOException {
        String shared = System.getProperty("doka.shared", "../shared");
        Path nwb = Path.of(shared, "data/recordings/pynapple_A8604-211122.nwb");
        Assumptions.assumeTrue(Files.isRegularFile(nwb), "pynapple NWB: ../shared/data/recordings/ absent, skipped");
        assertEquals(0, run("observations", "inspect", nwb.toString(), "--json"), err.toString());
        String text = out.toString().strip();
        assertEquals(1, text.lines().count(), "one line");
        JsonNode json = new ObjectMapper().readTree(text);
        assertEquals(3, json.get("units").asInt());
        assertEquals(21_354, json.get("spikes").asInt());
        assertTrue(json.get("t_start_s").asDouble() >= 0);
        assertTrue(json.get("t_stop_s").asDouble() <= 1087.5289);
    }

    @Test
    void inspectsACsvAsTextAndJson() throws IOException {
        Path csv = dir.resolve("obs.csv");
        Files.writeString(csv, "time_s,area,value,sigma\n0.1,MOp,5,0.5\n0.2,MOp,6,0.5\n0.2,SSp,1,0.1\n");
        assertEquals(0, run("observations", "inspect", csv.toString()), err.toString());
        assertTrue(out.toString().contains("areas: [MOp, SSp]"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("observations", "inspect", csv.toString(), "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(0.1, json.get("t_start_s").asDouble());
        assertEquals(0.2, json.get("t_stop_s").asDouble());
        assertEquals(3, json.get("values").asInt());
        assertTrue(json.get("units") == null, "a CSV has no units");
    }

    @Test
    void badInputFailsNamingTheLine() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "time_s,area,value,sigma\n0.1,MOp,5,-1\n");
        assertNotEquals(0, run("observations", "inspect", csv.toString()));
        assertTrue(err.toString().contains("bad.csv:2: sigma -1 must be > 0"), err.toString());
    }
}
