package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import doka.enkf.model.Lorenz96Moments;

/**
 * The published calibrate-from-statistics problem (Schneider et al. 2017; Cleary et al. 2021, §5): Lorenz-96's
 * forcing F from time-averaged moments (mean, variance, neighbour and lag-0.2 covariances over 50 time units), the
 * data one run of the truth F = 8, the error variance of each moment its sample variance over 100 replicate runs
 * (other initial states) at the prior mean. Prior: F = 10·exp(0.2·z), log-transformed (the drawn ensemble: mean 10.38, sd 2.07).
 * Recovery: the truth lies within 2 final standard deviations of the final mean, and the final error |F̄ − 8| is at
 * most 30 % of the prior's.
 */
class TestCalibrateLorenz96 {
    static final double TRUTH = 8.0;
    static final int N = 60;
    static final Lorenz96Moments MODEL = new Lorenz96Moments(40, 0.025, 10, 50, 0.2);
    static final ParameterTransform[] LOG = {new ParameterTransform.Log()};

    private static double[] prior(long seed) {
        FilterRandom random = new FilterRandom(seed);
        double[] f = new double[N];
        for (int m = 0; m < N; m++) {
            f[m] = 10 * Math.exp(0.2 * random.nextGaussian());
        }
        return f;
    }

    private static void recovers(Calibration config) {
        Calibrator calibrator = new Calibrator(config, LOG, null);
        double[] y = MODEL.run(new double[] {TRUTH}, 20_261_203L);
        double[] prior = prior(config.seed());
        double priorMean = EnsembleOps.mean(prior, N, 1, new double[1])[0];
        double[] noise = calibrator.replicateVariance(MODEL, new double[] {priorMean}, 100);
        CalibrationResult r = calibrator.run(MODEL, prior, y, noise);
        CalibrationStep last = r.last();
        double error = Math.abs(last.mean()[0] - TRUTH);
        double priorError = Math.abs(priorMean - TRUTH);
        StringBuilder trace = new StringBuilder();
        for (CalibrationStep s : r.steps()) {
            trace.append(String.format(" [%d: F %.3f ± %.3f, χ²/dof %.3g]", s.iteration(), s.mean()[0], s.sd()[0],
                    s.misfit()));
        }
        System.out.printf("%s: F %.3f ± %.3f, error %.3f = %.1f %% of the prior's %.3f, %d runs;%s%n", config.method(),
                last.mean()[0], last.sd()[0], error, 100 * error / priorError, priorError, r.runs(), trace);
        assertTrue(error <= 2 * last.sd()[0], "truth outside 2 final sd:" + trace);
        assertTrue(error <= 0.3 * priorError, "final error " + error + " > 30 % of the prior's " + priorError);
    }

    @Test
    void esmdaRecoversTheForcing() {
        recovers(new Calibration(Calibration.Method.ESMDA, N, 4, 1.0, Double.NEGATIVE_INFINITY, 2, 1));
    }

    @Test
    void ekiRecoversTheForcing() {
        recovers(new Calibration(Calibration.Method.EKI, N, 10, 1.0, 0.05, 2, 1));
    }
}
