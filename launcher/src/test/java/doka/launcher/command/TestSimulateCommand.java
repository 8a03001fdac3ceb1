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

class TestSimulateCommand {
    private static final String[] NAMES = {"L2/3e", "L2/3i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"};

    static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, c, p) -> {
            c.getErr().println(e.getMessage());
            c.getErr().flush();
            return 2;
        });
        return cli.execute(args);
    }

    @Test
    void smallPd14PrintsOneJsonLineWithEveryPopulation() throws Exception {
        String[] args = {"simulate", "pd14", "--n-scale", "0.02", "--t-warmup-ms", "50", "--t-sim-ms", "200",
            "--threads", "2", "--seed", "3", "--json"};
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), args));
        String line = out.toString().strip();
        assertEquals(1, line.lines().count());
        JsonNode pops = new ObjectMapper().readTree(line).get("populations");
        assertEquals(8, pops.size());
        double total = 0;
        for (String name : NAMES) {
            JsonNode p = pops.get(name);
            assertTrue(p.has("rate_hz") && p.has("cv_isi") && p.has("synchrony"), name);
            total += p.get("rate_hz").asDouble();
        }
        assertTrue(total > 0, line);
        StringWriter again = new StringWriter();
        args[9] = "1";
        assertEquals(0, run(again, new StringWriter(), args));
        assertEquals(line, again.toString().strip(), "same seed, other thread count, same numbers");
    }

    @Test
    void unknownModelAndBadScaleAreClearErrors() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "simulate", "pd15"));
        assertTrue(err.toString().contains("MODEL must be 'pd14'"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "simulate", "pd14", "--n-scale", "2"));
        assertTrue(err.toString().contains("n-scale must be in (0, 1]"), err.toString());
    }
}
