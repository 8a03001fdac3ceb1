package doka.observation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.observation.SharedData;

class TestRecordingSummary {
    @TempDir
    Path dir;

    @Test
    void summarisesTheRealNwbFile() {
        RecordingSummary s = RecordingSummary.inspect(SharedData.recording("pynapple_A8604-211122.nwb"));
        assertEquals("nwb", s.format());
        Map<String, Object> json = s.toJsonMap();
        assertEquals(3, json.get("units"));
        assertEquals(21_354, json.get("spikes"));
        assertArrayEquals(new int[] {11_020, 4_690, 5_644}, (int[]) json.get("spikes_per_unit"));
        assertTrue((double) json.get("t_start_s") >= 0 && (double) json.get("t_stop_s") <= 1087.5289);
        assertTrue(s.toLines().stream().anyMatch(l -> l.contains("unit 191: 4690 spikes")), s.toLines().toString());
    }

    @Test
    void summarisesTheStructureOnlyAllenFile() {
        RecordingSummary s = RecordingSummary.inspect(SharedData.recording("allen_brain_observatory_496908818s_skinny.nwb"));
        Map<String, Object> json = s.toJsonMap();
        assertEquals("NWB-1.0.5", json.get("nwb_version"));
        assertTrue(!json.containsKey("units"), "no units table, so no 'units' key");
        assertTrue(((List<?>) json.get("ophys_series")).size() >= 2);
        assertTrue(s.toLines().stream().anyMatch(l -> l.startsWith("note:") && l.contains("structure-only")));
    }

    @Test
    void summarisesADokaObservationFile() {
        Path f = dir.resolve("o.h5");
        NwbObservations.write(doka.observation.Observations.complete("x", new double[] {1, 2},
                List.of(doka.observation.ObservedQuantity.ofArea("MOp")), new double[] {3, 4}, new double[] {1, 1}), f);
        RecordingSummary s = RecordingSummary.inspect(f);
        assertEquals("doka-hdf5", s.format());
        Map<String, Object> json = s.toJsonMap();
        assertEquals(List.of("MOp"), json.get("areas"));
        assertEquals(2.0, json.get("t_stop_s"));
        assertEquals(true, json.get("has_variances"));
    }

    @Test
    void summarisesCsvAreasTimesAndValues() throws IOException {
        Path f = dir.resolve("o.csv");
        Files.writeString(f, "time_s,channel,value\n0.5,ch1,2\n1.5,ch1,4\n1.5,ch2,NA\n");
        RecordingSummary s = RecordingSummary.inspect(f);
        Map<String, Object> json = s.toJsonMap();
        assertEquals("csv", json.get("format"));
        assertEquals(List.of("ch1", "ch2"), json.get("areas"));
        assertEquals(2, json.get("times"));
        assertEquals(2, json.get("values"));
        assertEquals(2, json.get("missing"));
        assertEquals(0.5, json.get("t_start_s"));
        assertEquals(1.5, json.get("t_stop_s"));
        assertTrue(s.toLines().stream().anyMatch(l -> l.contains("range 2.0 .. 4.0")), s.toLines().toString());
    }
}
