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
 * most 30 % of the prior's. The second case also calibrates the damping c (dxᵢ/dt = … − c·xᵢ + F, truth 1) from
 * 200-time-unit averages (F and c trade off through F/c², so 50 units left F's posterior too wide: 34 % error).
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

    @Test
    void esmdaRecoversForcingAndDamping() {
        // truth (F, c) = (8, 1); prior F = 10·exp(0.2 z), c = 1.3·exp(0.2 z'), both log-transformed
        double[] truth = {TRUTH, 1.0};
        Calibration config = new Calibration(Calibration.Method.ESMDA, N, 4, 1.0, Double.NEGATIVE_INFINITY, 2, 2);
        ParameterTransform[] log = {new ParameterTransform.Log(), new ParameterTransform.Log()};
        Calibrator calibrator = new Calibrator(config, log, null);
        Lorenz96Moments model = new Lorenz96Moments(40, 0.025, 10, 200, 0.2);
        double[] y = model.run(truth, 20_261_203L);
        FilterRandom random = new FilterRandom(config.seed());
        double[] prior = new double[2 * N];
        for (int m = 0; m < N; m++) {
            prior[2 * m] = 10 * Math.exp(0.2 * random.nextGaussian());
            prior[2 * m + 1] = 1.3 * Math.exp(0.2 * random.nextGaussian());
        }
        double[] priorMean = EnsembleOps.mean(prior, N, 2, new double[2]);
        CalibrationResult r = calibrator.run(model, prior, y, calibrator.replicateVariance(model, priorMean, 100));
        CalibrationStep last = r.last();
        System.out.println("ESMDA (F, c): χ²/dof " + r.steps().stream().map(st -> String.format("%.3g", st.misfit())).toList());
        for (int k = 0; k < 2; k++) {
            double error = Math.abs(last.mean()[k] - truth[k]);
            double priorError = Math.abs(priorMean[k] - truth[k]);
            System.out.printf("ESMDA (F, c), parameter %d: %.3f ± %.3f, error %.3f = %.1f %% of the prior's %.3f%n", k,
                    last.mean()[k], last.sd()[k], error, 100 * error / priorError, priorError);
            assertTrue(error <= 2 * last.sd()[k], "parameter " + k + ": truth outside 2 final sd");
            assertTrue(error <= 0.3 * priorError, "parameter " + k + ": final error " + error + " > 30 % of " + priorError);
        }
    }
}
