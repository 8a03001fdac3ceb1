package doka.launcher.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The member protocol, version 1, spoken byte for byte with the shipped Brian 2 adapter
 * ({@code adapters/brian2/doka_brian2.py}) on the shipped network ({@code ensembles/models/brian2-ei.json}):
 * the exact requests of docs/external.md's example session and the exact answers, apart from the
 * wall time an advance reports and Brian's version. A member restored from a saved state answers the
 * same bytes as one that ran straight through. Skipped, saying so, where Debian's python3-brian is absent.
 */
class TestBrian2Adapter {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    /** Skips the calling test, with the reason, when Brian 2 cannot be imported by Debian's python3. */
    static void assumeBrian2() throws Exception {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import brian2").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, "skipped: Brian 2 is not installed (" + PYTHON + " -c 'import brian2' fails);"
                + " install Debian's python3-brian (apt-get install python3-brian)");
    }

    /** One adapter process, spoken to line by line. */
    private static final class Session implements AutoCloseable {
        final Process process;
        final OutputStream in;
        final BufferedReader out;

        Session() throws Exception {
            process = new ProcessBuilder(PYTHON, ROOT.resolve("adapters/brian2/doka_brian2.py").toString(),
                    ROOT.resolve("ensembles/models/brian2-ei.json").toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            in = process.getOutputStream();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String ask(String request) throws Exception {
            in.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            String answer = out.readLine();
            assertTrue(answer != null, "no answer to " + request);
            return answer;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static final String HELLO = "{\"op\":\"hello\",\"protocol\":1,\"member\":\"member 0\",\"seed\":5,\"threads\":1,\"bin_ms\":50.0}";

    @Test
    void theExampleSessionByteForByteAndARestoreContinuesBitForBit() throws Exception {
        assumeBrian2();
        String state = dir.resolve("member-0.state").toString();
        List<String> straight = new ArrayList<>();
        try (Session s = new Session()) {
            assertEquals("{\"op\": \"hello\", \"protocol\": 1, \"program\": \"doka-brian2 1.0 (Brian X)\", \"parameters\":"
                    + " [\"bg_rate_hz\", \"g\"], \"observables\": [\"rate_E\", \"rate_I\"], \"neurons\": 1000,"
                    + " \"synapses\": 99279, \"raster\": true}", s.ask(HELLO).replaceFirst("Brian [0-9.]+\\)", "Brian X)"));
            assertEquals("{\"op\": \"set\"}", s.ask("{\"op\":\"set\",\"parameters\":{\"bg_rate_hz\":8.0,\"g\":5.0}}"));
            assertEquals("{\"op\": \"advance\", \"t_ms\": 100.0, \"sim_s\": S}",
                    s.ask("{\"op\":\"advance\",\"to_ms\":100.0}").replaceFirst("\"sim_s\": [0-9.e-]+", "\"sim_s\": S"));
            String saved = s.ask("{\"op\":\"save\",\"path\":\"" + state + "\"}");
            assertEquals("{\"op\": \"save\", \"bytes\": " + Files.size(Path.of(state)) + "}", saved);
            s.ask("{\"op\":\"advance\",\"to_ms\":200.0}");
            straight.add(s.ask("{\"op\":\"observe\",\"names\":[\"rate_E\",\"rate_I\"]}"));
            assertEquals("{\"op\": \"error\", \"request\": \"warp\", \"message\": \"ValueError: unknown op 'warp'\"}",
                    s.ask("{\"op\":\"warp\"}"));
            assertEquals("{\"op\": \"error\", \"request\": \"set\", \"message\": \"ValueError: unknown parameter(s) ['J'];"
                    + " this network has ['bg_rate_hz', 'g']\"}", s.ask("{\"op\":\"set\",\"parameters\":{\"J\":1.0}}"));
            assertEquals("{\"op\": \"shutdown\"}", s.ask("{\"op\":\"shutdown\"}"));
            assertTrue(s.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, s.process.exitValue());
        }
        JsonNode values = new ObjectMapper().readTree(straight.get(0)).get("values");
        assertEquals(2, values.get("rate_E").size());
        for (JsonNode r : values.get("rate_E")) {
            assertTrue(r.asDouble() > 0.5 && r.asDouble() < 30, "an E rate of " + r + " Hz");
        }

        try (Session s = new Session()) {
            s.ask(HELLO);
            assertEquals("{\"op\": \"restore\", \"t_ms\": 100.0}", s.ask("{\"op\":\"restore\",\"path\":\"" + state + "\"}"));
            s.ask("{\"op\":\"advance\",\"to_ms\":200.0}");
            assertEquals(straight.get(0), s.ask("{\"op\":\"observe\",\"names\":[\"rate_E\",\"rate_I\"]}"));
        }
        // the same seed, without a save in between: the same bytes
        try (Session s = new Session()) {
            s.ask(HELLO);
            s.ask("{\"op\":\"set\",\"parameters\":{\"bg_rate_hz\":8.0,\"g\":5.0}}");
            s.ask("{\"op\":\"advance\",\"to_ms\":100.0}");
            s.ask("{\"op\":\"advance\",\"to_ms\":200.0}");
            assertEquals(straight.get(0), s.ask("{\"op\":\"observe\",\"names\":[\"rate_E\",\"rate_I\"]}"));
        }
    }
}
