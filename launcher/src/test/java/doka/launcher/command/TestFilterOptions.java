package doka.launcher.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.launcher.EnsembleRunner;
import doka.launcher.Main;
import doka.launcher.config.ConfigException;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option of the filter factory reaches an ensemble configuration's {@code filter} section, and changes the
 * analysis of a run through the launcher exactly as the {@code lorenz96} command's option does.
 */
class TestFilterOptions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MEMBERS = 6;
    private static final int WINDOWS = 120;

    private static String l96(String filterExtra) {
        return """
                {"name": "l96", "members": %d, "seed": 7, "model": {"kind": "lorenz96"}, "observations": {},
                 "filter": {"kind": "etkf", "inflation": 1.04 %s}, "windows": {"count": %d}}
                """.formatted(MEMBERS, filterExtra, WINDOWS);
    }

    private static JsonNode command(String... options) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        String[] base = {"lorenz96", "--members", Integer.toString(MEMBERS), "--inflation", "1.04", "--cycles",
            Integer.toString(WINDOWS), "--seed", "7", "--json"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(options))
                .toArray(String[]::new);
        assertEquals(0, cli.execute(args), out.toString());
        return JSON.readTree(out.toString().strip());
    }

    private static JsonNode launcher(Path dir, String filterExtra) throws Exception {
        Path file = dir.resolve("l96.json");
        Files.writeString(file, l96(filterExtra));
        Path run = dir.resolve("run");
        EnsembleConfig c = EnsembleRunner.prepare(file, run, true);
        return JSON.readTree(EnsembleRunner.run(c, run, EnsembleRunner.Device.MULTICORE));
    }

    private static void sameAnalysis(Path dir, String filterExtra, String... options) throws Exception {
        JsonNode plain = command();
        JsonNode viaCommand = command(options);
        JsonNode viaConfig = launcher(dir, filterExtra);
        assertNotEquals(plain.get("rmse_analysis").asDouble(), viaCommand.get("rmse_analysis").asDouble(),
                "the option changes the analysis: " + String.join(" ", options));
        for (String key : new String[] {"rmse_analysis", "spread_analysis", "rmse_forecast"}) {
            assertEquals(viaCommand.get(key).asDouble(), viaConfig.get(key).asDouble(), 1e-12,
                    key + " of " + filterExtra + " against " + String.join(" ", options));
        }
    }

    @Test
    void rotationInAConfigurationIsTheCommandsRotation(@TempDir Path dir) throws Exception {
        sameAnalysis(dir, ", \"rotate\": true", "--rotate");
    }

    @Test
    void rtppAndAdaptiveInflationInAConfigurationAreTheCommands(@TempDir Path dir) throws Exception {
        sameAnalysis(dir, ", \"rtpp\": 0.5, \"adaptiveInflation\": {\"smoothing\": 0.1}, \"rejectSigma\": 3",
                "--rtpp", "0.5", "--adaptive-inflation", "0.1", "--reject", "3");
    }

    @Test
    void badFilterOptionsAreRefusedNamingTheField() {
        assertRefused(", \"rtps\": 0.5, \"rtpp\": 0.5", "field 'filter.rtpp' is 0.5; expected no value beside filter.rtps");
        assertRefused(", \"rtpp\": 1.5", "field 'filter.rtpp' is 1.5; expected between 0 and 1");
        assertRefused(", \"adaptiveInflation\": {\"smoothing\": 0}", "field 'filter.adaptiveInflation.smoothing' is 0.0");
        assertRefused(", \"adaptiveInflation\": {\"smoothing\": 0.1, \"maxFactor\": 0.5}",
                "field 'filter.adaptiveInflation.maxFactor' is 0.5");
        assertRefused(", \"adaptiveInflation\": {\"smoothing\": 0.1, \"kappa\": 1}",
                "unknown field 'filter.adaptiveInflation.kappa'; allowed here: maxFactor, smoothing");
        assertRefused(", \"rotat\": true", "unknown field 'filter.rotat'; allowed here: adaptiveInflation, inflation, jitter,"
                + " kind, localization, rejectSigma, rotate, rtpp, rtps");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("l96.json",
                l96(", \"rotate\": true").replace("\"etkf\"", "\"enkf\"")));
        assertTrue(e.getMessage().contains("field 'filter.rotate' is true; expected false with the enkf"), e.getMessage());
    }

    private static void assertRefused(String filterExtra, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("l96.json", l96(filterExtra)));
        assertTrue(e.getMessage().startsWith("l96.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void optionsLeftOutLeaveTheResolvedConfigurationAsItWas() {
        String resolved = ConfigReader.toJson(ConfigReader.parse("l96.json", l96("")));
        for (String key : new String[] {"rtpp", "adaptiveInflation", "rotate"}) {
            assertFalse(resolved.contains(key), key + " written although not set:\n" + resolved);
        }
        EnsembleConfig set = ConfigReader.parse("l96.json", l96(", \"rtpp\": 0.3, \"adaptiveInflation\": {\"smoothing\": 0.1},"
                + " \"rotate\": true"));
        assertEquals(set, ConfigReader.parse("resolved.json", ConfigReader.toJson(set)));
        assertEquals(4.0, set.filter().adaptiveInflation().maxFactor(), "the documented default");
    }

    @Test
    void rtpsAndRtppTogetherAreRefusedOnTheCommandLine() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("lorenz96", "--rtps", "0.5", "--rtpp", "0.5", "--cycles", "10"));
        assertTrue(err.toString().contains("--rtps and --rtpp"), err.toString());
    }
}
