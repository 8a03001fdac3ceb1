package doka.observation.io;

import java.util.List;

/**
 * What an NWB file holds, for {@code doka observations inspect}: read without loading any series'
 * data beyond what the counts need.
 *
 * @param file        the file
 * @param nwbVersion  {@code nwb_version} (root attribute in 2.x, dataset in 1.x)
 * @param units       the units table, or null when the file has none
 * @param epochStartS earliest epoch start in seconds ({@code /intervals/epochs} or NWB 1.x {@code /epochs}), NaN when absent
 * @param epochStopS  latest epoch stop, NaN when absent
 * @param ophys       the RoiResponseSeries found
 * @param notes       problems that do not stop the summary (e.g. a structure-only file)
 */
public record NwbSummary(String file, String nwbVersion, NwbUnits units, double epochStartS, double epochStopS,
                         List<SeriesInfo> ophys, List<String> notes) {
    public NwbSummary {
        ophys = List.copyOf(ophys);
        notes = List.copyOf(notes);
    }

    /**
     * One RoiResponseSeries, described by its shape.
     *
     * @param path            HDF5 path
     * @param kind            {@code DfOverF}, {@code Fluorescence} or ""
     * @param timeCount       rows of {@code data}
     * @param roiCount        columns of {@code data}
     * @param declaredSamples NWB 1.x {@code num_samples}, -1 when absent
     * @param tStartS         first sample time, NaN when unknown
     * @param tStopS          last sample time, NaN when unknown
     * @param location        imaging plane location, "" when unknown
     */
    public record SeriesInfo(String path, String kind, int timeCount, int roiCount, long declaredSamples,
                             double tStartS, double tStopS, String location) {
    }

    /** Major NWB version: 1 for {@code NWB-1.0.5}, 2 for {@code 2.4.0}; 0 when unknown. */
    public int majorVersion() {
        String v = nwbVersion.startsWith("NWB-") ? nwbVersion.substring(4) : nwbVersion;
        int dot = v.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
