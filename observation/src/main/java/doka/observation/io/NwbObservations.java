package doka.observation.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import doka.observation.ObservationException;
import doka.observation.Observations;
import doka.observation.ObservedQuantity;
import doka.observation.ReadOptions;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;

/**
 * Observation windows in an NWB-like HDF5 layout (written with jHDF 0.13, which writes groups,
 * numeric and string datasets and attributes but no object references): one TimeSeries-shaped group
 * <pre>
 * /                                   @doka_format = "doka-observations", @doka_format_version = 1
 * /processing/doka/observations       @neurodata_type = "TimeSeries", @source
 *     data       [time][quantity] float64   (NaN where missing)
 *     timestamps [time] float64, seconds
 *     variance   [time][quantity] float64   (NaN where missing or not given)
 *     area       [quantity] string
 *     group      [quantity] string          (layer/class or channel, "" for whole areas)
 * </pre>
 * It is NWB-like, not a validated NWB file: NWB readers that expect {@code /general} etc. may refuse it.
 */
public final class NwbObservations {
    public static final String FORMAT = "doka-observations";
    public static final int FORMAT_VERSION = 1;
    public static final String SERIES = "/processing/doka/observations";

    private NwbObservations() {
    }

    /** Writes {@code obs} (at least one time and one quantity) via a temporary file and a rename. */
    public static void write(Observations obs, Path file) {
        int nt = obs.timeCount();
        int nq = obs.quantityCount();
        if (nt == 0 || nq == 0) {
            throw new IllegalArgumentException(obs.source() + ": cannot write an empty window to HDF5 (jHDF writes no empty datasets)");
        }
        double[][] data = new double[nt][nq];
        double[][] variance = new double[nt][nq];
        for (int t = 0; t < nt; t++) {
            for (int q = 0; q < nq; q++) {
                data[t][q] = obs.value(t, q);
                variance[t][q] = obs.variance(t, q);
            }
        }
        String[] areas = obs.quantities().stream().map(ObservedQuantity::area).toArray(String[]::new);
        String[] groups = obs.quantities().stream().map(ObservedQuantity::group).toArray(String[]::new);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (WritableHdfFile h = HdfFile.write(tmp)) {
            h.putAttribute("doka_format", FORMAT);
            h.putAttribute("doka_format_version", FORMAT_VERSION);
            WritableGroup series = h.putGroup("processing").putGroup("doka").putGroup("observations");
            series.putAttribute("neurodata_type", "TimeSeries");
            series.putAttribute("source", obs.source());
            series.putDataset("data", data);
            WritableDataset ts = series.putDataset("timestamps", obs.timesS());
            ts.putAttribute("unit", "seconds");
            series.putDataset("variance", variance);
            series.putDataset("area", areas);
            series.putDataset("group", groups);
        } catch (HdfException e) {
            throw new ObservationException(file + ": cannot write HDF5 (" + e.getMessage() + ")", e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ObservationException(file + ": cannot rename " + tmp + " (" + e.getMessage() + ")", e);
        }
    }

    /** True if {@code file} is HDF5 written by {@link #write}. */
    public static boolean isDokaObservations(Path file) {
        return Hdf5Reader.withFile(file, h -> FORMAT.equals(Hdf5Reader.attributeString(h.hdf, "doka_format")));
    }

    /** Reads a window written by {@link #write}, with the same checks as the CSV reader. */
    public static Observations read(Path file, ReadOptions options) {
        return Hdf5Reader.withFile(file, h -> {
            String format = Hdf5Reader.attributeString(h.hdf, "doka_format");
            if (!FORMAT.equals(format)) {
                throw h.error("/", "attribute doka_format is " + format + "; expected '" + FORMAT + "' (not a doka observation file)");
            }
            String version = Hdf5Reader.attributeString(h.hdf, "doka_format_version");
            if (!String.valueOf(FORMAT_VERSION).equals(version)) {
                throw h.error("/", "doka_format_version " + version + " is not supported; this reader reads version " + FORMAT_VERSION);
            }
            double[] times = h.doubles(SERIES + "/timestamps");
            String[] areas = h.strings(SERIES + "/area");
            String[] groups = h.strings(SERIES + "/group");
            int nt = times.length;
            int nq = areas.length;
            if (groups.length != nq) {
                throw h.error(SERIES + "/group", groups.length + " entries for " + nq + " areas");
            }
            requireShape(h, SERIES + "/data", nt, nq);
            requireShape(h, SERIES + "/variance", nt, nq);
            for (int t = 0; t < nt; t++) {
                if (!Double.isFinite(times[t]) || (t > 0 && times[t] <= times[t - 1])) {
                    throw h.error(SERIES + "/timestamps", "element " + t + " is " + times[t] + "; expected finite, strictly increasing times");
                }
                if (!options.inRun(times[t])) {
                    throw h.error(SERIES + "/timestamps", "element " + t + " (" + times[t] + " s) lies outside " + options.describeRun());
                }
            }
            List<ObservedQuantity> quantities = new ArrayList<>();
            for (int q = 0; q < nq; q++) {
                if (areas[q].isBlank() || areas[q].contains("/")) {
                    throw h.error(SERIES + "/area", "element " + q + " '" + areas[q] + "' must be a non-empty acronym without '/'");
                }
                if (!options.knowsArea(areas[q])) {
                    throw h.error(SERIES + "/area", "element " + q + ": unknown area '" + areas[q] + "'; the model has "
                            + new TreeSet<>(options.knownAreas()));
                }
                quantities.add(new ObservedQuantity(areas[q], groups[q]));
            }
            double[] values = h.doubles(SERIES + "/data");
            double[] variances = h.doubles(SERIES + "/variance");
            boolean[] missing = new boolean[values.length];
            for (int i = 0; i < values.length; i++) {
                String at = "row " + i / nq + ", column " + i % nq;
                if (Double.isInfinite(values[i])) {
                    throw h.error(SERIES + "/data", at + " is " + values[i] + "; expected a finite value (NaN marks missing)");
                }
                missing[i] = Double.isNaN(values[i]);
                double v = variances[i];
                if (!missing[i] && !Double.isNaN(v) && !(v > 0 && Double.isFinite(v))) {
                    throw h.error(SERIES + "/variance", at + " is " + v + "; expected a finite variance > 0");
                }
            }
            String source = Hdf5Reader.attributeString(h.node(SERIES), "source");
            try {
                return new Observations(file.toString(), times, quantities, values, variances, missing);
            } catch (IllegalArgumentException e) {
                throw h.error(SERIES, e.getMessage() + (source == null ? "" : " (written from " + source + ")"));
            }
        });
    }

    private static void requireShape(Hdf5Reader h, String path, int nt, int nq) {
        int[] dims = h.dimensions(path);
        if (dims.length != 2 || dims[0] != nt || dims[1] != nq) {
            throw h.error(path, "shape " + java.util.Arrays.toString(dims) + "; expected [" + nt + ", " + nq
                    + "] (timestamps × areas)");
        }
    }
}
