package doka.launcher.cycle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code parameters} block of {@code summary.json}, the same for an assimilation ({@code run}) and a calibration
 * ({@code calibrate}): per parameter the truth (where known), the prior and final ensemble means, their errors
 * |mean − truth|, and the final sample sd (M − 1) and range.
 */
public final class ParameterSummary {
    private ParameterSummary() {
    }

    /**
     * @param names   the names of the vector's components
     * @param first   the first component that is a parameter (the state comes before it)
     * @param members ensemble size M
     * @param prior   the prior ensemble, M × names.length, member-major
     * @param last    the final ensemble, the same shape
     * @param truth   the true values of every component, or null when unknown
     */
    public static Map<String, Object> block(String[] names, int first, int members, double[] prior, double[] last,
            double[] truth) {
        Map<String, Object> out = new LinkedHashMap<>();
        int dim = names.length;
        for (int i = first; i < dim; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            double priorMean = columnMean(prior, members, dim, i);
            double finalMean = columnMean(last, members, dim, i);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < members; m++) {
                min = Math.min(min, last[m * dim + i]);
                max = Math.max(max, last[m * dim + i]);
            }
            if (truth != null) {
                p.put("truth", truth[i]);
            }
            p.put("prior_mean", priorMean);
            if (truth != null) {
                p.put("prior_rmse", Math.abs(priorMean - truth[i]));
            }
            p.put("final_mean", finalMean);
            if (truth != null) {
                p.put("final_rmse", Math.abs(finalMean - truth[i]));
            }
            p.put("final_min", min);
            p.put("final_max", max);
            p.put("final_sd", columnSd(last, members, dim, i, finalMean));
            out.put(names[i], p);
        }
        return out;
    }

    /** Sample standard deviation (M − 1) of component i over the members. */
    private static double columnSd(double[] e, int members, int dim, int i, double mean) {
        double s = 0;
        for (int m = 0; m < members; m++) {
            s += (e[m * dim + i] - mean) * (e[m * dim + i] - mean);
        }
        return members > 1 ? Math.sqrt(s / (members - 1)) : 0;
    }

    private static double columnMean(double[] e, int members, int dim, int i) {
        double s = 0;
        for (int m = 0; m < members; m++) {
            s += e[m * dim + i];
        }
        return s / members;
    }
}
