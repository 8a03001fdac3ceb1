package doka.launcher.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TestBenchCommand {
    @Test
    void pd14BenchReportsTheDocumentedKeys() throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, TestSimulateCommand.run(out, new StringWriter(), "bench", "pd14", "--n-scale", "0.02",
                "--t-warmup-ms", "0", "--t-sim-ms", "100", "--threads", "1", "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString().strip());
        for (String key : new String[] {"wall_s", "build_s", "synaptic_events", "events_per_s", "bytes_per_synapse",
            "peak_rss_mb"}) {
            assertTrue(json.has(key), key + " in " + json);
        }
        assertTrue(json.get("synaptic_events").asLong() > 0);
        // 7 bytes per synapse plus row starts
        double bytes = json.get("bytes_per_synapse").asDouble();
        assertTrue(bytes >= 7 && bytes < 8, "bytes per synapse " + bytes);
    }

    @Test
    void unknownBenchmarkIsAClearError() {
        StringWriter err = new StringWriter();
        assertEquals(2, TestSimulateCommand.run(new StringWriter(), err, "bench", "b20k"));
        assertTrue(err.toString().contains("NAME must be b10k, pd14, exchange or protocol"), err.toString());
    }

    @Test
    void exchangeBenchTimesTheSpikeExchangeOverMpj() throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, TestSimulateCommand.run(out, new StringWriter(), "bench", "exchange", "--ranks", "3", "--keys",
                "50", "--exchanges", "100", "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString().strip());
        assertEquals(3, json.get("ranks").asInt());
        assertTrue(json.get("median_us").asDouble() > 0 && json.get("p90_us").asDouble() >= json.get("median_us").asDouble(),
                json.toString());
        StringWriter err = new StringWriter();
        assertEquals(2, TestSimulateCommand.run(new StringWriter(), err, "bench", "exchange", "--ranks", "1"));
        assertTrue(err.toString().contains("--ranks >= 2"), err.toString());
    }
}
