package doka.launcher.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate <model> --ranks P}: one cortex member split over P MPJ ranks writes the same outputs for every P. */
class TestSimulateRanks {
    private static final String MODEL = Path.of("..", "ensembles", "models", "cortex-small.json").toAbsolutePath().toString();
    private static final String[] OUTPUTS = {"spikes.csv", "rates.csv", "population_rates.csv", "voxel_rates.csv"};

    private static JsonNode simulate(Path out, String... extra) throws Exception {
        String[] base = {"simulate", MODEL, "--t-warmup-ms", "100", "--t-sim-ms", "300", "--threads", "1", "--json",
            "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        assertEquals(0, TestSimulateCommand.run(stdout, stderr, args), stderr.toString());
        return new ObjectMapper().readTree(stdout.toString().strip());
    }

    private static void assertSameOutputs(Path expected, Path actual) throws Exception {
        for (String f : OUTPUTS) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)),
                    f + " of " + actual.getFileName());
        }
    }

    @Test
    void oneTwoAndFourRanksWriteTheSameSpikesAndRates(@TempDir Path dir) throws Exception {
        JsonNode one = simulate(dir.resolve("p1"));
        assertTrue(Files.readAllLines(dir.resolve("p1/spikes.csv")).size() > 100, "the member should spike");
        for (int p : new int[] {2, 4}) {
            JsonNode split = simulate(dir.resolve("p" + p), "--ranks", Integer.toString(p));
            assertSameOutputs(dir.resolve("p1"), dir.resolve("p" + p));
            assertEquals(one.get("synapses").asLong(), split.get("synapses").asLong());
            assertEquals(one.get("areas"), split.get("areas"));
            JsonNode ranks = split.get("per_rank");
            assertEquals(p, ranks.size());
            long neurons = 0;
            long synapses = 0;
            for (JsonNode r : ranks) {
                neurons += r.get("neurons").asLong();
                synapses += r.get("synapses").asLong();
                assertTrue(r.get("neurons").asLong() < one.get("neurons").asLong(), "no rank holds the whole member");
                assertTrue(r.get("spikesSent").asLong() > 0, "every rank sends spikes: " + r);
            }
            assertEquals(one.get("neurons").asLong(), neurons);
            assertEquals(one.get("synapses").asLong(), synapses);
        }
    }

    @Test
    void ranksAreRefusedWhereTheyCannotApply() {
        StringWriter err = new StringWriter();
        assertEquals(2, TestSimulateCommand.run(new StringWriter(), err, "simulate", "pd14", "--ranks", "2"));
        assertTrue(err.toString().contains("--ranks and --device split cortex model files"), err.toString());
        err = new StringWriter();
        assertEquals(2, TestSimulateCommand.run(new StringWriter(), err, "simulate", MODEL, "--ranks", "0"));
        assertTrue(err.toString().contains("--ranks must be >= 1, got 0"), err.toString());
    }

    @Test
    void twoJvmsOnNiodevWriteTheSameOutputs(@TempDir Path dir) throws Exception {
        simulate(dir.resolve("p1"));
        JsonNode split = simulate(dir.resolve("nio"), "--ranks", "2", "--device", "niodev");
        assertSameOutputs(dir.resolve("p1"), dir.resolve("nio"));
        assertEquals(2, split.get("per_rank").size());
    }
}
