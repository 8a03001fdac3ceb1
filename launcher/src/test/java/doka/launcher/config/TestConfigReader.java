package doka.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConfigReader {
    private static final String L96 = """
            {"name": "l96", "members": 20,
             "model": {"kind": "lorenz96"},
             "observations": {},
             "filter": {"kind": "etkf", "inflation": 1.04},
             "windows": {"count": 100}}
            """;

    private static final String TWIN = """
            {"name": "twin", "members": 4,
             "model": {"kind": "pd14", "nScale": 0.05},
             "parameters": [{"name": "bgRateScale", "priorMean": 1.0, "priorSd": 0.2,
                             "lower": 0.5, "upper": 2.0, "transform": "logit"}],
             "observations": {"truth": {"bgRateScale": 1.2}, "binMs": 50},
             "filter": {"kind": "etkf", "inflation": 1.02},
             "windows": {"lengthMs": 200, "count": 5}}
            """;

    @Test
    void defaultsFillWhatTheFileLeavesOut() {
        EnsembleConfig c = ConfigReader.parse("l96.json", L96);
        var m = assertInstanceOf(EnsembleConfig.Model.Lorenz96.class, c.model());
        assertEquals(40, m.variables());
        assertEquals(8.0, m.forcing());
        assertEquals(1, c.ranksPerMember());
        assertEquals(2, c.checkpoint().keep());
        assertNull(c.filter().rtps());
        assertTrue(c.parameters().isEmpty());
    }

    @Test
    void resolvedConfigurationReadsBackEqual() {
        EnsembleConfig c = ConfigReader.parse("twin.json", TWIN);
        assertEquals(c, ConfigReader.parse("resolved.json", ConfigReader.toJson(c)));
    }

    @Test
    void unknownFieldIsNamedWithItsPathAndTheAllowedFields() {
        String bad = TWIN.replace("\"inflation\": 1.02", "\"inflaton\": 1.02");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("twin.json", bad));
        assertTrue(e.getMessage().startsWith("twin.json: unknown field 'filter.inflaton'"), e.getMessage());
        assertTrue(e.getMessage().contains("inflation, jitter, kind"), e.getMessage());
    }

    @Test
    void duplicateKeyIsRefusedWithTheKeyAndItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dup.json");
        Files.writeString(file, L96.replace("\"members\": 20,", "\"members\": 20,\n \"members\": 30,"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(file));
        assertEquals(file + ": not valid JSON at line 2, column 11: Duplicate field 'members'", e.getMessage());
        ConfigException nested = assertThrows(ConfigException.class, () -> ConfigReader.parse("dup.json",
                L96.replace("\"inflation\": 1.04", "\"inflation\": 1.04, \"inflation\": 1.5")));
        assertTrue(nested.getMessage().contains("Duplicate field 'inflation'"), nested.getMessage());
    }

    @Test
    void aStringBeyondTheReadersLimitSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.json");
        Files.writeString(file, L96.replace("\"l96\"", "\"" + "a".repeat(21_000_000) + "\""));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": a value too large to read"), e.getMessage());
        assertTrue(e.getMessage().contains("exceeds the maximum allowed (20000000)"), e.getMessage());
    }

    @Test
    void aDirectoryOrABinaryFileIsNamedAsSuch(@TempDir Path dir) throws Exception {
        ConfigException folder = assertThrows(ConfigException.class, () -> ConfigReader.read(dir));
        assertEquals(dir + ": a directory, not a configuration file", folder.getMessage());
        Path binary = dir.resolve("x.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b, 0x00});
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(binary));
        assertEquals(binary + ": not a text file in UTF-8: a configuration is JSON text", e.getMessage());
    }

    @Test
    void aMappingWithoutARecordingIsRefused() {
        assertMessage(TWIN.replace("\"binMs\": 50", "\"binMs\": 50, \"mapping\": \"m.csv\""),
                "field 'observations.mapping' is 'm.csv'; expected no mapping without an observations.file");
    }

    @Test
    void aTwinsTruthOutsideItsParametersBoundsIsRefused() {
        assertMessage(TWIN.replace("{\"bgRateScale\": 1.2}", "{\"bgRateScale\": 2.5}"),
                "field 'observations.truth.bgRateScale' is 2.5; expected within the parameter's bounds [0.5, 2.0]");
    }

    @Test
    void unknownModelKindListsTheKinds() {
        String bad = TWIN.replace("\"kind\": \"pd14\"", "\"kind\": \"hodgkin\"");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("twin.json", bad));
        assertTrue(e.getMessage().contains("'model.kind' is 'hodgkin'; allowed: cortex, external, lorenz96, pd14, plugin"), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheField() {
        String bad = TWIN.replace("\"members\": 4", "\"members\": \"four\"");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("twin.json", bad));
        assertTrue(e.getMessage().contains("field 'members'"), e.getMessage());
    }

    @Test
    void invalidValuesAreNamedWithWhatIsAllowed() {
        assertMessage(TWIN.replace("\"members\": 4", "\"members\": 1"), "field 'members' is 1; expected at least 2");
        assertMessage(TWIN.replace("\"inflation\": 1.02", "\"inflation\": 0.9"), "field 'filter.inflation' is 0.9");
        assertMessage(TWIN.replace("\"kind\": \"etkf\"", "\"kind\": \"3dvar\""),
                "field 'filter.kind' is '3dvar'; expected one of [etkf, enkf, letkf]");
        assertMessage(TWIN.replace("\"transform\": \"logit\"", "\"transform\": \"sqrt\""),
                "field 'parameters[0].transform' is 'sqrt'");
        assertMessage(TWIN.replace("\"lower\": 0.5", "\"lower\": 1.5"), "field 'parameters[0].priorMean' is 1.0");
        assertMessage(TWIN.replace("{\"bgRateScale\": 1.2}", "{}"), "bgRateScale is missing");
        assertMessage(TWIN.replace("\"kind\": \"etkf\"", "\"kind\": \"letkf\""), "the letkf needs one");
        assertMessage(TWIN.replace("\"binMs\": 50", "\"binMs\": 500"), "at most windows.lengthMs");
        assertMessage(TWIN.replace("\"truth\": {\"bgRateScale\": 1.2},", "\"file\": \"rec.nwb\","),
                "field 'observations.mapping' is null; expected a mapping file");
        assertMessage(TWIN.replace("\"members\": 4", "\"members\": 4, \"ranksPerMember\": 2"),
                "field 'ranksPerMember' is 2; expected 1 for pd14 members");
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.json");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigReader.read(missing)).getMessage()
                .endsWith("none.json: the ensemble configuration: no such file"));
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"name\": \"x\",\n \"members\": }");
        String m = assertThrows(ConfigException.class, () -> ConfigReader.read(broken)).getMessage();
        assertTrue(m.contains("broken.json: not valid JSON at line 2"), m);
    }

    @Test
    void externalMembersNameTheirProgramAndObservables() {
        String external = TWIN.replace("\"model\": {\"kind\": \"pd14\", \"nScale\": 0.05}",
                "\"model\": {\"kind\": \"external\", \"command\": [\"python3\", \"m.py\"], \"observables\": [\"rate_E\"]}");
        var m = assertInstanceOf(EnsembleConfig.Model.External.class, ConfigReader.parse("twin.json", external).model());
        assertEquals(120.0, m.timeoutS());
        assertNull(m.directory());
        assertMessage(external.replace("\"command\": [\"python3\", \"m.py\"], ", ""), "missing field 'model.command'");
        assertMessage(external.replace("[\"python3\", \"m.py\"]", "[]"), "field 'model.command' is []; expected the program");
        assertMessage(external.replace("[\"rate_E\"]", "[\"rate_E\", \"rate_E\"]"),
                "field 'model.observables' is [rate_E, rate_E]; expected the names of the program's observables");
        assertMessage(external.replace("\"observables\"", "\"timeoutS\": 0, \"observables\""), "field 'model.timeoutS' is 0.0");
        assertMessage(external.replace("\"count\": 5", "\"count\": 5, \"warmupMs\": 120"),
                "field 'windows.warmupMs' is 120.0; expected a multiple of observations.binMs (50.0 ms)");
        assertMessage(external.replace("\"members\": 4,", "\"members\": 4, \"ranksPerMember\": 2,"),
                "field 'ranksPerMember' is 2; expected 1 for external and plug-in members");
    }

    private static void assertMessage(String json, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("twin.json", json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
