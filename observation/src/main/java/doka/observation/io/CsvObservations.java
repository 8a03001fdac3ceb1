package doka.observation.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import doka.observation.AreaMapping;
import doka.observation.ObservationException;
import doka.observation.Observations;
import doka.observation.ObservedQuantity;
import doka.observation.ReadOptions;

/**
 * Observations as CSV, one row per (time, quantity):
 *
 * <pre>
 * # comments and blank lines are ignored
 * time_s,area,group,value,sigma
 * 0.05,MOp,L23E,12.5,1.25
 * 0.05,SSp-bfd,,8.0,NA
 * </pre>
 *
 * <ul>
 *   <li>{@code time_s} (required): sample time or bin centre in seconds;</li>
 *   <li>{@code area} or {@code channel} (exactly one): the model area, or a recording channel that a
 *       mapping file maps to an area (the quantity is then {@code area/channel}, or {@code area/group}
 *       when the mapping gives a group);</li>
 *   <li>{@code group} (optional, with {@code area}): layer or cell class inside the area;</li>
 *   <li>{@code value} (required): the observed value; {@code NA} or empty marks a missing entry;</li>
 *   <li>{@code sigma} or {@code variance} (optional, not both): the observation error, standard
 *       deviation or variance, {@code > 0}. Without it the variances are left for an
 *       {@link doka.observation.error.ErrorModel}.</li>
 * </ul>
 *
 * The rows span a grid of distinct times × distinct quantities (in order of first appearance); a
 * grid cell without a row is missing. Any bad row aborts the read with its line number.
 */
public final class CsvObservations {
    static final Set<String> COLUMNS = Set.of("time_s", "area", "channel", "group", "value", "sigma", "variance");

    private CsvObservations() {
    }

    /** Reads a CSV whose rows name areas (no mapping needed). */
    public static Observations read(Path file, ReadOptions options) {
        return read(file, null, options);
    }

    /**
     * @param mapping channel → area mapping; required when the file has a {@code channel} column
     */
    public static Observations read(Path file, AreaMapping mapping, ReadOptions options) {
        CsvTable table = parse(file);
        boolean byChannel = table.has("channel");
        if (byChannel && mapping == null) {
            throw new ObservationException(file + ":1: the file names channels; give a mapping file (kind 'channel') to map them to areas");
        }
        boolean hasSigma = table.has("sigma");
        boolean hasVariance = table.has("variance");

        Map<Double, Integer> timeIndex = new HashMap<>();
        List<Double> times = new ArrayList<>();
        Map<ObservedQuantity, Integer> quantityIndex = new LinkedHashMap<>();
        int n = table.rows.size();
        int[] rowTime = new int[n];
        int[] rowQuantity = new int[n];
        double[] rowValue = new double[n];
        double[] rowVariance = new double[n];
        for (int r = 0; r < n; r++) {
            double t = table.number(r, "time_s");
            if (!options.inRun(t)) {
                throw table.error(r, "time " + t + " s lies outside " + options.describeRun());
            }
            ObservedQuantity q = byChannel ? channelQuantity(table, r, mapping) : areaQuantity(table, r);
            if (!options.knowsArea(q.area())) {
                throw table.error(r, "unknown area '" + q.area() + "'; the model has " + new TreeSet<>(options.knownAreas()));
            }
            rowTime[r] = timeIndex.computeIfAbsent(t, k -> {
                times.add(k);
                return times.size() - 1;
            });
            rowQuantity[r] = quantityIndex.computeIfAbsent(q, k -> quantityIndex.size());
            String v = table.get(r, "value");
            rowValue[r] = isMissing(v) ? Double.NaN : table.number(r, "value");
            rowVariance[r] = Double.NaN;
            if (hasSigma || hasVariance) {
                String column = hasSigma ? "sigma" : "variance";
                String s = table.get(r, column);
                if (!isMissing(s)) {
                    double x = table.number(r, column);
                    if (x <= 0) {
                        throw table.error(r, column + " " + s + " must be > 0 (a negative or zero error is not an error model)");
                    }
                    rowVariance[r] = hasSigma ? x * x : x;
                } else if (!Double.isNaN(rowValue[r])) {
                    throw table.error(r, column + " is missing for a recorded value");
                }
            }
        }
        // Sort times; quantities keep their order of first appearance.
        double[] sorted = new double[times.size()];
        Integer[] order = new Integer[times.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(times.get(a), times.get(b)));
        int[] rank = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = times.get(order[i]);
            rank[order[i]] = i;
        }
        int nq = quantityIndex.size();
        double[] values = new double[sorted.length * nq];
        double[] variances = new double[values.length];
        boolean[] missing = new boolean[values.length];
        java.util.Arrays.fill(missing, true);
        int[] firstRow = new int[values.length];
        java.util.Arrays.fill(firstRow, -1);
        for (int r = 0; r < n; r++) {
            int i = rank[rowTime[r]] * nq + rowQuantity[r];
            if (firstRow[i] >= 0) {
                throw table.error(r, "a second row for time " + sorted[rank[rowTime[r]]] + " s and "
                        + labelOf(quantityIndex, rowQuantity[r]) + " (first on line " + table.line(firstRow[i]) + ")");
            }
            firstRow[i] = r;
            missing[i] = Double.isNaN(rowValue[r]);
            values[i] = rowValue[r];
            variances[i] = rowVariance[r];
        }
        return new Observations(file.toString(), sorted, new ArrayList<>(quantityIndex.keySet()), values, variances, missing);
    }

    private static boolean hasAnyVariance(Observations obs) {
        for (int t = 0; t < obs.timeCount(); t++) {
            for (int q = 0; q < obs.quantityCount(); q++) {
                if (!obs.isMissing(t, q) && !Double.isNaN(obs.variance(t, q))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String labelOf(Map<ObservedQuantity, Integer> index, int q) {
        return index.entrySet().stream().filter(e -> e.getValue() == q).findFirst().orElseThrow().getKey().label();
    }

    static boolean isMissing(String field) {
        return field.isEmpty() || field.equalsIgnoreCase("NA");
    }

    private static ObservedQuantity areaQuantity(CsvTable table, int r) {
        String area = table.get(r, "area");
        if (area.isEmpty() || area.contains("/")) {
            throw table.error(r, "area '" + area + "' must be a non-empty acronym without '/'");
        }
        return new ObservedQuantity(area, table.get(r, "group"));
    }

    private static ObservedQuantity channelQuantity(CsvTable table, int r, AreaMapping mapping) {
        String channel = table.get(r, "channel");
        ObservedQuantity mapped = mapping.find(AreaMapping.Kind.CHANNEL, channel);
        if (mapped == null) {
            throw table.error(r, "channel '" + channel + "' is not in the mapping " + mapping.source());
        }
        return new ObservedQuantity(mapped.area(), mapped.group().isEmpty() ? channel : mapped.group());
    }

    /** Parses and checks the header (used by {@link #read} and by {@link RecordingInspector}). */
    static CsvTable parse(Path file) {
        CsvTable table = CsvTable.read(file, COLUMNS);
        table.require("time_s");
        table.require("value");
        if (table.has("area") == table.has("channel")) {
            throw new ObservationException(file + ":1: expected exactly one of the columns 'area' and 'channel'");
        }
        if (table.has("group") && table.has("channel")) {
            throw new ObservationException(file + ":1: 'group' goes with 'area'; with 'channel' the mapping file gives the group");
        }
        if (table.has("sigma") && table.has("variance")) {
            throw new ObservationException(file + ":1: give either 'sigma' or 'variance', not both");
        }
        return table;
    }

    /**
     * Writes {@code obs} in the format {@link #read} reads: every grid cell gets a row (missing ones
     * {@code NA}), values and times in shortest round-trip decimal form, errors as {@code sigma}.
     * Written to a temporary file and renamed, so a reader never sees half a file.
     */
    public static void write(Observations obs, Path file) {
        boolean groups = obs.quantities().stream().anyMatch(q -> !q.group().isEmpty());
        boolean sigmas = obs.hasVariances();
        if (!sigmas && hasAnyVariance(obs)) {
            throw new IllegalArgumentException(obs.source() + ": some present entries have variances and some do not;"
                    + " apply an error model before writing");
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("time_s,area," + (groups ? "group," : "") + (sigmas ? "value,sigma\n" : "value\n"));
            for (int t = 0; t < obs.timeCount(); t++) {
                for (int q = 0; q < obs.quantityCount(); q++) {
                    ObservedQuantity quantity = obs.quantities().get(q);
                    StringBuilder row = new StringBuilder();
                    row.append(obs.timeS(t)).append(',').append(quantity.area()).append(',');
                    if (groups) {
                        row.append(quantity.group()).append(',');
                    }
                    double var = obs.variance(t, q);
                    row.append(obs.isMissing(t, q) ? "NA" : Double.toString(obs.value(t, q)));
                    if (sigmas) {
                        row.append(',').append(Double.isNaN(var) ? "NA" : Double.toString(Math.sqrt(var)));
                    }
                    w.write(row.append('\n').toString());
                }
            }
        } catch (IOException e) {
            throw new ObservationException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ObservationException(file + ": cannot rename " + tmp + " (" + e.getMessage() + ")", e);
        }
    }
}
