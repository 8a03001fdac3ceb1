package doka.observation.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import doka.observation.ObservationException;

/**
 * A published table of recorded units with one metric per unit (e.g. the Allen Visual Coding Neuropixels units'
 * intrinsic timescales, Siegle et al. 2021: columns {@code area} and {@code timescale_ac}), summarised per area as
 * data for a calibration: the median over the units whose metric is a successful fit, with the standard error of
 * that median.
 *
 * <p>A unit's metric counts when it is a number inside {@code (validAbove, validBelow)} and more than
 * {@value #BOUND_TOLERANCE} (relative) away from both: fits that end at their bounds (Siegle et al.'s timescales at
 * 1.0000006 or 999.99999 ms for bounds 1 and 1000) or are empty are failed fits. The median's standard
 * error is the sd of the median over {@value #BOOTSTRAP} bootstrap resamples of the area's units, drawn from a fixed
 * stream: the same table gives the same errors.
 */
public final class UnitTable {
    static final int BOOTSTRAP = 1000;
    static final double BOUND_TOLERANCE = 1e-3;

    /** The summary of one area: median, its standard error, and the units used of those listed. */
    public record AreaSummary(String area, double median, double standardError, int units, int listed) {
    }

    private UnitTable() {
    }

    /**
     * Per-area summaries of {@code column}, in area order, for the areas in {@code areas} (null: every area).
     *
     * @throws ObservationException naming the file (and line) for a missing column, a bad number, an area without
     *                              units, or fewer than 2 successful fits in a requested area
     */
    public static Map<String, AreaSummary> summarise(Path file, String column, double validAbove, double validBelow,
                                                     List<String> areas) {
        CsvTable t = CsvTable.read(file);
        int areaColumn = t.column("area");
        int valueColumn = t.column(column);
        Map<String, List<Double>> values = new TreeMap<>();
        Map<String, Integer> listed = new TreeMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String area = t.field(r, areaColumn);
            listed.merge(area, 1, Integer::sum);
            double v = t.numberOrNaN(r, valueColumn);
            if (v > validAbove * (1 + BOUND_TOLERANCE) && v < validBelow * (1 - BOUND_TOLERANCE)) {
                values.computeIfAbsent(area, a -> new ArrayList<>()).add(v);
            }
        }
        List<String> wanted = areas == null ? List.copyOf(listed.keySet()) : areas;
        Map<String, AreaSummary> out = new LinkedHashMap<>();
        for (String area : wanted) {
            if (!listed.containsKey(area)) {
                throw new ObservationException(file + ": no unit in area '" + area + "'; the table lists " + listed.keySet());
            }
            List<Double> v = values.getOrDefault(area, List.of());
            if (v.size() < 2) {
                throw new ObservationException(file + ": area '" + area + "' has " + v.size() + " unit(s) with '" + column
                        + "' in (" + validAbove + ", " + validBelow + "); at least 2 are needed for a median and its error");
            }
            double[] x = v.stream().mapToDouble(Double::doubleValue).toArray();
            out.put(area, new AreaSummary(area, median(x.clone()), bootstrapSe(x, area.hashCode()), x.length,
                    listed.get(area)));
        }
        return out;
    }

    static double median(double[] x) {
        Arrays.sort(x);
        int n = x.length;
        return n % 2 == 1 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
    }

    private static double bootstrapSe(double[] x, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] resample = new double[x.length];
        double sum = 0;
        double sumSq = 0;
        for (int b = 0; b < BOOTSTRAP; b++) {
            for (int i = 0; i < x.length; i++) {
                resample[i] = x[random.nextInt(x.length)];
            }
            double m = median(resample);
            sum += m;
            sumSq += m * m;
        }
        double mean = sum / BOOTSTRAP;
        return Math.sqrt(Math.max(0, (sumSq - BOOTSTRAP * mean * mean) / (BOOTSTRAP - 1)));
    }
}
