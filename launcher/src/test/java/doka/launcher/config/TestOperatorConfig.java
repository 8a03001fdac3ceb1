package doka.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The calcium and LFP operators' settings: defaults, and errors that name the field and what is allowed. */
class TestOperatorConfig {
    private static String cortex(String observations) {
        return """
                {"name": "ops", "members": 4,
                 "model": {"kind": "cortex", "file": "models/cortex-small.json"},
                 "parameters": [{"name": "background_rate_scale", "priorMean": 1.0, "priorSd": 0.05}],
                 "observations": {"truth": {"background_rate_scale": 1.0}, "binMs": 50, %s},
                 "windows": {"lengthMs": 100, "count": 2, "warmupMs": 20}}
                """.formatted(observations);
    }

    private static void fails(String observations, String... expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("ops.json", cortex(observations)));
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' in: " + e.getMessage());
        }
    }

    @Test
    void calciumAndLfpTakeTheirDocumentedDefaults() {
        EnsembleConfig c = ConfigReader.parse("ops.json", cortex("\"operator\": \"calcium\""));
        assertEquals(new EnsembleConfig.Calcium(20.0, 200.0, 0.2, null, "excitatory", 1.0), c.observations().calcium());
        assertNull(c.observations().lfp());
        c = ConfigReader.parse("ops.json", cortex("\"operator\": \"lfp\", \"lfp\": {\"alpha\": 1.2}"));
        assertEquals(new EnsembleConfig.Lfp(1.2, 6.0, 0.0, 1.0, 1.0), c.observations().lfp());
        assertEquals(c, ConfigReader.parse("resolved.json", ConfigReader.toJson(c)), "the resolved configuration reads back");
        String areaRate = ConfigReader.toJson(ConfigReader.parse("ops.json", cortex("\"operator\": \"area_rate\"")));
        assertTrue(!areaRate.contains("calcium") && !areaRate.contains("lfp"), "area_rate configurations are unchanged: " + areaRate);
    }

    @Test
    void badKernelValuesNameTheirField() {
        fails("\"operator\": \"calcium\", \"calcium\": {\"riseMs\": 0}", "field 'observations.calcium.riseMs' is 0.0", "> 0 ms");
        fails("\"operator\": \"calcium\", \"calcium\": {\"riseMs\": 50, \"decayMs\": 40}", "'observations.calcium.decayMs' is 40.0",
                "above riseMs (50.0 ms)");
        fails("\"operator\": \"calcium\", \"calcium\": {\"amplitudeDff\": -0.1}", "'observations.calcium.amplitudeDff'");
        fails("\"operator\": \"calcium\", \"calcium\": {\"saturationDff\": 0}", "'observations.calcium.saturationDff'",
                "null for a linear indicator");
        fails("\"operator\": \"calcium\", \"calcium\": {\"cells\": \"pyramidal\"}", "'observations.calcium.cells' is 'pyramidal'",
                "[excitatory, all]");
        fails("\"operator\": \"calcium\", \"calcium\": {\"cellFraction\": 1.5}", "'observations.calcium.cellFraction'", "(0, 1]");
        fails("\"operator\": \"calcium\", \"calcium\": {\"decay\": 100}", "unknown field 'observations.calcium.decay'", "decayMs");
    }

    @Test
    void badLfpValuesNameTheirField() {
        fails("\"operator\": \"lfp\", \"lfp\": {\"alpha\": -1}", "'observations.lfp.alpha' is -1.0");
        fails("\"operator\": \"lfp\", \"lfp\": {\"scale\": 0}", "'observations.lfp.scale' is 0.0", "≠ 0");
        fails("\"operator\": \"lfp\", \"lfp\": {\"sampleMs\": 3}", "'observations.lfp.sampleMs' is 3.0", "divisor of observations.binMs");
        fails("\"operator\": \"lfp\", \"lfp\": {\"ampaDelayMs\": 30}", "'windows.warmupMs' is 20.0", "longest delay (30.0 ms)");
    }

    @Test
    void settingsOnlyWithTheirOperatorAndOperatorsOnlyForTheCortex() {
        fails("\"calcium\": {\"riseMs\": 10}", "'observations.calcium'", "set observations.operator to calcium");
        fails("\"operator\": \"calcium\", \"lfp\": {}", "'observations.lfp'", "operator 'calcium'");
        fails("\"operator\": \"spikes\"", "'observations.operator' is 'spikes'", "[area_rate, calcium, lfp]");
        String pd14 = cortex("\"operator\": \"calcium\"").replace("\"kind\": \"cortex\", \"file\": \"models/cortex-small.json\"",
                "\"kind\": \"pd14\"").replace("background_rate_scale", "bgRateScale");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("ops.json", pd14));
        assertTrue(e.getMessage().contains("'observations.operator' is 'calcium'; expected area_rate for pd14 members"),
                e.getMessage());
    }
}
