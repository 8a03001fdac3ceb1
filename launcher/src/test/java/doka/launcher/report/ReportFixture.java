package doka.launcher.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A run directory written by hand, in the formats a run writes: a PD14 twin of {@code windows} windows, one parameter
 * {@code g} (truth 2, outside every member so that the truth's marker must widen the axis), {@code quantities} observed
 * quantities of two bins per window, a rank histogram of 4 ranks and a raster of member 0.
 */
final class ReportFixture {
    static final double TRUTH = 2.0;
    static final double PRIOR_MEAN = 0.9;
    static final double PRIOR_SD = 0.1;
    static final double N_SCALE = 0.01;

    private ReportFixture() {
    }

    static Path write(Path dir, int windows, int quantities, boolean truthKnown) throws IOException {
        Files.writeString(dir.resolve("config.json"), String.format(Locale.ROOT, """
                {"name": "fixture", "members": 3, "model": {"kind": "pd14", "nScale": %s},
                 "parameters": [{"name": "g", "priorMean": %s, "priorSd": %s}],
                 "filter": {"kind": "etkf", "inflation": 1.02, "rtps": 0.8, "localization": null},
                 "windows": {"lengthMs": 500.0, "count": %d}}
                """, N_SCALE, PRIOR_MEAN, PRIOR_SD, windows));
        Files.writeString(dir.resolve("summary.json"), String.format(Locale.ROOT, """
                {"name": "fixture", "members": 3, "windows": %d, "wall_s": 1.5, "overhead_fraction": 0.01, "burn_in": 1,
                 "parameters": {"g": {"truth": %s, "prior_mean": %s, "prior_rmse": 1.1, "final_mean": 1.0,
                   "final_rmse": 1.0, "final_min": 0.9, "final_max": 1.1, "final_sd": 0.1}}}
                """, windows, TRUTH, PRIOR_MEAN));
        StringBuilder p = new StringBuilder("window,member,g\n");
        StringBuilder d = new StringBuilder("window,rmse_forecast,rmse_analysis,spread_forecast,spread_analysis,"
                + "spread_rmse_ratio,innovation_mean,innovation_mean_square,expected_innovation_variance,"
                + "normalized_innovation,observations_used,observations_rejected,inflation,rank_0,rank_1,rank_2,rank_3\n");
        StringBuilder o = new StringBuilder("window,index,name,observed,error_variance,predicted_mean,predicted_sd\n");
        for (int w = 0; w < windows; w++) {
            for (int m = 0; m < 3; m++) {
                p.append(String.format(Locale.ROOT, "%d,%d,%s%n", w, m, 0.9 + 0.05 * m + 0.001 * w));
            }
            String rmse = truthKnown ? String.format(Locale.ROOT, "%s,%s,%s,%s", 0.3, 0.2, 0.25, 0.15) : "NaN,NaN,NaN,NaN";
            d.append(w).append(',').append(rmse).append(",1.0,0.1,1.2,1.1,1.0,4,0,1.02,1,2,3,4\n");
            int index = 0;
            for (int q = 0; q < quantities; q++) {
                for (int bin = 0; bin < 2; bin++) {
                    o.append(String.format(Locale.ROOT, "%d,%d,area%d@%d,%s,0.25,%s,0.1%n", w, index++, q, bin, 5.0 + q,
                            5.1 + q));
                }
            }
        }
        Files.writeString(dir.resolve("parameters.csv"), p);
        Files.writeString(dir.resolve("diagnostics.csv"), d);
        Files.writeString(dir.resolve("observations.csv"), o);
        // Neurons 0 (L2/3e), 207 (the first of L2/3i at nScale 0.01: round(20683 × 0.01) = 207) and 760 (L6i, from 743).
        Files.writeString(dir.resolve("raster-member0.csv"), "time_ms,neuron\n0.3,0\n1.0,207\n2.5,760\n");
        return dir;
    }
}
