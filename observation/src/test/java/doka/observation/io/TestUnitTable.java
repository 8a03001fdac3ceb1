package doka.observation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import doka.observation.ObservationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-area medians of a unit table: failed fits left out, the median's bootstrap error, clear errors; the real table. */
class TestUnitTable {
    private static final Path SIEGLE = Path.of("..", "..", "shared", "data", "recordings", "siegle2021_timescale_metrics.csv");

    @Test
    void mediansLeaveOutFailedFitsAndEmptyFields(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("units.csv");
        Files.writeString(f, """
                ecephys_unit_id,area,timescale_ac
                1,VISp,10
                2,VISp,30
                3,VISp,1000
                4,VISp,20
                5,VISp,
                6,VISl,1
                7,VISl,5
                8,VISl,7
                """);
        Map<String, UnitTable.AreaSummary> s = UnitTable.summarise(f, "timescale_ac", 1, 1000, null);
        assertEquals(List.of("VISl", "VISp"), List.copyOf(s.keySet()));
        assertEquals(20, s.get("VISp").median());
        assertEquals(3, s.get("VISp").units());
        assertEquals(5, s.get("VISp").listed());
        assertEquals(6, s.get("VISl").median());
        assertTrue(s.get("VISp").standardError() > 0 && s.get("VISp").standardError() <= 10, s.get("VISp").toString());
        assertEquals(s, UnitTable.summarise(f, "timescale_ac", 1, 1000, null), "the same table, the same errors");
    }

    @Test
    void badTablesAreErrorsNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("units.csv");
        Files.writeString(f, "area,timescale_ac\nVISp,10\nVISp,x\n");
        var e = assertThrows(ObservationException.class, () -> UnitTable.summarise(f, "timescale_ac", 1, 1000, null));
        assertTrue(e.getMessage().contains("units.csv:3") && e.getMessage().contains("not a number"), e.getMessage());
        Files.writeString(f, "area,timescale_ac\nVISp,10\nVISp,12\n");
        e = assertThrows(ObservationException.class, () -> UnitTable.summarise(f, "timescale_it", 1, 1000, null));
        assertTrue(e.getMessage().contains("no column 'timescale_it'"), e.getMessage());
        e = assertThrows(ObservationException.class, () -> UnitTable.summarise(f, "timescale_ac", 1, 1000, List.of("LGd")));
        assertTrue(e.getMessage().contains("no unit in area 'LGd'") && e.getMessage().contains("[VISp]"), e.getMessage());
        e = assertThrows(ObservationException.class, () -> UnitTable.summarise(f, "timescale_ac", 11, 1000, null));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void siegle2021TimescalesShowTheVisualHierarchy() {
        assumeTrue(Files.isRegularFile(SIEGLE), "../shared/data/recordings/siegle2021_timescale_metrics.csv is absent:"
                + " the real unit table test is skipped");
        Map<String, UnitTable.AreaSummary> s = UnitTable.summarise(SIEGLE, "timescale_ac", 1, 1000, null);
        System.out.println("Siegle 2021 timescale_ac medians: " + s.values());
        assertEquals(8, s.size());
        // pandas on the same file: d[(d.timescale_ac > 1.001) & (d.timescale_ac < 999)].groupby("area").timescale_ac
        assertEquals(4107, s.get("VISp").units(), "VISp's units with a successful fit");
        assertEquals(50.378756, s.get("VISp").median(), 1e-5);
        assertEquals(57.804522, s.get("VISam").median(), 1e-5);
        // The hierarchy the paper reports: the higher areas VISpm and VISam integrate longer than VISl and VISal.
        for (String higher : List.of("VISpm", "VISam")) {
            for (String lower : List.of("VISl", "VISal")) {
                assertTrue(s.get(higher).median() > s.get(lower).median() + 2 * s.get(higher).standardError(),
                        higher + " above " + lower);
            }
        }
    }
}
