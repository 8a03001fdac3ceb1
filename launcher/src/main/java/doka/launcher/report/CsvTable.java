package doka.launcher.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A CSV file of the run directory (our own format: a header, commas, no quoting), read whole. */
record CsvTable(Path file, List<String> header, List<String[]> rows) {

    static CsvTable read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(file + ": empty, expected a header line");
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            return new CsvTable(file, Arrays.asList(lines.get(0).split(",")), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(file + ": no column '" + name + "' in " + header);
        }
        return i;
    }

    /** The value in {@code row} and {@code column}, NaN when empty. */
    static double number(String[] row, int column) {
        return column >= row.length || row[column].isEmpty() ? Double.NaN : Double.parseDouble(row[column]);
    }
}
