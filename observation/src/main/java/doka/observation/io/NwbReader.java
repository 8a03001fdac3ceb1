package doka.observation.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import doka.observation.ObservationException;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/**
 * Reads spike trains and calcium series from NWB files (HDF5, through jHDF).
 *
 * <ul>
 *   <li>Units (NWB 2.x): {@code /units/id}, the ragged {@code spike_times} + {@code spike_times_index},
 *       and for locations {@code /units/location}, else {@code /units/electrodes} (+ {@code electrodes_index})
 *       into {@code /general/extracellular_ephys/electrodes} ({@code location}, {@code group_name}), else the
 *       {@code /units/electrode_group} references to the electrode groups (name, {@code location} attribute).</li>
 *   <li>Calcium: every group under {@code /processing} or {@code /acquisition} whose {@code neurodata_type}
 *       (2.x) or {@code ancestry} (1.x) is {@code RoiResponseSeries}: {@code data [time][roi]},
 *       {@code timestamps} or {@code starting_time} + {@code rate}, ROIs from {@code rois} (2.x) or
 *       {@code roi_names} (1.x), location from the imaging plane in {@code /general/optophysiology}.</li>
 * </ul>
 *
 * Every check failure is an {@link ObservationException} naming the file and HDF5 path.
 */
public final class NwbReader {
    private static final String UNITS = "/units";
    private static final String ELECTRODES = "/general/extracellular_ephys/electrodes";
    private static final String EPHYS = "/general/extracellular_ephys";
    private static final String OPTOPHYSIOLOGY = "/general/optophysiology";
    private static final String ROI_RESPONSE_SERIES = "RoiResponseSeries";

    private NwbReader() {
    }

    /** Summarises the file: version, units, epochs, calcium series and anything that looks wrong. */
    public static NwbSummary inspect(Path file) {
        return Hdf5Reader.withFile(file, h -> {
            List<String> notes = new ArrayList<>();
            String version = version(h);
            NwbUnits units = h.exists(UNITS) ? readUnits(h) : null;
            double[] epochs = epochSpan(h);
            if (units != null && units.spikeCount() > 0 && !Double.isNaN(epochs[0])
                    && (units.firstSpikeS() < epochs[0] || units.lastSpikeS() > epochs[1])) {
                notes.add("spikes span [" + units.firstSpikeS() + ", " + units.lastSpikeS() + "] s, beyond the epochs ["
                        + epochs[0] + ", " + epochs[1] + "] s");
            }
            List<NwbSummary.SeriesInfo> ophys = new ArrayList<>();
            for (String path : findRoiSeries(h)) {
                NwbSummary.SeriesInfo info = describeSeries(h, path);
                ophys.add(info);
                if (info.declaredSamples() >= 0 && info.declaredSamples() != info.timeCount()) {
                    notes.add(path + ": num_samples says " + info.declaredSamples() + " but data holds " + info.timeCount()
                            + " rows (a structure-only or truncated file; its data cannot be used)");
                }
            }
            if (units == null && ophys.isEmpty()) {
                notes.add("no units table and no RoiResponseSeries: nothing this reader can turn into observations");
            }
            return new NwbSummary(file.toString(), version, units, epochs[0], epochs[1], ophys, notes);
        });
    }

    /** The units table, checked: index monotone and ending at the spike count, times finite. */
    public static NwbUnits readUnits(Path file) {
        return Hdf5Reader.withFile(file, h -> {
            if (!h.exists(UNITS)) {
                throw h.error(UNITS, "missing: the file has no units table (NWB " + version(h) + ")");
            }
            return readUnits(h);
        });
    }

    /** Paths of all RoiResponseSeries in the file. */
    public static List<String> roiSeriesPaths(Path file) {
        return Hdf5Reader.withFile(file, NwbReader::findRoiSeries);
    }

    /** One RoiResponseSeries with its ROI keys and location, checked for shape and finite values. */
    public static RoiSeries readRoiSeries(Path file, String seriesPath) {
        return Hdf5Reader.withFile(file, h -> readRoiSeries(h, seriesPath));
    }

    // --- units ------------------------------------------------------------------------------

    private static NwbUnits readUnits(Hdf5Reader h) {
        long[] ids = h.longs(UNITS + "/id");
        int n = ids.length;
        double[] times = h.exists(UNITS + "/spike_times") ? h.doubles(UNITS + "/spike_times") : new double[0];
        String indexPath = UNITS + "/spike_times_index";
        long[] index = h.exists(indexPath) ? h.longs(indexPath) : new long[n];
        if (index.length != n) {
            throw h.error(indexPath, index.length + " entries but " + UNITS + "/id lists " + n + " units");
        }
        int[] end = new int[n];
        long previous = 0;
        for (int u = 0; u < n; u++) {
            if (index[u] < previous || index[u] > times.length) {
                throw h.error(indexPath, "entry " + u + " is " + index[u] + "; expected a non-decreasing index between "
                        + previous + " and the " + times.length + " spike times");
            }
            end[u] = (int) index[u];
            previous = index[u];
        }
        if (n > 0 && end[n - 1] != times.length) {
            throw h.error(indexPath, "ends at " + end[n - 1] + " but " + UNITS + "/spike_times holds " + times.length + " times");
        }
        if (n == 0 && times.length > 0) {
            throw h.error(UNITS + "/spike_times", times.length + " spike times but no units");
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw h.error(UNITS + "/spike_times", "element " + i + " is " + times[i] + "; spike times must be finite");
            }
        }
        String[] locations = new String[n];
        String[] groups = new String[n];
        java.util.Arrays.fill(locations, "");
        java.util.Arrays.fill(groups, "");
        fillFromElectrodeGroups(h, n, locations, groups);
        fillFromElectrodes(h, n, locations, groups);
        if (h.exists(UNITS + "/location")) {
            String[] own = h.strings(UNITS + "/location");
            if (own.length != n) {
                throw h.error(UNITS + "/location", own.length + " entries for " + n + " units");
            }
            for (int u = 0; u < n; u++) {
                if (!own[u].isBlank()) {
                    locations[u] = own[u].strip();
                }
            }
        }
        return new NwbUnits(ids, end, times, locations, groups);
    }

    /** Electrodes table rows of each unit: location and group name of its first electrode. */
    private static void fillFromElectrodes(Hdf5Reader h, int n, String[] locations, String[] groups) {
        String path = UNITS + "/electrodes";
        if (!h.exists(path) || !h.exists(ELECTRODES + "/location")) {
            return;
        }
        long[] rows = h.longs(path);
        long[] ends = h.exists(path + "_index") ? h.longs(path + "_index") : null;
        String[] location = h.strings(ELECTRODES + "/location");
        String[] groupName = h.exists(ELECTRODES + "/group_name") ? h.strings(ELECTRODES + "/group_name") : null;
        for (int u = 0; u < n; u++) {
            int first = ends == null ? u : (u == 0 ? 0 : (int) ends[u - 1]);
            int last = ends == null ? u + 1 : (int) ends[u];
            if (first >= last || first >= rows.length) {
                continue;
            }
            int row = (int) rows[first];
            if (row < 0 || row >= location.length) {
                throw h.error(path, "unit " + u + " names electrode row " + row + " but " + ELECTRODES + " has " + location.length + " rows");
            }
            if (!location[row].isBlank()) {
                locations[u] = location[row].strip();
            }
            if (groupName != null && !groupName[row].isBlank()) {
                groups[u] = groupName[row].strip();
            }
        }
    }

    /** {@code /units/electrode_group} holds object references: resolve them to the groups' names and locations. */
    private static void fillFromElectrodeGroups(Hdf5Reader h, int n, String[] locations, String[] groups) {
        String path = UNITS + "/electrode_group";
        if (!h.exists(path) || !h.exists(EPHYS)) {
            return;
        }
        long[] addresses;
        try {
            addresses = h.longs(path);
        } catch (ObservationException e) {
            return; // not references (written by another tool as names); the electrodes table may still help
        }
        if (addresses.length != n) {
            throw h.error(path, addresses.length + " entries for " + n + " units");
        }
        for (Node child : h.group(EPHYS)) {
            if (!child.isGroup()) {
                continue;
            }
            for (int u = 0; u < n; u++) {
                if (addresses[u] == child.getAddress()) {
                    groups[u] = child.getName();
                    String location = Hdf5Reader.attributeString(child, "location");
                    if (location != null && !location.isBlank()) {
                        locations[u] = location.strip();
                    }
                }
            }
        }
    }

    // --- calcium ----------------------------------------------------------------------------

    private static List<String> findRoiSeries(Hdf5Reader h) {
        List<String> found = new ArrayList<>();
        for (String top : List.of("/processing", "/acquisition")) {
            if (h.exists(top)) {
                collectRoiSeries(h.group(top), 0, found);
            }
        }
        return found;
    }

    private static void collectRoiSeries(Group group, int depth, List<String> found) {
        for (Node child : group) {
            if (!child.isGroup() || child.isLink()) {
                continue;
            }
            if (ROI_RESPONSE_SERIES.equals(Hdf5Reader.attributeString(child, "neurodata_type"))
                    || Hdf5Reader.attributeStrings(child, "ancestry").contains(ROI_RESPONSE_SERIES)) {
                found.add(child.getPath().replaceAll("/$", ""));
            } else if (depth < 4) {
                collectRoiSeries((Group) child, depth + 1, found);
            }
        }
    }

    private static NwbSummary.SeriesInfo describeSeries(Hdf5Reader h, String path) {
        int[] dims = h.dimensions(path + "/data");
        int timeCount = dims.length == 0 ? 1 : dims[0];
        int roiCount = dims.length < 2 ? 1 : dims[1];
        long declared = h.exists(path + "/num_samples") ? h.scalarLong(path + "/num_samples") : -1;
        double[] times = h.exists(path + "/timestamps") || h.exists(path + "/starting_time") ? sampleTimes(h, path, timeCount) : null;
        double first = times == null || times.length == 0 ? Double.NaN : times[0];
        double last = times == null || times.length == 0 ? Double.NaN : times[times.length - 1];
        return new NwbSummary.SeriesInfo(path, kindOf(path), timeCount, roiCount, declared, first, last, location(h, path));
    }

    private static RoiSeries readRoiSeries(Hdf5Reader h, String path) {
        Node node = h.node(path);
        if (!(node instanceof Group)) {
            throw h.error(path, "expected a RoiResponseSeries group");
        }
        String dataPath = path + "/data";
        int[] dims = h.dimensions(dataPath);
        if (dims.length < 1 || dims.length > 2) {
            throw h.error(dataPath, "expected [time] or [time][roi] data, found " + dims.length + " dimensions");
        }
        int timeCount = dims[0];
        int roiCount = dims.length == 2 ? dims[1] : 1;
        if (h.exists(path + "/num_samples")) {
            long declared = h.scalarLong(path + "/num_samples");
            if (declared != timeCount) {
                throw h.error(dataPath, "holds " + timeCount + " samples but num_samples says " + declared
                        + " (a structure-only or truncated file)");
            }
        }
        double[] data = h.doubles(dataPath);
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw h.error(dataPath, "value at time " + i / roiCount + ", ROI " + i % roiCount + " is " + data[i]
                        + "; expected finite values");
            }
        }
        double conversion = 1.0;
        String conv = Hdf5Reader.attributeString(h.node(dataPath), "conversion");
        if (conv != null && !conv.equals("NaN")) {
            try {
                conversion = Double.parseDouble(conv);
            } catch (NumberFormatException e) {
                throw h.error(dataPath, "attribute 'conversion' is '" + conv + "'; expected a number");
            }
            for (int i = 0; i < data.length; i++) {
                data[i] *= conversion;
            }
        }
        double[] times = sampleTimes(h, path, timeCount);
        String unit = Hdf5Reader.attributeString(h.node(dataPath), "unit");
        return new RoiSeries(path, kindOf(path), times, roiKeys(h, path, roiCount), data, location(h, path), unit == null ? "" : unit);
    }

    private static double[] sampleTimes(Hdf5Reader h, String path, int timeCount) {
        String tsPath = path + "/timestamps";
        double[] times;
        if (h.exists(tsPath)) {
            times = h.doubles(tsPath);
            if (times.length != timeCount) {
                throw h.error(tsPath, times.length + " timestamps for " + timeCount + " data rows");
            }
        } else if (h.exists(path + "/starting_time")) {
            String startPath = path + "/starting_time";
            double start = h.doubles(startPath)[0];
            String rate = Hdf5Reader.attributeString(h.node(startPath), "rate");
            double rateHz = rate == null ? Double.NaN : Double.parseDouble(rate);
            if (!(rateHz > 0 && Double.isFinite(rateHz))) {
                throw h.error(startPath, "attribute 'rate' is " + rate + "; expected a positive sampling rate in Hz");
            }
            times = new double[timeCount];
            for (int i = 0; i < timeCount; i++) {
                times[i] = start + i / rateHz;
            }
        } else {
            throw h.error(path, "has neither 'timestamps' nor 'starting_time'");
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i]) || (i > 0 && times[i] <= times[i - 1])) {
                throw h.error(tsPath, "element " + i + " is " + times[i] + "; expected finite, strictly increasing times");
            }
        }
        return times;
    }

    private static String[] roiKeys(Hdf5Reader h, String path, int roiCount) {
        String[] keys;
        if (h.exists(path + "/roi_names")) {
            keys = h.strings(path + "/roi_names");
        } else if (h.exists(path + "/rois")) {
            long[] rows = h.longs(path + "/rois");
            long[] ids = planeSegmentationIds(h, path);
            keys = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                if (ids != null && (rows[i] < 0 || rows[i] >= ids.length)) {
                    throw h.error(path + "/rois", "row " + rows[i] + " outside the plane segmentation's " + ids.length + " ROIs");
                }
                keys[i] = Long.toString(ids == null ? rows[i] : ids[(int) rows[i]]);
            }
        } else {
            keys = new String[roiCount];
            for (int i = 0; i < roiCount; i++) {
                keys[i] = Integer.toString(i);
            }
        }
        if (keys.length != roiCount) {
            throw h.error(path + "/data", roiCount + " ROI columns but " + keys.length + " ROI names/rows");
        }
        return keys;
    }

    /** The {@code id} column of the plane segmentation that {@code rois} refers to, or null. */
    private static long[] planeSegmentationIds(Hdf5Reader h, String path) {
        Group table = roiTable(h, path);
        if (table == null || table.getChild("id") == null) {
            return null;
        }
        Object ids = ((io.jhdf.api.Dataset) table.getChild("id")).getDataFlat();
        if (ids instanceof long[] l) {
            return l;
        }
        if (ids instanceof int[] a) {
            return java.util.Arrays.stream(a).asLongStream().toArray();
        }
        return null;
    }

    private static Group roiTable(Hdf5Reader h, String path) {
        Attribute table = h.node(path + "/rois").getAttribute("table");
        if (table == null) {
            return null;
        }
        try {
            Object address = table.getData();
            Node node = address instanceof Long a ? h.hdf.getNodeByAddress(a) : null;
            return node instanceof Group g ? g : null;
        } catch (HdfException e) {
            return null;
        }
    }

    /**
     * Imaging plane location: through the plane segmentation's {@code imaging_plane} link (2.x), else the
     * plane named like the series (1.x), else the only plane in the file; "" when none applies.
     */
    private static String location(Hdf5Reader h, String path) {
        if (h.exists(path + "/rois")) {
            Group table = roiTable(h, path);
            Node plane = table == null ? null : table.getChild("imaging_plane");
            if (plane instanceof io.jhdf.api.Link link && !link.isBrokenLink()) {
                plane = link.getTarget(); // NWB writes the plane as a soft link in some versions
            }
            if (plane instanceof Group g && g.getChild("location") instanceof io.jhdf.api.Dataset location) {
                return String.valueOf(location.getData()).strip();
            }
        }
        if (!h.exists(OPTOPHYSIOLOGY)) {
            return "";
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        List<String> planes = new ArrayList<>();
        for (Node child : h.group(OPTOPHYSIOLOGY)) {
            if (child.isGroup()) {
                planes.add(child.getName());
            }
        }
        String plane = planes.contains(name) ? name : planes.size() == 1 ? planes.get(0) : null;
        String locationPath = OPTOPHYSIOLOGY + "/" + plane + "/location";
        return plane != null && h.exists(locationPath) ? h.scalarString(locationPath).strip() : "";
    }

    private static String kindOf(String path) {
        for (String kind : List.of("DfOverF", "Fluorescence")) {
            if (path.contains("/" + kind + "/")) {
                return kind;
            }
        }
        return "";
    }

    // --- file-level ---------------------------------------------------------------------------

    private static String version(Hdf5Reader h) {
        String v = Hdf5Reader.attributeString(h.hdf, "nwb_version");
        if (v == null && h.exists("/nwb_version")) {
            v = h.scalarString("/nwb_version");
        }
        return v == null ? "unknown" : v;
    }

    private static double[] epochSpan(Hdf5Reader h) {
        String start = "/intervals/epochs/start_time";
        String stop = "/intervals/epochs/stop_time";
        if (!h.exists(start) || !h.exists(stop)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] a = h.doubles(start);
        double[] b = h.doubles(stop);
        if (a.length == 0 || b.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {java.util.Arrays.stream(a).min().getAsDouble(), java.util.Arrays.stream(b).max().getAsDouble()};
    }
}
