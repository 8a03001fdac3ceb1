package doka.launcher.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.enkf.CalibrationResult;
import doka.enkf.Calibrator;
import doka.launcher.EnsembleRunner;
import doka.launcher.config.ConfigException;
import doka.launcher.config.Priors;
import doka.launcher.report.ReportWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./doka calibrate ensembles/lorenz96-calibrate.json} end to end through a real MPJ multicore world (one rank
 * per member): it recovers the forcing (truth within 2 final sd, final error at most 30 % of the prior's), gives
 * exactly the numbers of the in-process {@link Calibrator} on threads (same seed, same numbers whatever the ranks),
 * writes its outputs and report, and a calibration cut back to a checkpoint and resumed ends with the same files.
 */
class TestCalibrateCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHIPPED = Path.of("..", "ensembles", "lorenz96-calibrate.json");

    @Test
    void lorenz96CalibrationRecoversTheForcingAndEqualsTheInProcessCalibrator(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CalibrateConfig config = CalibrationRun.prepare(SHIPPED, run, false);
        JsonNode summary = JSON.readTree(CalibrationRun.run(config, run, EnsembleRunner.Device.MULTICORE, null));

        JsonNode f = summary.get("parameters").get("forcing");
        double error = f.get("final_rmse").asDouble();
        System.out.println("calibrate lorenz96: " + f + " " + summary.get("per_iteration"));
        assertEquals(8.0, f.get("truth").asDouble());
        assertTrue(error <= 2 * f.get("final_sd").asDouble(), "truth outside 2 final sd: " + f);
        assertTrue(error <= 0.3 * f.get("prior_rmse").asDouble(), "final error above 30 % of the prior's: " + f);
        for (String key : List.of("prior_mean", "final_mean", "final_sd", "final_min", "final_max")) {
            assertTrue(f.has(key), key);
        }
        assertEquals(5, summary.get("per_iteration").size());
        assertEquals(150, summary.get("forward_runs").asInt());

        // the same calibration in process, on threads: the same numbers
        var stats = ForwardModels.statistics(config);
        CalibrationRun.Targets targets = CalibrationRun.readTargets(run, stats);
        double[] prior = new double[config.members()];
        for (int m = 0; m < config.members(); m++) {
            prior[m] = Priors.sample(config.parameters(), Priors.transforms(config.parameters()), config.seed(), m)[0];
        }
        Calibrator calibrator = new Calibrator(config.calibration().withThreads(2), Priors.transforms(config.parameters()),
                null);
        // the replicate runs on the ranks give the in-process noise estimate
        assertArrayEquals(calibrator.replicateVariance(ForwardModels.create(config), new double[] {10.0}, 100),
                targets.noiseVariance(), 0.0);
        CalibrationResult reference = calibrator.run(ForwardModels.create(config), prior, targets.values(),
                targets.variance());
        assertEquals(reference.last().mean()[0], f.get("final_mean").asDouble(), 1e-12); // summed in another order
        List<String> iterations = Files.readAllLines(run.resolve("iterations.csv"));
        assertEquals(reference.steps().size(), iterations.size() - 1);
        for (int i = 0; i < reference.steps().size(); i++) {
            String[] row = iterations.get(i + 1).split(",");
            assertEquals(reference.steps().get(i).misfit(), Double.parseDouble(row[2]), 0.0);
            assertEquals(reference.steps().get(i).spread(), Double.parseDouble(row[3]), 0.0);
            assertEquals(reference.steps().get(i).mean()[0], Double.parseDouble(row[4]), 0.0);
        }
        List<String> parameters = Files.readAllLines(run.resolve("parameters.csv"));
        assertEquals(1 + 5 * 30, parameters.size());
        for (int m = 0; m < 30; m++) {
            assertEquals(reference.ensemble()[m], Double.parseDouble(parameters.get(1 + 4 * 30 + m).split(",")[2]), 0.0);
        }
        assertEquals(1 + 5 * 30, Files.readAllLines(run.resolve("predictions.csv")).size());
        assertTrue(JSON.readTree(run.resolve(CalibrationRun.FITTED).toFile()).path("parameters").has("forcing"));
        assertTrue(Files.readString(run.resolve("log.txt")).contains("ETA"));

        Path report = ReportWriter.write(run);
        String html = Files.readString(report);
        assertTrue(html.contains("Statistics against targets") && html.contains("fig-misfit.png"), html);
        for (String fig : List.of("fig-misfit.png", "fig-parameter-forcing.png", "fig-statistic-variance.png")) {
            assertTrue(Files.size(run.resolve(fig)) > 1000, fig);
        }

        // cut back to the checkpoint after 3 evaluated ensembles (as a kill after it leaves it) and resume
        Path resumed = tmp.resolve("resumed");
        copy(run, resumed);
        Files.delete(resumed.resolve("summary.json"));
        for (String name : List.of("iterations.csv", "parameters.csv", "predictions.csv")) {
            List<String> lines = Files.readAllLines(resumed.resolve(name));
            // killed while writing iteration 4: beyond the checkpoint's lengths, cut back on resume
            Files.write(resumed.resolve(name), lines.subList(0, lines.size() - (name.startsWith("iterations") ? 1 : 7)));
        }
        Files.walk(resumed.resolve("checkpoints")).sorted(java.util.Comparator.reverseOrder())
                .filter(p -> p.toString().contains("window-000004")).forEach(p -> p.toFile().delete());
        String again = CalibrationRun.run(config, resumed, EnsembleRunner.Device.MULTICORE, "window-000003");
        assertEquals(summary.get("parameters"), JSON.readTree(again).get("parameters"));
        for (String name : List.of("iterations.csv", "parameters.csv", "predictions.csv", CalibrationRun.FITTED)) {
            assertEquals(Files.readString(run.resolve(name)), Files.readString(resumed.resolve(name)), name);
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void fourJvmProcessesOnNiodevGiveTheNumbersOfTheMulticoreDevice(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("four.json");
        Files.writeString(cfg, Files.readString(SHIPPED).replace("\"members\": 30", "\"members\": 4")
                .replace("\"replicates\": 100", "\"replicates\": 10"));
        Path threads = tmp.resolve("threads");
        Path processes = tmp.resolve("processes");
        CalibrateConfig a = CalibrationRun.prepare(cfg, threads, true);
        CalibrateConfig b = CalibrationRun.prepare(cfg, processes, true);
        CalibrationRun.run(a, threads, EnsembleRunner.Device.MULTICORE, null);
        JsonNode summary = JSON.readTree(CalibrationRun.run(b, processes, EnsembleRunner.Device.NIODEV, null));
        assertTrue(summary.has("parameters"), summary.toString());
        for (String name : List.of("iterations.csv", "parameters.csv", "predictions.csv")) {
            assertEquals(Files.readString(threads.resolve(name)), Files.readString(processes.resolve(name)), name);
        }
    }

    @Test
    void badConfigurationsNameTheFileAndField(@TempDir Path tmp) throws Exception {
        String good = Files.readString(SHIPPED);
        assertError(tmp, good.replace("\"seed\": 1", "\"sed\": 1"), "unknown field 'sed'");
        assertError(tmp, good.replace("\"esmda\"", "\"esmdaa\""), "method.kind");
        assertError(tmp, good.replace("{\"truth\": {\"forcing\": 8}}", "{}"), "field 'targets'");
        assertError(tmp, good.replace("\"name\": \"forcing\"", "\"name\": \"drag\""), "parameters[0].name");
        assertError(tmp, good.replace("\"iterations\": 4", "\"iterations\": 0"), "method.iterations");
        assertError(tmp, good.replace("\"truth\": {\"forcing\": 8}", "\"values\": {\"mean\": 2}"), "targets.values");
        assertError(tmp, good.replace("\"members\": 30", "\"members\": 1"), "members");
    }

    private static void assertError(Path tmp, String json, String expected) throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, json);
        ConfigException e = assertThrows(ConfigException.class, () -> CalibrateConfigReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
