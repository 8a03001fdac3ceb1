package doka.launcher.command;

import doka.launcher.Main;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

class TestLorenz63Command {
    private String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, cli.execute(args));
        return out.toString().strip();
    }

    @Test
    void sameSeedSameLineAndAScoreBelowTheObservationError() throws Exception {
        String[] args = {"lorenz63", "--filter", "ETKF", "--members", "10", "--inflation", "1.02", "--rotate",
            "--cycles", "1000", "--seed", "5", "--json"};
        String first = run(args);
        assertEquals(first, run(args));
        JsonNode json = new ObjectMapper().readTree(first);
        assertEquals(40, json.get("burn_in").asInt());
        // Observation error √2 ≈ 1.41; Sakov et al. (2012) report 0.65 for this configuration.
        assertTrue(json.get("rmse_analysis").asDouble() < 0.9, first);
        assertTrue(json.get("rmse_forecast").asDouble() > json.get("rmse_analysis").asDouble(), first);
    }
}
