package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import doka.launcher.EnsembleRunner;
import doka.launcher.Main;
import doka.launcher.calibrate.CalibrateConfig;
import doka.launcher.calibrate.CalibrationRun;
import doka.launcher.config.EnsembleConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CSV Doka writes reads with a plain {@code pandas.read_csv} (Debian's python3-pandas), through the
 * example that docs/python.md shows ({@code docs/examples/read_run.py}): a spiking twin's run directory, a
 * calibration's, {@code simulate --out} and {@code lorenz96 --diagnostics}. For each file pandas must see
 * exactly the rows and columns the file's header line and body hold (a comment line or a joined column
 * would break that), and the rank histogram has the same {@code rank_0 … rank_N} layout everywhere.
 */
class TestOutputsForPython {
    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCsvOfEveryOutputReadsInPandas(@TempDir Path tmp) throws Exception {
        assumeTrue(pandasAvailable(), "Debian's python3-pandas is not installed ('sudo apt-get install python3-pandas');"
                + " the Python outputs test is skipped");
        Path twin = spikingTwin(tmp);
        Path calibration = calibration(tmp);
        Path simulate = tmp.resolve("simulate");
        assertEquals(0, Main.commandLine().execute("simulate", "../ensembles/models/cortex-small.json", "--t-sim-ms", "300",
                "--t-warmup-ms", "100", "--out", simulate.toString()));
        Path lorenz = tmp.resolve("lorenz96");
        Files.createDirectories(lorenz);
        assertEquals(0, Main.commandLine().execute("lorenz96", "--members", "10", "--cycles", "60", "--burn-in", "10",
                "--json", "--diagnostics", lorenz.resolve("diagnostics.csv").toString()));

        JsonNode read = readInPandas(twin, calibration, simulate, lorenz);
        int files = 0;
        for (Path dir : List.of(twin, calibration, simulate, lorenz)) {
            JsonNode entry = read.get(dir.toString());
            List<Path> csvs;
            try (Stream<Path> s = Files.list(dir)) {
                csvs = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
            }
            for (Path csv : csvs) {
                List<String> lines = Files.readAllLines(csv);
                JsonNode seen = entry.get(csv.getFileName().toString());
                assertEquals(lines.size() - 1, seen.get("rows").asInt(), csv + ": rows pandas sees");
                List<String> columns = new ArrayList<>();
                seen.get("columns").forEach(c -> columns.add(c.asText()));
                assertEquals(Arrays.asList(lines.get(0).split(",", -1)), columns, csv + ": columns pandas sees");
                files++;
            }
        }
        assertTrue(files >= 14, "CSV files read: " + files);

        JsonNode twinHistogram = read.get(twin.toString()).get("rank_histogram");
        assertEquals(4 + 1, twinHistogram.size(), "the twin's rank histogram: members + 1 ranks " + twinHistogram);
        assertEquals(10 + 1, read.get(lorenz.toString()).get("rank_histogram").size(), "lorenz96's: same layout");
        JsonNode last = read.get(twin.toString()).get("last_parameters");
        assertEquals(3, last.size(), "the twin's three parameters at its last window: " + last);
        assertTrue(read.get(calibration.toString()).get("last_parameters").has("forcing"), "the calibration's forcing");
    }

    /** The PD14 twin cut to 4 members and 3 windows: parameters, diagnostics, observations, the truth's observations and a raster. */
    private static Path spikingTwin(Path tmp) throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "ensembles", "pd14-twin.json")));
        c.put("members", 4);
        ((ObjectNode) c.get("windows")).put("count", 3);
        Path file = tmp.resolve("twin.json");
        Files.writeString(file, c.toString());
        Path run = tmp.resolve("twin");
        EnsembleConfig config = EnsembleRunner.prepare(file, run, true);
        EnsembleRunner.run(config, run, EnsembleRunner.Device.MULTICORE);
        return run;
    }

    /** The Lorenz-96 calibration made small: iterations, parameters, predictions and targets. */
    private static Path calibration(Path tmp) throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "ensembles", "lorenz96-calibrate.json"))
                .replaceAll("(?m)^\\s*//.*$", ""));
        c.put("members", 8);
        ((ObjectNode) c.get("noise")).put("replicates", 10);
        ((ObjectNode) c.get("method")).put("iterations", 2);
        ((ObjectNode) c.get("protocol")).put("duration", 10);
        Path file = tmp.resolve("calibrate.json");
        Files.writeString(file, c.toString());
        Path run = tmp.resolve("calibration");
        CalibrateConfig config = CalibrationRun.prepare(file, run, true);
        CalibrationRun.run(config, run, EnsembleRunner.Device.MULTICORE, null);
        return run;
    }

    private static JsonNode readInPandas(Path... dirs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, Path.of("..", "docs", "examples", "read_run.py").toString()));
        for (Path d : dirs) {
            cmd.add(d.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "read_run.py did not end");
        assertEquals(0, p.exitValue(), "read_run.py failed: " + err);
        return JSON.readTree(out);
    }

    private static boolean pandasAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import pandas").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
