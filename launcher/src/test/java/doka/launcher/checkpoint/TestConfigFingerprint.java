package doka.launcher.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The configuration hash: key order and the safe fields leave the essential hash alone; anything else changes it. */
class TestConfigFingerprint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void keyOrderChangesNeitherHash() throws Exception {
        var a = ConfigFingerprint.of(tree("{\"a\": 1, \"windows\": {\"count\": 5, \"lengthMs\": 10}}"));
        var b = ConfigFingerprint.of(tree("{\"windows\": {\"lengthMs\": 10, \"count\": 5}, \"a\": 1}"));
        assertEquals(a, b);
    }

    @Test
    void safeFieldsChangeOnlyTheFullHash() throws Exception {
        var a = ConfigFingerprint.of(tree("{\"windows\": {\"count\": 5}, \"output\": {\"quiet\": false},"
                + " \"checkpoint\": {\"keep\": 2}}"));
        var b = ConfigFingerprint.of(tree("{\"windows\": {\"count\": 50}, \"output\": {\"quiet\": true},"
                + " \"checkpoint\": {\"keep\": 3}}"));
        assertNotEquals(a.full(), b.full());
        assertEquals(a.essential(), b.essential());
    }

    @Test
    void otherFieldsChangeTheEssentialHashAndAreListedAsUnsafe() throws Exception {
        JsonNode before = tree("{\"filter\": {\"inflation\": 1.04}, \"windows\": {\"count\": 5}}");
        JsonNode after = tree("{\"filter\": {\"inflation\": 1.05}, \"windows\": {\"count\": 6}}");
        assertNotEquals(ConfigFingerprint.of(before).essential(), ConfigFingerprint.of(after).essential());
        List<ConfigFingerprint.Change> changes = ConfigFingerprint.changes(before, after);
        assertEquals("[filter.inflation 1.04 → 1.05, windows.count 5 → 6]", changes.toString());
        assertFalse(changes.get(0).safe());
        assertTrue(changes.get(1).safe());
    }
}
