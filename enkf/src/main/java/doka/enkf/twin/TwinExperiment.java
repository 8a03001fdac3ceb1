package doka.enkf.twin;

import java.util.function.Consumer;

import doka.enkf.AnalysisResult;
import doka.enkf.AnalysisStats;
import doka.enkf.EnsembleFilter;
import doka.enkf.EnsembleFilter.Variant;
import doka.enkf.EnsembleOps;
import doka.enkf.FilterConfig;
import doka.enkf.FilterRandom;
import doka.enkf.FilterState;
import doka.enkf.ForecastEnsemble;
import doka.enkf.Inflation;
import doka.enkf.Observations;
import doka.enkf.RandomStream;
import doka.enkf.model.Rk4;

/**
 * A twin experiment in DAPPER's concise style: a {@link HiddenMarkovModel}, a method and its tuning.
 * <pre>
 *   TwinSummary s = TwinExperiment.of(HiddenMarkovModel.lorenz96Sakov2008(), Variant.ETKF, 20, 1.04)
 *           .withCycles(5000).withSeed(3).run();
 * </pre>
 * The truth, the observations and the initial ensemble are drawn from streams derived from {@code seed} and
 * independent of the method, so different methods with one seed see the same truth and data.
 *
 * @param hmm        the world
 * @param filter     the method and its tuning; its jitter walks the estimated parameters
 * @param members    N
 * @param cycles     number of assimilation cycles
 * @param burnIn     cycles left out of the averages
 * @param seed       the experiment's seed
 * @param estimation parameters estimated by state augmentation, or null
 */
public record TwinExperiment(HiddenMarkovModel hmm, FilterConfig filter, int members, int cycles, int burnIn,
                             long seed, ParameterEstimation estimation) {
    public TwinExperiment {
        java.util.Objects.requireNonNull(filter, "filter");
        if (members < 2) {
            throw new IllegalArgumentException("members must be ≥ 2, got " + members);
        }
        if (cycles < 1) {
            throw new IllegalArgumentException("cycles must be ≥ 1, got " + cycles);
        }
        if (burnIn < 0 || burnIn >= cycles) {
            throw new IllegalArgumentException("burn-in must be in 0.." + (cycles - 1) + " for " + cycles
                    + " cycles, got " + burnIn);
        }
    }

    /** An experiment with the HMM's default burn-in, 5,000 cycles, seed 1. */
    public static TwinExperiment of(HiddenMarkovModel hmm, FilterConfig filter, int members) {
        return new TwinExperiment(hmm, filter, members, 5000, hmm.burnInCycles(), 1, null);
    }

    /** {@link #of(HiddenMarkovModel, FilterConfig, int)} with multiplicative inflation only. */
    public static TwinExperiment of(HiddenMarkovModel hmm, Variant variant, int members, double inflation) {
        return of(hmm, FilterConfig.of(variant, inflation), members);
    }

    public TwinExperiment withFilter(FilterConfig f) {
        return new TwinExperiment(hmm, f, members, cycles, burnIn, seed, estimation);
    }

    public TwinExperiment withCycles(int c) {
        return new TwinExperiment(hmm, filter, members, c, Math.min(burnIn, Math.max(0, c - 1)), seed, estimation);
    }

    public TwinExperiment withBurnIn(int b) {
        return new TwinExperiment(hmm, filter, members, cycles, b, seed, estimation);
    }

    public TwinExperiment withSeed(long s) {
        return new TwinExperiment(hmm, filter, members, cycles, burnIn, s, estimation);
    }

    public TwinExperiment withEstimation(ParameterEstimation e) {
        return new TwinExperiment(hmm, filter, members, cycles, burnIn, seed, e);
    }

    /** Length of the filter vector: state plus estimated parameters. */
    public int filterDim() {
        return hmm.ode().dimension() + (estimation == null ? 0 : estimation.count());
    }

    /** The filter this experiment runs. */
    public EnsembleFilter ensembleFilter() {
        return filter.build(filterDim(), hmm.ode().dimension(), hmm.domains());
    }

    public TwinSummary run() {
        return run(d -> { });
    }

    /** Runs the experiment, handing each cycle's diagnostics to {@code sink}. */
    public TwinSummary run(Consumer<CycleDiagnostics> sink) {
        int nx = hmm.ode().dimension();
        int np = estimation == null ? 0 : estimation.count();
        int dim = nx + np;
        int p = hmm.observed().length;
        Rk4 rk4 = new Rk4(hmm.ode());
        double[] trueParams = hmm.ode().defaultParameters();
        EnsembleFilter ensembleFilter = ensembleFilter();

        double[] truth = initialTruth(trueParams);
        double[] ensemble = initialEnsemble(truth);
        FilterRandom obsRandom = observationRandom();
        FilterState state = FilterState.initial(RandomStream.FILTER.seed(seed));

        double[] x = new double[nx];
        double[] memberParams = trueParams.clone();
        double[] predicted = new double[members * p];
        double[] y = new double[p];
        double sigma = Math.sqrt(hmm.obsVariance());
        Averages avg = new Averages(members, np);
        double[] paramMean = new double[np];
        double[] paramSpread = new double[np];
        long forecastNanos = 0;
        long analysisNanos = 0;
        for (int cycle = 1; cycle <= cycles; cycle++) {
            rk4.advance(truth, trueParams, hmm.dt(), hmm.stepsPerCycle());
            for (int j = 0; j < p; j++) {
                y[j] = truth[hmm.observed()[j]] + sigma * obsRandom.nextGaussian();
            }
            long t0 = System.nanoTime();
            for (int m = 0; m < members; m++) {
                int row = m * dim;
                System.arraycopy(ensemble, row, x, 0, nx);
                for (int i = 0; i < np; i++) {
                    memberParams[estimation.parameters()[i]] =
                            estimation.transforms()[i].toPhysical(ensemble[row + nx + i]);
                }
                rk4.advance(x, memberParams, hmm.dt(), hmm.stepsPerCycle());
                System.arraycopy(x, 0, ensemble, row, nx);
                for (int j = 0; j < p; j++) {
                    predicted[m * p + j] = x[hmm.observed()[j]];
                }
            }
            long t1 = System.nanoTime();
            double[] forecastMean = EnsembleOps.mean(ensemble, members, dim, new double[dim]);
            long[] ranks = ranks(ensemble, truth, nx, dim);
            AnalysisResult result = ensembleFilter.assimilate(new ForecastEnsemble(members, dim, ensemble, p, predicted),
                    Observations.withVariance(y.clone(), hmm.obsVariance()), state);
            long t2 = System.nanoTime();
            forecastNanos += t1 - t0;
            analysisNanos += t2 - t1;
            double spreadForecast = EnsembleOps.spread(ensemble, members, dim, 0, nx);
            ensemble = result.ensemble();
            state = result.state();
            double[] analysisMean = EnsembleOps.mean(ensemble, members, dim, new double[dim]);
            physicalParameterStats(ensemble, nx, dim, paramMean, paramSpread);
            AnalysisStats s = result.stats();
            CycleDiagnostics d = new CycleDiagnostics(cycle, cycle * hmm.stepsPerCycle() * hmm.dt(),
                    EnsembleOps.rmse(forecastMean, truth, 0, nx), EnsembleOps.rmse(analysisMean, truth, 0, nx),
                    spreadForecast, EnsembleOps.spread(ensemble, members, dim, 0, nx), s.innovationMean(),
                    s.innovationMeanSquare(), s.expectedInnovationVariance(), s.normalizedInnovation(),
                    s.observationsUsed(), s.observationsRejected(), s.adaptiveInflation(), ranks, paramMean.clone(),
                    paramSpread.clone());
            sink.accept(d);
            if (cycle > burnIn) {
                avg.add(d);
            }
        }
        Inflation inflation = filter.inflation();
        String label = hmm.name() + ", " + filter.kind() + " N=" + members + " inflation " + inflation.factor()
                + (inflation.rtps() > 0 ? " RTPS " + inflation.rtps() : "")
                + (inflation.rtpp() > 0 ? " RTPP " + inflation.rtpp() : "")
                + (inflation.adaptive() != null ? " adaptive" : "")
                + (filter.kind() == Variant.LETKF ? " radius " + filter.localization() : "")
                + (filter.rotate() ? " rotated" : "") + ", seed " + seed;
        return avg.summary(label, cycles, burnIn, forecastNanos * 1e-9, analysisNanos * 1e-9);
    }

    /**
     * The truth at the first cycle: a draw from the truth stream spun up onto the attractor with
     * {@code trueParams}. Drivers that distribute the members (the launcher) start from it too.
     */
    public double[] initialTruth(double[] trueParams) {
        Rk4 rk4 = new Rk4(hmm.ode());
        FilterRandom random = new FilterRandom(RandomStream.TRUTH.seed(seed));
        double[] truth = new double[hmm.ode().dimension()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = random.nextGaussian();
        }
        if (truth.length > 3) {
            for (int i = 0; i < truth.length; i++) {
                truth[i] += trueParams[0]; // Lorenz-96 near its mean state F, so the spin-up stays short
            }
        }
        rk4.advance(truth, trueParams, hmm.dt(), hmm.spinUpSteps());
        return truth;
    }

    /** The initial ensemble around {@code truth}, N×n row-major, parameters in the filter (transformed) space. */
    public double[] initialEnsemble(double[] truth) {
        int nx = hmm.ode().dimension();
        int np = estimation == null ? 0 : estimation.count();
        int dim = nx + np;
        FilterRandom random = new FilterRandom(RandomStream.ENSEMBLE.seed(seed));
        double[] e = new double[members * dim];
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < nx; i++) {
                e[m * dim + i] = truth[i] + hmm.initialSpread() * random.nextGaussian();
            }
            for (int i = 0; i < np; i++) {
                e[m * dim + nx + i] = estimation.transforms()[i].toFilter(estimation.priorMean()[i])
                        + estimation.priorSd()[i] * random.nextGaussian();
            }
        }
        return e;
    }

    /** Mean and standard deviation (N − 1) over members of each estimated parameter, in physical units. */
    private void physicalParameterStats(double[] e, int nx, int dim, double[] mean, double[] sd) {
        for (int i = 0; i < mean.length; i++) {
            double sum = 0;
            double sumSquares = 0;
            for (int m = 0; m < members; m++) {
                double v = estimation.transforms()[i].toPhysical(e[m * dim + nx + i]);
                sum += v;
                sumSquares += v * v;
            }
            mean[i] = sum / members;
            sd[i] = Math.sqrt(Math.max(0, (sumSquares - members * mean[i] * mean[i]) / (members - 1)));
        }
    }

    /** The stream the observation errors are drawn from, one Gaussian per observation and cycle, in order. */
    public FilterRandom observationRandom() {
        return new FilterRandom(RandomStream.OBSERVATION.seed(seed));
    }

    /** Rank of the truth among the forecast members, counted over state components. */
    private long[] ranks(double[] e, double[] truth, int nx, int dim) {
        long[] counts = new long[members + 1];
        for (int i = 0; i < nx; i++) {
            int below = 0;
            for (int m = 0; m < members; m++) {
                if (e[m * dim + i] < truth[i]) {
                    below++;
                }
            }
            counts[below]++;
        }
        return counts;
    }

    /** Running sums over the cycles after the burn-in. */
    private static final class Averages {
        private int count;
        private double rmseA;
        private double spreadA;
        private double rmseF;
        private double spreadF;
        private double normalized;
        private long rejected;
        private final long[] ranks;
        private final double[] parameterMean;
        private final double[] parameterSpread;

        Averages(int members, int parameters) {
            ranks = new long[members + 1];
            parameterMean = new double[parameters];
            parameterSpread = new double[parameters];
        }

        void add(CycleDiagnostics d) {
            count++;
            rmseA += d.rmseAnalysis();
            spreadA += d.spreadAnalysis();
            rmseF += d.rmseForecast();
            spreadF += d.spreadForecast();
            normalized += d.normalizedInnovation();
            rejected += d.observationsRejected();
            for (int r = 0; r < ranks.length; r++) {
                ranks[r] += d.rankCounts()[r];
            }
            for (int i = 0; i < parameterMean.length; i++) {
                parameterMean[i] += d.parameterMean()[i];
                parameterSpread[i] += d.parameterSpread()[i];
            }
        }

        TwinSummary summary(String label, int cycles, int burnIn, double forecastSeconds, double analysisSeconds) {
            for (int i = 0; i < parameterMean.length; i++) {
                parameterMean[i] /= count;
                parameterSpread[i] /= count;
            }
            return new TwinSummary(label, cycles, burnIn, rmseA / count, spreadA / count, rmseF / count,
                    spreadF / count, normalized / count, rejected, ranks, parameterMean, parameterSpread,
                    forecastSeconds, analysisSeconds);
        }
    }
}
