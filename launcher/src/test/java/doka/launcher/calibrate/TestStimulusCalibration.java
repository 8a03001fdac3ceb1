package doka.launcher.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.engine.cortex.CortexModel;
import doka.launcher.EnsembleRunner;
import doka.launcher.config.ConfigException;
import doka.launcher.simulate.CortexRun;
import doka.launcher.simulate.StimulusReadout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stimulus experiment as a calibration's forward model ({@code ensembles/gamma-mop-full-calibrate.json}'s
 * statistics and {@code model:} parameters, on {@code gamma-mop.json} at a small density): a forward run predicts
 * exactly what {@code simulate} prints for the fitted model file at the same seed; the statistics are computed as
 * documented on a read-out with known values; fewer ranks than members give the same numbers; and bad statistics,
 * paths and rank counts are refused naming the field.
 */
class TestStimulusCalibration {
    private static final Path ENSEMBLES = Path.of("..", "ensembles").toAbsolutePath().normalize();
    private static final Path SHIPPED = ENSEMBLES.resolve("gamma-mop-full-calibrate.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shipped configuration on the model's own file, at {@code density}. */
    private static String shipped(double density) throws Exception {
        return Files.readString(SHIPPED).replace("models/gamma-mop.json",
                ENSEMBLES.resolve("models/gamma-mop.json").toString()).replace("\"densityScale\": 1.0",
                "\"densityScale\": " + density);
    }

    private static CalibrateConfig read(Path tmp, String json) throws Exception {
        Path file = tmp.resolve("calibrate.json");
        Files.writeString(file, json);
        return CalibrateConfigReader.read(file);
    }

    @Test
    void aForwardRunPredictsWhatSimulatePrintsForTheFittedModelFile(@TempDir Path tmp) throws Exception {
        CalibrateConfig c = read(tmp, shipped(0.05));
        CortexForwardModel model = new CortexForwardModel(c);
        // g_E, g_FS, g_LTS, background_rate_scale@MOs-L, L2/3, L5 and L6 E K_ext, LTS capacitance, background
        // noise scales of L2/3 and L5 E, of L2/3, L5 and L6 FS and LTS
        double[] theta = {4.2, 3.9, 4.4, 0.95, 1580, 1950, 2800, 650, 1.4, 1.1, 1.8, 1.3, 2.0};
        double[] predicted = model.run(theta, 7);

        Path fitted = tmp.resolve("fitted-model.json");
        Files.writeString(fitted, JSON.writeValueAsString(model.fittedModel(theta)));
        JsonNode tree = JSON.readTree(fitted.toFile());
        assertEquals(0.05, tree.at("/cells/densityScale").asDouble(), 0.0);
        assertEquals(1580, tree.at("/background/inDegreeE/0").asDouble(), 0.0);
        assertEquals(650, tree.at("/neurons/LTS/params/C_m").asDouble(), 0.0);
        assertEquals(2800, tree.at("/background/inDegreeE/3").asDouble(), 0.0);
        assertEquals(0.95, tree.at("/parameters/background_rate_scale/area/MOs-L").asDouble(), 0.0);
        assertEquals(4.2, tree.at("/parameters/g_E/value").asDouble(), 0.0);
        assertEquals(1.3, tree.at("/background/noiseScaleI/2").asDouble(), 0.0);

        CortexModel m = CortexModel.read(fitted, Map.of());
        CortexModel.RunSpec r = m.run();
        CortexRun.Summary s = CortexRun.run(m.withRun(new CortexModel.RunSpec(r.dtMs(), r.tSimMs(), r.warmupMs(),
                r.binMs(), 7L, 1)), null);
        JsonNode printed = JSON.readTree(s.toJson());
        JsonNode areas = printed.at("/stimulus/areas");
        JsonNode phase = printed.at("/stimulus/phase_rad");
        double[] expected = new double[predicted.length];
        List<String> names = c.protocol().statistics();
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            String key = name.substring(name.indexOf('/') + 1);
            if (name.startsWith("rest.log10_rate_hz/")) {
                expected[j] = Math.log10(Math.max(1e-3, printed.get("rest").get("rates_hz").get(key).asDouble()));
            } else if (name.startsWith("stimulus.log10_gain/")) {
                expected[j] = Math.log10(areas.get(key).get("gamma_during").asDouble()
                        / areas.get(key).get("gamma_pre").asDouble());
            } else if (name.startsWith("stimulus.peak_hz/")) {
                expected[j] = areas.get(key).get("peak_during_hz").asDouble();
            } else if (name.startsWith("rest.log10_gamma_power/")) {
                expected[j] = Math.log10(areas.get(key).get("gamma_pre").asDouble());
            } else if (name.startsWith("stimulus.lag_ms/")) {
                expected[j] = printed.at("/stimulus/lag_ms").get(key).asDouble();
            } else {
                String[] ab = key.split(" after ");
                double d = phase.path(ab[0]).asDouble(Double.NaN) - phase.path(ab[1]).asDouble(Double.NaN);
                expected[j] = Math.IEEEremainder(d, 2 * Math.PI);
            }
            if (Double.isInfinite(expected[j])) {
                expected[j] = Double.NaN;
            }
        }
        assertArrayEquals(expected, predicted, 1e-12, "forward run against simulate's JSON of " + names);
    }

    @Test
    void statisticsOfAKnownReadout() {
        StimulusStatistics s = new StimulusStatistics(List.of("rest.log10_rate_hz/A/L2/3/E", "rest.log10_rate_hz/A/L5/E",
                "rest.cv_isi/A/L5/E", "stimulus.log10_gain/A", "stimulus.peak_hz/A", "stimulus.lag_ms/B",
                "stimulus.phase_rad/L5 E after L2/3 E", "stimulus.phase_rad/L2/3 FS after L2/3 E",
                "stimulus.phase_rad/L5 FS after L2/3 E", "rest.log10_gamma_power/A"), List.of("A/L2/3/E", "A/L5/E"),
                List.of("A", "B"),
                StimulusStatistics.labels());
        StimulusReadout r = new StimulusReadout(
                Map.of("A", new StimulusReadout.AreaGamma(0.5, 50, 38.0), "B", new StimulusReadout.AreaGamma(1, 2, 20)),
                Map.of("L2/3 E", 3.0, "L5 E", -3.0, "L2/3 FS", 3.1), Map.of("B", 6.0),
                new StimulusReadout.Rest(Map.of("A/L2/3/E", 0.0, "A/L5/E", 10.0), Map.of("A/L5/E", 0.8)));
        double[] v = s.of(r);
        assertEquals(-3.0, v[0], 1e-12, "a silent population at the 0.001 Hz floor");
        assertEquals(1.0, v[1], 1e-12);
        assertEquals(0.8, v[2], 0.0);
        assertEquals(2.0, v[3], 1e-12, "×100 is 2 in log10");
        assertEquals(38.0, v[4], 0.0);
        assertEquals(6.0, v[5], 0.0);
        assertEquals(2 * Math.PI - 6.0, v[6], 1e-12, "−3 − 3 wraps to +0.28: L5 E just after L2/3 E");
        assertEquals(0.1, v[7], 1e-12);
        assertTrue(Double.isNaN(v[8]), "a class without a phase is undefined");
        assertEquals(Math.log10(0.5), v[9], 1e-12);
    }

    @Test
    void fewerRanksThanMembersGiveTheSameNumbers(@TempDir Path tmp) throws Exception {
        String four = Files.readString(ENSEMBLES.resolve("lorenz96-calibrate.json")).replace("\"members\": 30",
                "\"members\": 4").replace("\"replicates\": 100", "\"replicates\": 10");
        Path perMember = tmp.resolve("per-member"), shared = tmp.resolve("shared");
        Files.writeString(tmp.resolve("a.json"), four);
        Files.writeString(tmp.resolve("b.json"), four.replace("\"members\": 4", "\"members\": 4, \"ranks\": 2"));
        CalibrationRun.run(CalibrationRun.prepare(tmp.resolve("a.json"), perMember, true), perMember,
                EnsembleRunner.Device.MULTICORE, null);
        CalibrationRun.run(CalibrationRun.prepare(tmp.resolve("b.json"), shared, true), shared,
                EnsembleRunner.Device.MULTICORE, null);
        for (String name : List.of("targets.csv", "iterations.csv", "parameters.csv", "predictions.csv",
                CalibrationRun.FITTED)) {
            assertEquals(Files.readString(perMember.resolve(name)), Files.readString(shared.resolve(name)), name);
        }
        assertTrue(Files.readString(shared.resolve("log.txt")).contains("4 members on 2 ranks"));
    }

    @Test
    void badStatisticsPathsAndRanksAreRefusedNamingTheField(@TempDir Path tmp) throws Exception {
        String good = shipped(0.05);
        assertRefused(tmp, good.replace("\"ranks\": 1", "\"ranks\": 5"), "field 'ranks'");
        assertRefused(tmp, good.replace("\"stimulus.peak_hz/MOp-L\", ", "\"stimulus.peak_hz/MOp-L\", \"rate_hz/MOp-L\", ")
                .replace("\"stimulus.peak_hz/MOp-L\": 40.0,", "\"stimulus.peak_hz/MOp-L\": 40.0, \"rate_hz/MOp-L\": 1,"),
                "mixes");
        assertRefused(tmp, good.replace("L5 FS after L5 E\"", "L5 FS before L5 E\"").replace("L5 FS after L5 E\":",
                "L5 FS before L5 E\":"), "<A> after <B>");
        assertRefused(tmp, good.replace("rest.log10_rate_hz/MOs-L/L5/E", "rest.log10_rate_hz/MOs-L/L7/E"),
                "takes one of");
        assertRefused(tmp, good.replace("model:neurons.LTS.params.C_m", "model:atlas.apVoxels"), "loaded once");
        assertRefused(tmp, good.replace("model:neurons.LTS.params.C_m", "model:neurons.LTS.model"), "not a number");
        assertRefused(tmp, good.replace("model:background.inDegreeE.2", "model:background.inDegreeE.7"),
                "not an element of an array of 4");
        assertRefused(tmp, good.replace("model:neurons.LTS.params.C_m", "model:neurons.LTS.params.C_mem"),
                "C_mem");
    }

    @Test
    void ranksThatWouldOverflowTheHeapAreRefusedNamingTheMostThatFit(@TempDir Path tmp) throws Exception {
        CalibrateConfig c = read(tmp, shipped(1.0).replace("\"ranks\": 1", "\"ranks\": 4"));
        double bytes = new CortexForwardModel(c).memberBytes();
        // gamma-mop at density 1 peaked at 8.1–12.4 GB resident in simulate (JVM and 2 threads' buffers included)
        assertTrue(bytes > 5e9 && bytes < 13e9, "one member: " + bytes / 1e9 + " GB");
        CalibrationRun.checkMemory(c, bytes, 4 * bytes + 1e9);
        ConfigException e = assertThrows(ConfigException.class, () -> CalibrationRun.checkMemory(c, bytes, 2.5 * bytes));
        assertTrue(e.getMessage().contains("field 'ranks' is 4") && e.getMessage().contains("ranks at most 2"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> CalibrationRun.checkMemory(c, bytes, 0.5 * bytes));
        assertTrue(e.getMessage().contains("one member alone does not fit"), e.getMessage());
        // a niodev rank JVM gets the heap one member needs, not the 512 MB of a Lorenz-96 rank
        assertTrue(CalibrationRun.rankHeapMb(c) >= 1.25 * bytes / 1e6, "niodev heap " + CalibrationRun.rankHeapMb(c));
    }

    private static void assertRefused(Path tmp, String json, String expected) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> new CortexForwardModel(read(tmp, json)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
