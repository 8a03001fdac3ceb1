package doka.observation.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import doka.observation.AreaMapping;
import doka.observation.ObservationException;
import doka.observation.Observations;
import doka.observation.ObservedQuantity;
import doka.observation.ReadOptions;

/**
 * What {@code doka observations inspect} reports about a recording: an NWB file (units and calcium
 * series), a doka observation HDF5 file, or an observation CSV. The file type is told by content
 * (the HDF5 signature), not by extension.
 *
 * @param file   the file
 * @param format {@code nwb}, {@code doka-hdf5} or {@code csv}
 * @param nwb    the NWB summary (format {@code nwb}), else null
 * @param window the observations (formats {@code csv}, {@code doka-hdf5}), else null
 */
public record RecordingSummary(Path file, String format, NwbSummary nwb, Observations window) {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** Reads {@code file} far enough to summarise it; bad input fails as in the readers. */
    public static RecordingSummary inspect(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ObservationException(file + ": no such file");
        }
        if (isHdf5(file)) {
            if (NwbObservations.isDokaObservations(file)) {
                return new RecordingSummary(file, "doka-hdf5", null, NwbObservations.read(file, ReadOptions.unchecked()));
            }
            return new RecordingSummary(file, "nwb", NwbReader.inspect(file), null);
        }
        CsvTable table = CsvObservations.parse(file);
        AreaMapping mapping = null;
        if (table.has("channel")) {
            // No mapping at hand: show each channel as its own quantity.
            AreaMapping.Builder b = AreaMapping.builder("channels as named in " + file.getFileName());
            for (int r = 0; r < table.rows.size(); r++) {
                String channel = table.get(r, "channel");
                if (channel.isEmpty() || channel.contains("/")) {
                    throw table.error(r, "channel '" + channel + "' must be non-empty and without '/'");
                }
                b.put(AreaMapping.Kind.CHANNEL, channel, new ObservedQuantity(channel, channel));
            }
            mapping = b.build();
        }
        return new RecordingSummary(file, "csv", null, CsvObservations.read(file, mapping, ReadOptions.unchecked()));
    }

    /** Whether {@code file} starts with the HDF5 signature (NWB and doka observation files do). */
    public static boolean isHdf5(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HDF5_SIGNATURE.length), HDF5_SIGNATURE);
        } catch (IOException e) {
            throw new ObservationException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Human-readable lines. */
    public List<String> toLines() {
        List<String> out = new ArrayList<>();
        out.add(file + " (" + format + (nwb != null ? ", NWB " + nwb.nwbVersion() : "") + ")");
        if (nwb != null) {
            NwbUnits u = nwb.units();
            if (u == null) {
                out.add("units: none");
            } else {
                out.add("units: " + u.unitCount() + ", spikes: " + u.spikeCount()
                        + (u.spikeCount() > 0 ? ", spike times " + u.firstSpikeS() + " .. " + u.lastSpikeS() + " s" : ""));
                for (int i = 0; i < u.unitCount(); i++) {
                    out.add("  unit " + u.unitId(i) + ": " + u.spikeCount(i) + " spikes, location '" + u.location(i)
                            + "', electrode group '" + u.electrodeGroup(i) + "'");
                }
            }
            if (!Double.isNaN(nwb.epochStartS())) {
                out.add("epochs: " + nwb.epochStartS() + " .. " + nwb.epochStopS() + " s");
            }
            out.add("ophys series: " + nwb.ophys().size());
            for (NwbSummary.SeriesInfo s : nwb.ophys()) {
                out.add("  " + s.path() + " (" + (s.kind().isEmpty() ? "RoiResponseSeries" : s.kind()) + "): " + s.timeCount()
                        + " samples × " + s.roiCount() + " ROIs, " + s.tStartS() + " .. " + s.tStopS() + " s, location '"
                        + s.location() + "'" + (s.declaredSamples() >= 0 ? ", num_samples " + s.declaredSamples() : ""));
            }
            nwb.notes().forEach(n -> out.add("note: " + n));
        } else {
            Observations w = window;
            out.add("quantities: " + w.quantityCount() + " " + w.quantities());
            out.add("areas: " + areas());
            out.add("times: " + w.timeCount() + (w.timeCount() > 0 ? ", " + w.timeS(0) + " .. " + w.timeS(w.timeCount() - 1) + " s" : ""));
            out.add("values: " + w.presentCount() + " present, " + (w.timeCount() * w.quantityCount() - w.presentCount())
                    + " missing, range " + valueRange()[0] + " .. " + valueRange()[1]
                    + (w.hasVariances() ? ", with variances" : ", no variances (an error model must supply them)"));
        }
        return out;
    }

    /** One flat map for {@code --json}: {@code units}, {@code spikes}, {@code t_start_s}, {@code t_stop_s} where they apply. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("format", format);
        if (nwb != null) {
            m.put("nwb_version", nwb.nwbVersion());
            NwbUnits u = nwb.units();
            if (u != null) {
                m.put("units", u.unitCount());
                m.put("spikes", u.spikeCount());
                int[] perUnit = new int[u.unitCount()];
                for (int i = 0; i < perUnit.length; i++) {
                    perUnit[i] = u.spikeCount(i);
                }
                m.put("unit_ids", u.unitIds());
                m.put("spikes_per_unit", perUnit);
                m.put("locations", new LinkedHashSet<>(Arrays.asList(u.locations())));
                m.put("electrode_groups", new LinkedHashSet<>(Arrays.asList(u.electrodeGroups())));
                if (u.spikeCount() > 0) {
                    m.put("t_start_s", u.firstSpikeS());
                    m.put("t_stop_s", u.lastSpikeS());
                }
            }
            if (!Double.isNaN(nwb.epochStartS())) {
                m.put("epochs_start_s", nwb.epochStartS());
                m.put("epochs_stop_s", nwb.epochStopS());
            }
            List<Map<String, Object>> series = new ArrayList<>();
            for (NwbSummary.SeriesInfo s : nwb.ophys()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("path", s.path());
                sm.put("kind", s.kind());
                sm.put("samples", s.timeCount());
                sm.put("rois", s.roiCount());
                sm.put("location", s.location());
                if (s.declaredSamples() >= 0) {
                    sm.put("num_samples", s.declaredSamples());
                }
                series.add(sm);
            }
            m.put("ophys_series", series);
            m.put("notes", nwb.notes());
        } else {
            m.put("areas", areas());
            m.put("quantities", window.quantities().stream().map(ObservedQuantity::label).toList());
            m.put("times", window.timeCount());
            m.put("values", window.presentCount());
            m.put("missing", window.timeCount() * window.quantityCount() - window.presentCount());
            m.put("has_variances", window.hasVariances());
            if (window.timeCount() > 0) {
                m.put("t_start_s", window.timeS(0));
                m.put("t_stop_s", window.timeS(window.timeCount() - 1));
            }
        }
        return m;
    }

    private List<String> areas() {
        return window.quantities().stream().map(ObservedQuantity::area).distinct().toList();
    }

    private double[] valueRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < window.timeCount(); t++) {
            for (int q = 0; q < window.quantityCount(); q++) {
                if (!window.isMissing(t, q)) {
                    lo = Math.min(lo, window.value(t, q));
                    hi = Math.max(hi, window.value(t, q));
                }
            }
        }
        return new double[] {lo, hi};
    }
}
