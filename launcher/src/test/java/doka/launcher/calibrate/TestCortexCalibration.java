package doka.launcher.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.launcher.EnsembleRunner;
import doka.launcher.config.ConfigException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spiking forward model of {@code calibrate}: {@code ensembles/cortex-calibrate.json} made smaller (8 members, 2
 * ES-MDA iterations, 1 s of rest) through a real MPJ multicore world, each forward run a cortex member built with its
 * own seed: the twin recovers the background rate scale from the areas' rates (truth within 3 final sd, error at most
 * half the prior's); and configurations a cortex cannot run are refused naming the file and field.
 */
class TestCortexCalibration {
    private static final Path SHIPPED = Path.of("..", "ensembles", "cortex-calibrate.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCortexTwinRecoversItsBackgroundScaleFromTheRates(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("cortex-calibrate.json");
        String small = Files.readString(SHIPPED).replace("\"members\": 16", "\"members\": 8")
                .replace("\"replicates\": 16", "\"replicates\": 8").replace("\"iterations\": 3", "\"iterations\": 2")
                .replace("\"restMs\": 2000", "\"restMs\": 1000").replace("models/cortex-small.json",
                        SHIPPED.toAbsolutePath().getParent().resolve("models/cortex-small.json").toString());
        Files.writeString(file, small);
        Path run = tmp.resolve("run");
        CalibrateConfig config = CalibrationRun.prepare(file, run, true);
        JsonNode summary = JSON.readTree(CalibrationRun.run(config, run, EnsembleRunner.Device.MULTICORE, null));
        JsonNode b = summary.get("parameters").get("background_rate_scale");
        System.out.println("cortex calibration: " + b + " " + summary.get("per_iteration"));
        double error = b.get("final_rmse").asDouble();
        assertTrue(error <= 3 * b.get("final_sd").asDouble(), "truth outside 3 final sd: " + b);
        assertTrue(error <= 0.5 * b.get("prior_rmse").asDouble(), "final error above half the prior's: " + b);
        assertEquals(8 + 2 * 8 + 8, summary.get("forward_runs").asInt() + 8, "replicates besides the forward runs");
        assertTrue(Files.readString(run.resolve("targets.csv")).startsWith("statistic,target,error_variance,noise_variance\n"
                + "rate_hz/MOp-L,"), "the targets name the statistics");
    }

    @Test
    void cortexConfigurationsAreCheckedAgainstTheModel(@TempDir Path tmp) throws Exception {
        String good = Files.readString(SHIPPED).replace("models/cortex-small.json",
                SHIPPED.toAbsolutePath().getParent().resolve("models/cortex-small.json").toString());
        assertError(tmp, good.replace("\"cv_isi/VISp-L\"", "\"cv/VISp-L\""), "protocol.statistics[3]");
        assertError(tmp, good.replace("\"rate_hz/VISp-L\"", "\"rate_hz/VISq-L\""), "an area of the model");
        assertError(tmp, good.replace("background_rate_scale", "background"), "no parameter 'background'");
        assertError(tmp, good.replace("background_rate_scale", "g_E@VISq-L"), "scope 'VISq-L'");
        assertError(tmp, good.replace("\"maxLag\": 20", "\"maxLag\": 500"), "protocol.maxLag");
        assertError(tmp, good.replace("\"restMs\": 2000", "\"restMs\": 2005"), "protocol.restMs");
        assertError(tmp, good.replace("\"truth\": {\"background_rate_scale\": 1.02}", "\"unitTable\": {\"file\":"
                + " \"missing.csv\", \"column\": \"timescale_ac\", \"statistic\": \"rate_hz\", \"hemisphere\": \"L\","
                + " \"validAbove\": 1, \"validBelow\": 1000}"), "targets.unitTable.file");
    }

    @Test
    void aUnitTableGivesTheTargetsAndTheirErrors(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("units.csv"), "area,timescale_ac\nVISp,5\nVISp,7\nVISp,9\nMOp,1000\nMOp,4\nMOp,6\n");
        String json = Files.readString(SHIPPED).replace("models/cortex-small.json",
                SHIPPED.toAbsolutePath().getParent().resolve("models/cortex-small.json").toString())
                .replace("\"cv_isi/VISp-L\"", "\"timescale_ms/VISp-L\", \"timescale_ms/MOp-L\"")
                .replace("\"targets\": {\"truth\": {\"background_rate_scale\": 1.02}}", "\"targets\": {\"values\":"
                        + " {\"rate_hz/MOp-L\": 3, \"rate_hz/SSp-bfd-L\": 2, \"rate_hz/VISp-L\": 6},"
                        + " \"errors\": {\"rate_hz/MOp-L\": 1, \"rate_hz/SSp-bfd-L\": 1, \"rate_hz/VISp-L\": 1},"
                        + " \"unitTable\": {\"file\": \"units.csv\", \"column\": \"timescale_ac\","
                        + " \"statistic\": \"timescale_ms\", \"hemisphere\": \"L\", \"validAbove\": 1, \"validBelow\": 1000}}");
        Path file = tmp.resolve("table.json");
        Files.writeString(file, json);
        CalibrateConfig c = CalibrateConfigReader.read(file);
        assertEquals(7.0, c.targets().values().get("timescale_ms/VISp-L"));
        assertEquals(5.0, c.targets().values().get("timescale_ms/MOp-L"), "the failed fit at 1000 is left out");
        assertTrue(c.targets().errors().get("timescale_ms/VISp-L") > 0, "the median's bootstrap error");
        assertEquals(3.0, c.targets().values().get("rate_hz/MOp-L"), "given values stay");
        // The resolved configuration needs the table no more: read back without it, the same targets.
        Files.delete(tmp.resolve("units.csv"));
        Path resolved = tmp.resolve("resolved.json");
        Files.writeString(resolved, CalibrateConfigReader.toJson(c));
        assertEquals(c.targets().values(), CalibrateConfigReader.read(resolved).targets().values());
    }

    private static void assertError(Path tmp, String json, String expected) throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, json);
        ConfigException e = assertThrows(ConfigException.class, () -> CalibrationRun.prepare(file, tmp.resolve("run"), true));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("run")), "nothing written for a bad configuration");
    }
    /**
     * The shipped Neuropixels calibration on the real atlas and Siegle et al. 2021's unit table (skipped without
     * ../shared/data): its targets are the six visual areas' median timescales, and its per-area parameters and
     * statistics fit the model (the run itself takes about 20 minutes: docs/launcher.md).
     */
    @Test
    void theNeuropixelsTimescaleCalibrationReadsOnTheRealAtlas(@TempDir Path tmp) throws Exception {
        Path data = Path.of("..", "..", "shared", "data").toAbsolutePath().normalize();
        Path units = data.resolve("recordings/siegle2021_timescale_metrics.csv");
        Assumptions.assumeTrue(Files.isRegularFile(units), units + ": ../shared/data absent, skipped");
        Path shipped = Path.of("..", "ensembles", "visual-timescale-calibrate.json").toAbsolutePath().normalize();
        String json = Files.readString(shipped).replace("\"file\": \"models/visual-allen.json\"", "\"file\": \""
                + shipped.getParent().resolve("models/visual-allen.json") + "\", \"dataPaths\": {\"DOKA_ALLEN\": \""
                + data.resolve("allen") + "\", \"DOKA_UNITS\": \"" + units + "\"}");
        Path file = tmp.resolve("visual.json");
        Files.writeString(file, json);
        CalibrateConfig c = CalibrateConfigReader.read(file);
        assertEquals(6, c.targets().values().size());
        c.targets().values().forEach((stat, ms) -> assertTrue(ms > 40 && ms < 70, stat + " = " + ms + " ms"));
        assertEquals(c.targets().values().keySet(), new java.util.HashSet<>(c.protocol().statistics()));
        new CortexForwardModel(c); // parameters and statistics are the model's
    }
}
