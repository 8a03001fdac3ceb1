package doka.observation.io;

/**
 * One NWB {@code RoiResponseSeries} (fluorescence or ΔF/F of a set of ROIs).
 *
 * @param path      HDF5 path of the series group
 * @param kind      the container it sits in: {@code DfOverF}, {@code Fluorescence}, or "" when unknown
 * @param timesS    sample times in seconds ({@code timestamps}, or {@code starting_time + i / rate})
 * @param roiKeys   ROI identifiers: the plane segmentation's ids, the {@code rois} indices, or NWB 1.x {@code roi_names}
 * @param data      values, row-major {@code [time][roi]}
 * @param location  the imaging plane's location (brain area), "" when not recorded
 * @param unit      the data's unit attribute, "" when absent
 */
public record RoiSeries(String path, String kind, double[] timesS, String[] roiKeys, double[] data, String location, String unit) {
    public RoiSeries {
        timesS = timesS.clone();
        roiKeys = roiKeys.clone();
        data = data.clone();
        if (data.length != timesS.length * roiKeys.length) {
            throw new IllegalArgumentException(path + ": " + timesS.length + " times × " + roiKeys.length + " ROIs but "
                    + data.length + " values");
        }
    }

    public int timeCount() {
        return timesS.length;
    }

    public int roiCount() {
        return roiKeys.length;
    }

    public double value(int t, int roi) {
        return data[t * roiKeys.length + roi];
    }

    public double timeS(int t) {
        return timesS[t];
    }

    public String roiKey(int roi) {
        return roiKeys[roi];
    }

    @Override
    public double[] timesS() {
        return timesS.clone();
    }

    @Override
    public String[] roiKeys() {
        return roiKeys.clone();
    }

    @Override
    public double[] data() {
        return data.clone();
    }
}
