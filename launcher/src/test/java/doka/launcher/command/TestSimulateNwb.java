package doka.launcher.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.observation.io.NwbReader;
import doka.observation.io.NwbUnits;
import doka.observation.io.NwbWriter;

/** {@code simulate <model> --nwb FILE}: the NWB file holds the spikes of spikes.csv, read back by the reader of real recordings. */
class TestSimulateNwb {
    private static final String MODEL = Path.of("..", "ensembles", "models", "cortex-small.json").toAbsolutePath().toString();

    private static void simulate(Path out, String... extra) {
        String[] base = {"simulate", MODEL, "--t-warmup-ms", "100", "--t-sim-ms", "300", "--threads", "1", "--json",
            "--out", out.toString(), "--nwb", out.resolve("member.nwb").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        StringWriter stderr = new StringWriter();
        assertEquals(0, TestSimulateCommand.run(new StringWriter(), stderr, args), stderr.toString());
    }

    @Test
    void theNwbFileHoldsTheSpikesOfSpikesCsvForAnyRankCount(@TempDir Path dir) throws Exception {
        String why = NwbWriter.unavailable();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        simulate(dir.resolve("p1"));
        NwbUnits units = NwbReader.readUnits(dir.resolve("p1/member.nwb"));
        List<String> csv = Files.readAllLines(dir.resolve("p1/spikes.csv"));
        assertEquals(csv.size() - 1, units.spikeCount(), "one spike per line of spikes.csv");
        assertTrue(units.spikeCount() > 100, "the member should spike");
        // each line's spike is among its neuron's unit's times (the CSV rounds to float milliseconds)
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            int neuron = Integer.parseInt(f[1]);
            int u = (int) (neuron - units.unitId(0));
            assertEquals(neuron, units.unitId(u));
            double tS = Float.parseFloat(f[0]) / 1000;
            boolean found = false;
            for (int i = units.spikeStart(u); i < units.spikeEnd()[u] && !found; i++) {
                found = Math.abs(units.spikeTimeS(i) - tS) < 1e-6;
            }
            assertTrue(found, "spike " + line + " in unit " + u);
            assertEquals(f[2].substring(0, f[2].indexOf('/')), units.location(u));
        }
        simulate(dir.resolve("p2"), "--ranks", "2");
        NwbUnits split = NwbReader.readUnits(dir.resolve("p2/member.nwb"));
        assertArrayEquals(units.unitIds(), split.unitIds());
        assertArrayEquals(units.spikeEnd(), split.spikeEnd());
        assertArrayEquals(units.spikeTimesS(), split.spikeTimesS(), 0.0, "the same spikes on two ranks");
    }

    @Test
    void nwbIsRefusedWhereItDoesNotApply() {
        StringWriter err = new StringWriter();
        assertEquals(2, TestSimulateCommand.run(new StringWriter(), err, "simulate", "pd14", "--nwb", "x.nwb"));
        assertTrue(err.toString().contains("--nwb applies to cortex model files without a body"), err.toString());
    }
}
