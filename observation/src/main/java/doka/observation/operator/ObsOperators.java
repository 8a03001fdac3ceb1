package doka.observation.operator;

/**
 * Generic observation kernels on primitive arrays, shared by the model operators and by the
 * readers that turn recorded spikes into the same observables. Outputs are row-major
 * {@code [bin][group]} and passed in, EJML style.
 */
public final class ObsOperators {
    private ObsOperators() {
    }

    /**
     * Mean firing rate per group in each bin: {@code rate[b][g] = spikes of g in bin b / (cells_g · width)}.
     * Bin {@code b} is {@code [start + b·width, start + (b+1)·width)}; spikes outside all bins and
     * spikes of sources with slot -1 are ignored.
     *
     * @param times         spike times (any unit, consistent with {@code start} and {@code width})
     * @param sources       source (neuron or unit) index of each spike
     * @param count         number of valid spikes
     * @param slotOfSource  group of each source, -1 to ignore
     * @param cellsPerGroup number of sources in each group (the rate's denominator)
     * @param rateScale     factor turning spikes per (cell · time unit) into the output unit (1000 for ms → Hz)
     * @param out           {@code binCount × groups}, overwritten
     */
    public static double[] binnedGroupRates(double[] times, int[] sources, int count, int[] slotOfSource, int[] cellsPerGroup,
                                            double start, double width, int binCount, double rateScale, double[] out) {
        int groups = cellsPerGroup.length;
        java.util.Arrays.fill(out, 0, binCount * groups, 0.0);
        double end = start + width * binCount;
        for (int i = 0; i < count; i++) {
            double t = times[i];
            int slot = slotOfSource[sources[i]];
            if (slot < 0 || t < start || t >= end) {
                continue;
            }
            int bin = Math.min((int) ((t - start) / width), binCount - 1);
            out[bin * groups + slot] += 1.0;
        }
        for (int b = 0; b < binCount; b++) {
            for (int g = 0; g < groups; g++) {
                out[b * groups + g] *= rateScale / (cellsPerGroup[g] * width);
            }
        }
        return out;
    }

    /** Bin centres {@code start + (b + ½)·width}, times {@code scale} (e.g. 1e-3 for ms → s). */
    public static double[] binCentres(double start, double width, int binCount, double scale) {
        double[] c = new double[binCount];
        for (int b = 0; b < binCount; b++) {
            c[b] = (start + (b + 0.5) * width) * scale;
        }
        return c;
    }
}
