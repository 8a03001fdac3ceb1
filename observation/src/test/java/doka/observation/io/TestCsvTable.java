package doka.observation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.observation.ObservationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table with any columns, as the run report reads the files of a run directory. */
class TestCsvTable {
    @Test
    void anyColumnsKeepTheirNamesAndEmptyFieldsAreNaN(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("parameters.csv");
        Files.writeString(f, "window,member,g_E@MOp-L\n0,0,4.5\n\n0,1,\n");
        CsvTable t = CsvTable.read(f);
        assertEquals(List.of("window", "member", "g_E@MOp-L"), t.header());
        assertEquals(2, t.rowCount());
        assertEquals(2, t.column("G_E@mop-l"), "column names are case-insensitive");
        assertEquals(4.5, t.numberOrNaN(0, 2));
        assertTrue(Double.isNaN(t.numberOrNaN(1, 2)), "an empty field is a value not written");
        ObservationException noColumn = assertThrows(ObservationException.class, () -> t.column("rmse"));
        assertTrue(noColumn.getMessage().contains("no column 'rmse'"), noColumn.getMessage());
    }

    @Test
    void aFieldThatIsNotANumberNamesItsLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("diagnostics.csv");
        Files.writeString(f, "window,innovation_mean\n0,abc\n");
        ObservationException e = assertThrows(ObservationException.class, () -> CsvTable.read(f).numberOrNaN(0, 1));
        assertTrue(e.getMessage().startsWith(f + ":2: innovation_mean 'abc'"), e.getMessage());
    }
}
