package doka.enkf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a {@link Calibration} over a {@link ForwardModel}: evaluate the ensemble, record its diagnostics, stop or
 * update ({@link EnsembleSmoother#update}) in the parameters' transformed space, and repeat. Member m of iteration i
 * runs with seed {@code derive(CALIBRATION_RUN.seed(seed), i·N + m)} and the perturbations of iteration i come from
 * {@code derive(FILTER.seed(seed), i)}, so the results depend on the seed only, not on the threads.
 */
public final class Calibrator {
    private final Calibration config;
    private final ParameterTransform[] transforms;
    private final Localization localization;

    /**
     * @param transforms one per parameter (physical ↔ unbounded)
     * @param localization parameter domains and their distances to the statistics ({@link EnsembleSmoother}), or
     *                     null for none
     */
    public Calibrator(Calibration config, ParameterTransform[] transforms, Localization localization) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.transforms = transforms.clone();
        this.localization = localization;
    }

    /**
     * Calibrates from {@code prior} (N×d physical parameters) to the data {@code y} with error variances
     * {@code variance} (observation error plus the statistics' noise, e.g. {@link #replicateVariance}).
     */
    public CalibrationResult run(ForwardModel model, double[] prior, double[] y, double[] variance) {
        int n = config.members();
        int d = transforms.length;
        int p = y.length;
        if (prior.length != n * d) {
            throw new IllegalArgumentException("prior has " + prior.length + " values, expected " + n + " members × "
                    + d + " parameters");
        }
        double[] alpha = config.inflation();
        double[] physical = prior.clone();
        List<CalibrationStep> steps = new ArrayList<>();
        long runSeed = RandomStream.CALIBRATION_RUN.seed(config.seed());
        long filterSeed = RandomStream.FILTER.seed(config.seed());
        int runs = 0;
        boolean early = false;
        double[] predictions;
        for (int i = 0; ; i++) {
            long base = (long) i * n;
            predictions = evaluate(model, physical, n, d, m -> FilterRandom.derive(runSeed, base + m));
            if (predictions.length != n * p) {
                throw new IllegalStateException("the model predicts " + predictions.length / n + " statistics, the data has "
                        + p);
            }
            runs += n;
            double misfit = EnsembleSmoother.misfit(predictions, n, p, y, variance);
            double[] filter = toFilter(physical, n, d);
            boolean last = i == alpha.length;
            if (!last && i > 0 && misfit > (1 - config.stopTolerance()) * steps.get(i - 1).misfit()) {
                last = true;
                early = true;
            }
            steps.add(CalibrationStep.of(i, last ? Double.NaN : alpha[i], misfit, physical, filter, n, d));
            if (last) {
                break;
            }
            double[] updated = EnsembleSmoother.update(filter, n, d, predictions, p, y, variance, alpha[i], localization,
                    new FilterRandom(FilterRandom.derive(filterSeed, i)));
            physical = toPhysical(updated, n, d);
        }
        return new CalibrationResult(physical, predictions, List.copyOf(steps), early, runs);
    }

    /**
     * The noise of the statistics: the sample variance (denominator R − 1) of each statistic over {@code replicates}
     * runs at the fixed {@code parameters}, replicate r with seed {@code derive(REPLICATE.seed(seed), r)}. Add it to
     * the observation error variance of the data.
     */
    public double[] replicateVariance(ForwardModel model, double[] parameters, int replicates) {
        if (replicates < 2) {
            throw new IllegalArgumentException("need at least 2 replicates to estimate a variance, got " + replicates);
        }
        long seed = RandomStream.REPLICATE.seed(config.seed());
        double[] repeated = new double[replicates * parameters.length];
        for (int r = 0; r < replicates; r++) {
            System.arraycopy(parameters, 0, repeated, r * parameters.length, parameters.length);
        }
        double[] runs = evaluate(model, repeated, replicates, parameters.length, r -> FilterRandom.derive(seed, r));
        int p = runs.length / replicates;
        double[] mean = EnsembleOps.mean(runs, replicates, p, new double[p]);
        EnsembleOps.anomalies(runs, replicates, p, mean, runs);
        return EnsembleOps.columnVariance(runs, replicates, p, new double[p]);
    }

    /**
     * G (N×p, p as member 0 predicts): member m's run of its parameters with seed {@code seeds(m)}, in parallel on
     * the configured threads.
     */
    private double[] evaluate(ForwardModel model, double[] physical, int n, int d,
                              java.util.function.IntToLongFunction seeds) {
        double[] g = null;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.threads(), n));
        try {
            List<Future<double[]>> out = new ArrayList<>(n);
            for (int m = 0; m < n; m++) {
                double[] params = java.util.Arrays.copyOfRange(physical, m * d, (m + 1) * d);
                long seed = seeds.applyAsLong(m);
                out.add(pool.submit(() -> model.run(params, seed)));
            }
            int p = 0;
            for (int m = 0; m < n; m++) {
                double[] gm = out.get(m).get();
                if (g == null) {
                    p = gm.length;
                    g = new double[n * p];
                }
                if (gm.length != p) {
                    throw new IllegalStateException("member " + m + " predicted " + gm.length + " statistics, expected " + p);
                }
                System.arraycopy(gm, 0, g, m * p, p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("forward run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return g;
    }

    private double[] toFilter(double[] physical, int n, int d) {
        double[] out = new double[n * d];
        for (int i = 0; i < out.length; i++) {
            out[i] = transforms[i % d].toFilter(physical[i]);
        }
        return out;
    }

    private double[] toPhysical(double[] filter, int n, int d) {
        double[] out = new double[n * d];
        for (int i = 0; i < out.length; i++) {
            out[i] = transforms[i % d].toPhysical(filter[i]);
        }
        return out;
    }
}
