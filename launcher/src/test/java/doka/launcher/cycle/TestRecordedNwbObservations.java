package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import doka.launcher.EnsembleRunner;
import doka.launcher.config.EnsembleConfig;
import doka.observation.io.NwbReader;
import doka.observation.io.NwbUnits;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cortex members assimilate a real recording: the spikes of the units of a real NWB file
 * ({@code ../shared/data/recordings/pynapple_A8604-211122.nwb}, mapped to MOp-L by their electrode
 * group) binned into area rates from a chosen time of the recording on.
 */
class TestRecordedNwbObservations {
    private static Path recording() {
        Path shared = Path.of(System.getProperty("doka.shared", "../../shared"));
        Path file = shared.resolve("data/recordings/pynapple_A8604-211122.nwb");
        Assumptions.assumeTrue(Files.isRegularFile(file), file + ": ../shared/data/recordings absent, skipped");
        return file;
    }

    @Test
    void unitsOfARealNwbFileBecomeTheAreaRatesTheFilterSees(@TempDir Path dir) throws Exception {
        Path nwb = recording();
        Path mapping = dir.resolve("mapping.csv");
        Files.writeString(mapping, "kind,key,area\nelectrode_group,group0_psb,MOp-L\n");
        Path file = dir.resolve("recorded.json");
        Path model = Path.of("..", "ensembles", "models", "cortex-small.json").toAbsolutePath();
        Files.writeString(file, """
                {"name": "recorded", "members": 4, "seed": 5,
                 "model": {"kind": "cortex", "file": "%s"},
                 "parameters": [{"name": "background_rate_scale@MOp-L", "priorMean": 1.0, "priorSd": 0.05,
                                 "lower": 0.7, "upper": 1.3, "transform": "logit"}],
                 "observations": {"file": "%s", "mapping": "mapping.csv", "recordingStartS": 100.0, "binMs": 500},
                 "filter": {"kind": "etkf", "inflation": 1.0, "rtps": 0.8},
                 "windows": {"lengthMs": 500, "count": 3, "warmupMs": 100}}
                """.formatted(model, nwb));
        Path run = dir.resolve("run");
        EnsembleConfig c = EnsembleRunner.prepare(file, run, true);
        EnsembleRunner.run(c, run, EnsembleRunner.Device.MULTICORE);

        // expected: mean rate of the file's units in [100 + 0.5 w, 100 + 0.5 (w + 1)) s
        NwbUnits units = NwbReader.readUnits(nwb);
        List<String> lines = Files.readAllLines(run.resolve("observations.csv"));
        assertEquals(4, lines.size(), "one area observed in each of 3 windows");
        for (int w = 0; w < 3; w++) {
            double from = 100 + 0.5 * w;
            long spikes = java.util.Arrays.stream(units.spikeTimesS()).filter(t -> t >= from && t < from + 0.5).count();
            double expected = spikes / (double) units.unitCount() / 0.5;
            String[] row = lines.get(w + 1).split(",");
            assertEquals("MOp-L@0", row[2]);
            assertEquals(expected, Double.parseDouble(row[3]), 1e-4 * Math.max(1, expected), "window " + w);
        }
        assertTrue(Files.readString(run.resolve("summary.json")).contains("background_rate_scale@MOp-L"));
    }
}
