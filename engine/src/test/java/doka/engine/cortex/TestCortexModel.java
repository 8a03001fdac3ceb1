package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCortexModel {
    @TempDir
    Path dir;

    private CortexModel read(String json, Map<String, String> vars) throws IOException {
        Path f = dir.resolve("m.json");
        Files.writeString(f, json);
        return CortexModel.read(f, vars);
    }

    @Test
    void emptyFileIsTheSyntheticDefault() throws IOException {
        CortexModel m = read("{}", Map.of());
        assertEquals("synthetic", m.atlas().kind());
        assertEquals("synthetic", m.connectome().kind());
        assertEquals(0.002, m.cells().densityScale());
        assertEquals(300, m.local().sigmaUm());
        assertEquals(4, m.parameters().get(CortexModel.G_E).value());
        assertEquals("iaf_psc_exp", m.neurons().get("LTS").model());
        assertNull(m.stimulation());
        assertEquals(CortexModel.PARAMETER_DEFAULTS.keySet(), m.parameters().keySet());
    }

    @Test
    void parametersResolveAreaOverHemisphereOverGlobal() throws IOException {
        CortexModel m = read("{\"parameters\": {\"background_rate_scale\": {\"value\": 1.2, \"hemisphere\": {\"R\": 0.8},"
                + " \"area\": {\"MOp-R\": 1.5}}}}", Map.of());
        ParameterSpec p = m.parameters().get(CortexModel.BACKGROUND_SCALE);
        assertEquals(1.5, p.valueFor("MOp-R", "R"));
        assertEquals(0.8, p.valueFor("MOs-R", "R"));
        assertEquals(1.2, p.valueFor("MOs-L", "L"));
        assertEquals(0.5, p.min(), "bounds default");
    }

    @Test
    void substitutesVariablesInPaths() throws IOException {
        CortexModel m = read("{\"atlas\": {\"kind\": \"allen\", \"annotation\": \"${D}/a.nrrd\", \"structureGraph\": \"${D}/1.json\"}}",
                Map.of("D", "/data"));
        assertEquals("/data/a.nrrd", m.atlas().annotation());
    }

    @Test
    void errorsNameTheJsonPath() {
        IOException e = assertThrows(IOException.class, () -> read("{\"local\": {\"sigmaUm\": \"wide\"}}", Map.of()));
        assertTrue(e.getMessage().contains("$.local.sigmaUm"), e.getMessage());
        e = assertThrows(IOException.class, () -> read("{\"local\": {\"sigma\": 3}}", Map.of()));
        assertTrue(e.getMessage().contains("$.local.sigma"), e.getMessage());
        e = assertThrows(IOException.class, () -> read("{\"parameters\": {\"g_E\": {\"value\": 9}}}", Map.of()));
        assertTrue(e.getMessage().contains("$.parameters.g_E.value = 9.0 is outside its bounds [2.0, 8.0]"), e.getMessage());
        e = assertThrows(IOException.class, () -> read("{\"parameters\": {\"tau\": {\"value\": 1}}}", Map.of()));
        assertTrue(e.getMessage().contains("$.parameters.tau: unknown parameter"), e.getMessage());
        e = assertThrows(IOException.class, () -> read("{\"atlas\": {\"kind\": \"allen\", \"annotation\": \"${NOPE_X}/a\","
                + " \"structureGraph\": \"g\"}}", Map.of()));
        assertTrue(e.getMessage().contains("$.atlas.annotation uses ${NOPE_X}"), e.getMessage());
        e = assertThrows(IOException.class, () -> read("{\"atlas\": {\"kind\": \"allen\"}}", Map.of()));
        assertTrue(e.getMessage().contains("$.atlas.annotation is missing"), e.getMessage());
        e = assertThrows(IOException.class, () -> read("{\"cells\": {\"densityScale\": 2}}", Map.of()));
        assertTrue(e.getMessage().contains("$.cells.densityScale"), e.getMessage());
        e = assertThrows(IOException.class, () -> read("{\"neurons\": {\"PV\": {}}}", Map.of()));
        assertTrue(e.getMessage().contains("$.neurons.PV"), e.getMessage());
        e = assertThrows(IOException.class, () -> read("{\"run\": {\"binMs\": 0.25, \"dtMs\": 0.1}}", Map.of()));
        assertTrue(e.getMessage().contains("$.run.binMs"), e.getMessage());
        e = assertThrows(IOException.class, () -> read("{\"stimulation\": {\"area\": \"MOp-L\", \"classes\": [\"PV\"]}}",
                Map.of()));
        assertTrue(e.getMessage().contains("$.stimulation.classes: unknown cell class \"PV\""), e.getMessage());
        e = assertThrows(IOException.class, () -> read("{\"atlas\": ", Map.of()));
        assertTrue(e.getMessage().contains("m.json"), e.getMessage());
    }

    @Test
    void shippedModelFilesParse() throws IOException {
        Path models = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles/models");
        for (String f : new String[] {"cortex-synthetic.json", "gamma-mop.json", "cortex-allen.json", "cortex-small.json"}) {
            CortexModel m = CortexModel.read(models.resolve(f), Map.of("DOKA_ALLEN", "/data/allen"));
            assertTrue(m.cells().densityScale() > 0, f);
        }
    }
}
