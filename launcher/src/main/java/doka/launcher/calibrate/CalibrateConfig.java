package doka.launcher.calibrate;

import java.util.List;
import java.util.Map;

import doka.enkf.Calibration;
import doka.launcher.config.EnsembleConfig;

/**
 * A calibration configuration ({@code ./doka calibrate}): static parameters with priors fitted to statistics of a
 * model's runs of a protocol by an iterative ensemble smoother ({@link Calibration}). Read strictly by
 * {@link CalibrateConfigReader}; the defaults live in {@code calibrate-defaults.json}.
 *
 * @param name       run name (letters, digits, '.', '-', '_')
 * @param members    ensemble size N ≥ 2
 * @param ranks      MPI ranks R (null: one per member); R divides N, and rank r runs members r·N/R … (r+1)·N/R − 1
 *                   one after another (for members too large to hold N at once), with the same numbers as N ranks
 * @param seed       base seed of every random stream (truth run, prior, forward runs, perturbations, replicates)
 * @param model      the forward model
 * @param protocol   how a run of the model is turned into statistics
 * @param parameters the parameters to fit, with priors, bounds and transforms (as in ensemble configurations)
 * @param targets    the data: the statistics of a truth run (a twin), or given values with errors
 * @param noise      replicate runs that estimate the statistics' noise
 * @param method     the smoother and its iterations
 * @param checkpoint checkpoints per iteration
 * @param output     run directory and terminal output
 */
public record CalibrateConfig(String name, int members, Integer ranks, long seed, Model model, Protocol protocol,
        List<EnsembleConfig.Parameter> parameters, Targets targets, Noise noise, Method method, Checkpoint checkpoint,
        Output output) {

    /**
     * The forward model. {@code lorenz96}: the one-scale Lorenz-96 with K {@code variables} integrated by RK4 with
     * step {@code dt}; its parameters are {@code forcing} and optionally {@code damping}. {@code cortex}: a cortex
     * model {@code file} (resolved against the configuration's folder; {@code densityScale} overrides the file's;
     * {@code dataPaths} give {@code ${NAME}} in its paths, else the environment); its parameters are cortex
     * parameters, scoped as in ensemble configurations ({@link CortexForwardModel}).
     */
    public record Model(String kind, int variables, double dt, String file, Double densityScale,
            Map<String, String> dataPaths) {
    }

    /**
     * The protocol of one run. Lorenz-96: from a random initial state, {@code spinUp} time units discarded, then the
     * moments averaged over {@code duration} (the lag covariance at {@code lag}). Cortex: {@code warmupMs} discarded,
     * then the statistics named in {@code statistics} ({@code <kind>/<area>}) over {@code restMs} of rest, the
     * intrinsic timescale on counts in bins of {@code timescaleBinMs} over lags 1 … {@code maxLag}.
     */
    public record Protocol(double spinUp, double duration, double lag, double warmupMs, double restMs,
            double timescaleBinMs, int maxLag, List<String> statistics) {
    }

    /**
     * The data. Either {@code truth} (a twin: one run at these parameter values, with its own seed, gives the target
     * statistics) or the targets of the statistics, from {@code values} (statistic → target) and, for a cortex,
     * {@code unitTable} (per-area medians of a published table of recorded units). {@code errors} (statistic → σ) is
     * the observation error of each target; the replicate noise is added to its variance.
     */
    public record Targets(Map<String, Double> truth, Map<String, Double> values, Map<String, Double> errors,
            UnitTable unitTable) {
    }

    /**
     * Targets from a table of recorded units ({@code doka.observation.io.UnitTable}): for every statistic
     * {@code <statistic>/<area>-<hemisphere>} of the protocol, the median of {@code column} over the table's units of
     * {@code <area>} whose value lies inside ({@code validAbove}, {@code validBelow}) (failed fits at the bounds left
     * out), with the median's bootstrap standard error as its σ unless {@code errors} gives one. {@code file} is
     * resolved against the configuration's folder, {@code ${NAME}} from the model's {@code dataPaths}, else the
     * environment.
     */
    public record UnitTable(String file, String column, String statistic, String hemisphere, double validAbove,
            double validBelow) {
    }

    /**
     * The statistics' noise: their sample variance over {@code replicates} runs (other seeds) at the prior mean,
     * added to the error variance of the targets; 0 for none.
     */
    public record Noise(int replicates) {
    }

    /**
     * The smoother: {@code kind} esmda or eki; ES-MDA's schedule length or EKI's most iterations; ES-MDA's ratio
     * α_{i+1}/α_i; the relative misfit decrease below which the iterations stop (null: never).
     */
    public record Method(String kind, int iterations, double ratio, Double stopTolerance) {
        Calibration.Method parsed() {
            return Calibration.Method.parse("method.kind", kind);
        }
    }

    /** A checkpoint every {@code everyIterations} iterations (0: none), the newest {@code keep} kept. */
    public record Checkpoint(int everyIterations, int keep) {
    }

    /** The run directory (null: {@code runs/<name>}); no progress lines on the terminal. */
    public record Output(String runDir, boolean quiet) {
    }

    /** The names of the parameters, in order. */
    public String[] parameterNames() {
        return parameters.stream().map(EnsembleConfig.Parameter::name).toArray(String[]::new);
    }

    /** The number of MPI ranks the members run on. */
    public int rankCount() {
        return ranks == null ? members : ranks;
    }

    /** The {@link Calibration} this configuration runs (threads 1: the members run on ranks). */
    public Calibration calibration() {
        return new Calibration(method.parsed(), members, method.iterations(), method.ratio(),
                method.stopTolerance() == null ? Double.NEGATIVE_INFINITY : method.stopTolerance(), 1, seed);
    }
}
