package doka.launcher.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.observation.io.NwbReader;
import doka.observation.io.NwbUnits;
import doka.observation.io.NwbWriter;
import io.jhdf.HdfFile;

/** {@code run --nwb}: every member's last window as NWB, matching the run's raster and its ensemble predictions. */
class TestRunNwb {
    @Test
    void everyMemberWritesItsLastWindowsSpikesAndPredictions(@TempDir Path dir) throws Exception {
        String why = NwbWriter.unavailable();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        Path file = dir.resolve("twin.json");
        Files.writeString(file, """
                {"name": "nwb", "members": 4, "model": {"kind": "pd14", "nScale": 0.01},
                 "parameters": [{"name": "jScale", "priorMean": 1.0, "priorSd": 0.05}],
                 "observations": {"truth": {"jScale": 1.0}, "binMs": 50},
                 "windows": {"lengthMs": 100, "count": 2, "warmupMs": 100}}
                """);
        Path run = dir.resolve("run");
        var r = TestLauncherCommands.doka("run", file.toString(), "--run-dir", run.toString(), "--quiet", "--nwb");
        assertEquals(0, r.code(), r.err());
        // member 0's spikes are those of its raster (every neuron: fewer than the raster's 2000), 0.1 ms apart at most
        NwbUnits units = NwbReader.readUnits(run.resolve("member-0000.nwb"));
        List<String> raster = Files.readAllLines(run.resolve("raster-member0.csv"));
        assertEquals(raster.size() - 1, units.spikeCount());
        assertTrue(units.spikeCount() > 50, "the member should spike: " + units.spikeCount());
        double[] fromRaster = raster.stream().skip(1).mapToDouble(l -> 0.2 + Double.parseDouble(l.split(",")[0]) / 1000)
                .sorted().toArray();
        double[] fromNwb = units.spikeTimesS();
        Arrays.sort(fromNwb);
        assertArrayEquals(fromRaster, fromNwb, 0.5e-4, "times from the start: warm-up 100 ms + one window");
        assertEquals(0, units.unitId(0));
        // the ensemble mean of the members' predicted rates is observations.csv's predicted_mean of the last window
        int members = 4;
        for (String line : Files.readAllLines(run.resolve("observations.csv"))) {
            String[] f = line.split(",");
            if (!f[0].equals("1")) {
                continue;
            }
            String label = f[2].substring(0, f[2].indexOf('@'));
            int bin = Integer.parseInt(f[2].substring(f[2].indexOf('@') + 1)); // name@bin
            double sum = 0;
            for (int m = 0; m < members; m++) {
                try (HdfFile h = new HdfFile(run.resolve(String.format("member-%04d.nwb", m)))) {
                    sum += ((double[]) h.getDatasetByPath("/processing/rates/" + label.replace('/', '|') + "/data")
                            .getData())[bin];
                }
            }
            assertEquals(Double.parseDouble(f[5]), sum / members, 5e-6 * Math.abs(sum / members), line + " (written to 6 digits)");
        }
    }
}
