package doka.launcher.cycle;

import java.util.Arrays;

import doka.enkf.AnalysisResult;
import doka.enkf.AnalysisStats;
import doka.enkf.EnsembleFilter;
import doka.enkf.EnsembleOps;
import doka.enkf.FilterState;
import doka.enkf.ForecastEnsemble;
import doka.enkf.Observations;
import doka.enkf.RandomStream;
import doka.launcher.config.EnsembleConfig;

/**
 * The filter side of the cycle, on the analysis root: maps the gathered members' filter vectors into
 * the transformed space, runs the configured analysis against the window's observations, maps the
 * result back, and records the window's diagnostics.
 */
public final class FilterDriver {
    private final Experiment experiment;
    private final EnsembleFilter filter;
    private final FilterLayout layout;
    private final int members;
    private final int dim;
    private FilterState state;

    public FilterDriver(EnsembleConfig config, Experiment experiment) {
        this.experiment = experiment;
        this.layout = experiment.layout();
        this.members = config.members();
        this.dim = layout.dim();
        this.filter = config.filter().toFilterConfig().build(dim, experiment.layout().firstParameter(),
                experiment.observations()::domains);
        this.state = FilterState.initial(RandomStream.FILTER.seed(config.seed()));
    }

    /** The filter state to checkpoint. */
    public FilterState state() {
        return state;
    }

    public void restore(FilterState s) {
        this.state = s;
    }

    /**
     * One analysis.
     *
     * @param window    window index
     * @param natural   N×n gathered filter vectors, natural units, row per member
     * @param predicted N×p gathered predicted observations
     * @return the analysis ensemble (natural units) and what the window's diagnostics need
     */
    public Step analyse(int window, double[] natural, double[] predicted) {
        double[] forecast = layout.toFilter(natural);
        Observations obs = experiment.observations().observations(window);
        predicted = select(predicted, experiment.observations().observedIndex(window));
        int p = predicted.length / members;
        AnalysisResult result = filter.assimilate(new ForecastEnsemble(members, dim, forecast, p, predicted), obs, state);
        state = result.state();
        double[] analysis = layout.toPhysical(result.ensemble());
        double[] truth = experiment.truthAt(window);
        return new Step(window, natural, analysis, predicted, obs, truth, result.stats());
    }

    /** The columns {@code index} of the N×p predictions (all when null). */
    private double[] select(double[] predicted, int[] index) {
        if (index == null) {
            return predicted;
        }
        int full = predicted.length / members;
        double[] out = new double[members * index.length];
        for (int m = 0; m < members; m++) {
            for (int k = 0; k < index.length; k++) {
                out[m * index.length + k] = predicted[m * full + index[k]];
            }
        }
        return out;
    }

    /**
     * One window's analysis with its inputs, in natural units.
     *
     * @param forecast  N×n forecast filter vectors
     * @param analysis  N×n analysis filter vectors
     * @param predicted N×p predicted observations
     * @param truth     the true filter vector, or null
     */
    public record Step(int window, double[] forecast, double[] analysis, double[] predicted, Observations observations,
            double[] truth, AnalysisStats stats) {

        public int members() {
            return predicted.length / Math.max(1, observations.count());
        }

        /** RMSE of the ensemble mean against the truth over components [from, to), or NaN without truth. */
        public double rmse(double[] ensemble, int from, int to) {
            if (truth == null || to <= from) {
                return Double.NaN;
            }
            int n = truth.length;
            double[] mean = EnsembleOps.mean(ensemble, ensemble.length / n, n, new double[n]);
            return EnsembleOps.rmse(mean, truth, from, to);
        }

        /** Rank of the truth among the forecast members, counted over components [from, to). */
        public long[] rankHistogram(int from, int to) {
            int n = forecast.length / members();
            int m = members();
            long[] counts = new long[m + 1];
            if (truth == null) {
                return counts;
            }
            for (int i = from; i < to; i++) {
                int below = 0;
                for (int k = 0; k < m; k++) {
                    if (forecast[k * n + i] < truth[i]) {
                        below++;
                    }
                }
                counts[below]++;
            }
            return counts;
        }

        /** Mean and standard deviation of the predicted observation {@code j} over members. */
        public double[] predictedMeanSd(int j) {
            int p = observations.count();
            int m = predicted.length / p;
            double[] col = new double[m];
            for (int k = 0; k < m; k++) {
                col[k] = predicted[k * p + j];
            }
            double mean = Arrays.stream(col).average().orElse(Double.NaN);
            double var = Arrays.stream(col).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, m - 1);
            return new double[] {mean, Math.sqrt(var)};
        }
    }
}
