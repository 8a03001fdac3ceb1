package doka.observation.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import doka.observation.ObservationException;

/**
 * A small comma-separated table: a header line, then rows. Blank lines and lines starting with
 * {@code #} are skipped; fields are trimmed; quoted fields are not supported (names here never
 * contain commas) and are rejected rather than misread. Column names are case-insensitive.
 * Observation files and the files of a run directory (read by the run report) are such tables.
 */
public final class CsvTable {
    final Path file;
    private final Map<String, Integer> columns = new HashMap<>();
    private List<String> header = List.of();
    final List<String[]> rows = new ArrayList<>();
    final List<Integer> lineNumbers = new ArrayList<>();

    private CsvTable(Path file) {
        this.file = file;
    }

    /** Reads a table with any columns. */
    public static CsvTable read(Path file) {
        return read(file, null);
    }

    /** Reads a table whose columns must be among {@code knownColumns} (lower case; null: any). */
    static CsvTable read(Path file, Set<String> knownColumns) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ObservationException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        CsvTable table = new CsvTable(file);
        String[] header = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.indexOf('"') >= 0) {
                throw ObservationException.atLine(file, i + 1, "quoted fields are not supported; remove the quotes");
            }
            String[] fields = line.split(",", -1);
            for (int f = 0; f < fields.length; f++) {
                fields[f] = fields[f].strip();
            }
            if (header == null) {
                header = fields;
                for (int c = 0; c < header.length; c++) {
                    String name = header[c].toLowerCase(Locale.ROOT);
                    if (knownColumns != null && !knownColumns.contains(name)) {
                        throw ObservationException.atLine(file, i + 1, "unknown column '" + header[c]
                                + "'; expected columns among " + knownColumns);
                    }
                    if (table.columns.put(name, c) != null) {
                        throw ObservationException.atLine(file, i + 1, "column '" + header[c] + "' appears twice");
                    }
                }
                table.header = List.of(header);
                continue;
            }
            if (fields.length != header.length) {
                throw ObservationException.atLine(file, i + 1, "expected " + header.length + " fields (" + String.join(",", header)
                        + "), found " + fields.length);
            }
            table.rows.add(fields);
            table.lineNumbers.add(i + 1);
        }
        if (header == null) {
            throw new ObservationException(file + ": empty file, expected a header line");
        }
        return table;
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** Column names as written in the header line. */
    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rows.size();
    }

    /** Index of a column (any case), or an error naming the file and the columns it has. */
    public int column(String name) {
        Integer c = columns.get(name.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new ObservationException(file + ":1: no column '" + name + "' in " + header);
        }
        return c;
    }

    /** Field of row {@code r} in column {@code c}. */
    public String field(int r, int c) {
        return rows.get(r)[c];
    }

    /** The number in row {@code r} and column {@code c}; NaN when the field is empty (a value not written). */
    public double numberOrNaN(int r, int c) {
        String s = field(r, c);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(r, header.get(c) + " '" + s + "' is not a number");
        }
    }

    void require(String column) {
        if (!has(column)) {
            throw new ObservationException(file + ":1: missing column '" + column + "'");
        }
    }

    /** Field of {@code column} in row {@code r}; "" when the column is absent. */
    String get(int r, String column) {
        Integer c = columns.get(column);
        return c == null ? "" : rows.get(r)[c];
    }

    int line(int r) {
        return lineNumbers.get(r);
    }

    ObservationException error(int r, String problem) {
        return ObservationException.atLine(file, line(r), problem);
    }

    /** A finite number, or an error naming the line and column. */
    double number(int r, String column) {
        String s = get(r, column);
        double x;
        try {
            x = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(r, column + " '" + s + "' is not a number (expected a finite decimal; NA marks a missing value)");
        }
        if (!Double.isFinite(x)) {
            throw error(r, column + " is " + s + "; expected a finite number");
        }
        return x;
    }
}
