package doka.launcher.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import doka.launcher.EnsembleRunner;
import doka.launcher.config.ConfigException;
import doka.observation.ObservationException;
import doka.observation.ReadOptions;
import doka.observation.io.CsvObservations;
import doka.observation.io.NwbObservations;
import doka.observation.io.RecordingSummary;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observations are checked against the model before any rank starts, by {@code validate} and by {@code run}'s
 * preparation: an area the model lacks (in a mapping or a CSV), a time range that selects nothing, a window without
 * observations, and a parameter no observation reaches under the LETKF's localization (a warning, an error with
 * {@code --strict}). The model is the small synthetic cortex of {@code ensembles/models/cortex-small.json}.
 */
class TestValidateObservations {
    private static final Path MODEL = Path.of("..", "ensembles", "models", "cortex-small.json").toAbsolutePath();

    private static Path shared(String file) {
        Path path = Path.of(System.getProperty("doka.shared", "../../shared")).resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path), path + ": ../shared/data absent, skipped");
        return path;
    }

    /** A cortex configuration observing {@code observations} ({@code "file": …} and more) with parameter {@code parameter}. */
    private static Path config(Path dir, String parameter, String observations, String filter) throws Exception {
        Path file = dir.resolve("ensemble.json");
        Files.writeString(file, """
                {"name": "checked", "members": 2, "seed": 5,
                 "model": {"kind": "cortex", "file": "%s"},
                 "parameters": [{"name": "%s", "priorMean": 1.0, "priorSd": 0.05,
                                 "lower": 0.7, "upper": 1.3, "transform": "logit"}],
                 "observations": {%s, "binMs": 500},
                 "filter": %s,
                 "windows": {"lengthMs": 500, "count": 2, "warmupMs": 100}}
                """.formatted(MODEL, parameter, observations, filter));
        return file;
    }

    /**
     * A configuration observing the real recording {@code ../shared/data/recordings/pynapple_A8604-211122.nwb}, its
     * units (electrode group {@code group0_psb}) mapped to {@code area}, from {@code startS} in the recording on.
     */
    private static Path nwbConfig(Path dir, String area, double startS) throws Exception {
        Path nwb = shared("data/recordings/pynapple_A8604-211122.nwb");
        Files.writeString(dir.resolve("mapping.csv"), "kind,key,area\nelectrode_group,group0_psb," + area + "\n");
        return config(dir, "background_rate_scale@MOp-L", "\"file\": \"" + nwb + "\", \"mapping\": \"mapping.csv\","
                + " \"recordingStartS\": " + startS, ETKF);
    }

    /** Preparing a run of the CSV {@code rows} fails with a {@code type}, and leaves no run directory behind. */
    private static Exception csvPrepareFails(Path dir, String rows, Class<? extends Exception> type) throws Exception {
        Files.writeString(dir.resolve("rates.csv"), rows);
        Path file = config(dir, "background_rate_scale@MOp-L", "\"file\": \"rates.csv\"", ETKF);
        Exception e = assertThrows(type, () -> EnsembleRunner.prepare(file, dir.resolve("run"), true, false));
        assertFalse(Files.exists(dir.resolve("run")));
        return e;
    }

    private static final String ETKF = "{\"kind\": \"etkf\", \"inflation\": 1.0}";

    /** Runs {@code doka validate <file>}: the error it ends with (Main prints its message as the one line). */
    private static Exception validateFails(Path file, boolean strict) {
        ValidateCommand validate = new ValidateCommand();
        validate.config = file;
        validate.strict = strict;
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return assertThrows(RuntimeException.class, validate::call);
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void aMappingToAnAreaTheModelLacksFailsValidateWithTheLineAndTheModelsAreas(@TempDir Path dir) throws Exception {
        Path file = nwbConfig(dir, "PoS", 100.0);
        String err = validateFails(file, false).getMessage();
        assertTrue(err.contains(dir.resolve("mapping.csv").toString() + ":2"), err);
        assertTrue(err.contains("unknown area 'PoS'"), err);
        assertTrue(err.contains("the model has [") && err.contains("MOp-L"), "the model's areas are listed: " + err);

        // run's preparation refuses it before any rank starts, and leaves no run directory behind
        Path run = dir.resolve("run");
        ObservationException e = assertThrows(ObservationException.class, () -> EnsembleRunner.prepare(file, run, true, false));
        assertTrue(e.getMessage().contains("unknown area 'PoS'"), e.getMessage());
        assertFalse(Files.exists(run.resolve("config.json")));
    }

    @Test
    void aCsvNamingAnAreaTheModelLacksFailsWithTheLine(@TempDir Path dir) throws Exception {
        Exception e = csvPrepareFails(dir, "time_s,area,value\n0.25,MOp-L,5\n0.75,PoS,4\n", ObservationException.class);
        assertTrue(e.getMessage().contains(dir.resolve("rates.csv") + ":3"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown area 'PoS'") && e.getMessage().contains("MOp-L"), e.getMessage());
    }

    @Test
    void aWindowWithoutObservationsIsAnErrorBeforeTheRun(@TempDir Path dir) throws Exception {
        // two windows of 0.5 s: the second has no row
        Exception e = csvPrepareFails(dir, "time_s,area,value\n0.25,MOp-L,5\n", ConfigException.class);
        assertTrue(e.getMessage().contains("rates.csv") && e.getMessage().contains("window 1"), e.getMessage());
    }

    @Test
    void aRecordingStartWhereNoUnitSpikesIsAnErrorNamingTheSpikesSpan(@TempDir Path dir) throws Exception {
        Path file = nwbConfig(dir, "MOp-L", 1000000.0);
        String err = validateFails(file, false).getMessage();
        assertTrue(err.contains("pynapple_A8604-211122.nwb") && err.contains("no spike of its") && err.contains("spikes, which span ["), err);
    }

    @Test
    void aParameterNoObservationReachesIsAWarningOrWithStrictAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rates.csv"), "time_s,area,value\n0.25,MOp-L,5\n0.75,MOp-L,4\n");
        String letkf = "{\"kind\": \"letkf\", \"inflation\": 1.0, \"localization\": 1.0}";
        // the right hemisphere's background: every observation is in the left one
        Path file = config(dir, "background_rate_scale@R", "\"file\": \"rates.csv\"", letkf);
        PrintStream errStream = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            EnsembleRunner.prepare(file, dir.resolve("run"), true, false);
        } finally {
            System.setErr(errStream);
        }
        String warning = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(warning.startsWith("warning: ") && warning.contains("parameters[0] 'background_rate_scale@R' is out of"
                + " reach of every observation"), warning);
        assertTrue(Files.exists(dir.resolve("run/config.json")), "a warning does not stop the run");

        ConfigException e = assertThrows(ConfigException.class,
                () -> EnsembleRunner.prepare(file, dir.resolve("strict"), true, true));
        assertTrue(e.getMessage().contains("--strict") && e.getMessage().contains("background_rate_scale@R"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("strict/config.json")));
        assertTrue(validateFails(file, true).getMessage().contains("--strict"));

        // the same parameter of the observed area is reached: no warning, strict or not
        Path reached = config(dir, "background_rate_scale@MOp-L", "\"file\": \"rates.csv\"", letkf);
        errBytes.reset();
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            EnsembleRunner.prepare(reached, dir.resolve("reached"), true, true);
        } finally {
            System.setErr(errStream);
        }
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dokasOwnObservationHdf5RunsAsTheSameCsvDoes(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("rates.csv");
        Files.writeString(csv, "time_s,area,value\n0.25,MOp-L,5\n0.75,MOp-L,4\n");
        Path h5 = dir.resolve("rates.h5");
        NwbObservations.write(CsvObservations.read(csv, ReadOptions.unchecked()), h5);
        assertEquals("doka-hdf5", RecordingSummary.inspect(h5).format(), "what observations inspect accepts");
        String[] outputs = {"parameters.csv", "diagnostics.csv"};
        String[][] runs = new String[2][];
        for (int k = 0; k < 2; k++) {
            Path file = config(dir, "background_rate_scale@MOp-L", "\"file\": \"" + (k == 0 ? csv : h5) + "\"", ETKF);
            Path run = dir.resolve("run" + k);
            EnsembleRunner.run(EnsembleRunner.prepare(file, run, true, false), run, EnsembleRunner.Device.MULTICORE);
            runs[k] = new String[outputs.length];
            for (int o = 0; o < outputs.length; o++) {
                runs[k][o] = Files.readString(run.resolve(outputs[o]));
            }
        }
        assertEquals(java.util.List.of(runs[0]), java.util.List.of(runs[1]), "the same observations, the same run");
    }

    @Test
    void missingFilesSayWhatTheyWereFor(@TempDir Path dir) throws Exception {
        Path file = config(dir, "background_rate_scale@MOp-L", "\"file\": \"absent.csv\"", ETKF);
        String err = validateFails(file, false).getMessage();
        assertEquals(file + ": field 'observations.file': the recording to assimilate (CSV or NWB): "
                + dir.resolve("absent.csv") + " does not exist", err);
        assertFalse(Files.exists(dir.resolve("run")));

        Files.writeString(dir.resolve("rates.csv"), "time_s,channel,value\n0.25,ch1,5\n0.75,ch1,4\n");
        Path mapped = config(dir, "background_rate_scale@MOp-L", "\"file\": \"rates.csv\", \"mapping\": \"map.csv\"", ETKF);
        err = validateFails(mapped, false).getMessage();
        assertTrue(err.contains("field 'observations.mapping': the mapping") && err.contains(dir.resolve("map.csv")
                + " does not exist"), err);

        Path model = dir.resolve("model.json");
        Files.writeString(model, Files.readString(file).replace(MODEL.toString(), "no-model.json"));
        err = validateFails(model, false).getMessage();
        assertTrue(err.contains("field 'model.file': the cortex model") && err.contains(dir.resolve("no-model.json")
                + " does not exist"), err);

        err = validateFails(dir.resolve("none.json"), false).getMessage();
        assertEquals(dir.resolve("none.json") + ": the ensemble configuration: no such file", err);
    }
}
