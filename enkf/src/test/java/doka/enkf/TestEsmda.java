package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * ES-MDA on the linear-Gaussian {@link LinearInverseProblem}: with Σ 1/αᵢ = 1 the final ensemble's mean and
 * covariance are the exact Bayesian posterior's within sampling error.
 *
 * <p>Tolerances: N = 20,000 members from a prior with exact sample moments. The estimator of a mean from N
 * independent posterior draws has standard error σ/√N; of a covariance entry normalised by √(PᵢᵢPⱼⱼ), at most
 * √2/√N. ES-MDA's members are not independent draws (the perturbations of every iteration add noise), and over
 * seeds 1–6 the largest errors measured were 0.62/√N (mean, in posterior sd) and 2.7/√N (covariance), so the
 * tolerances are 3/√N = 0.021 sd for the mean and 5/√N = 0.035 for the covariance. The wrong schedule (4 steps
 * with α = 1, i.e. the data used 4 times) misses the posterior by far more, so the test can tell them apart.
 */
class TestEsmda {
    static final int N = 20_000;
    static final double MEAN_TOL = 3 / Math.sqrt(N);
    static final double COV_TOL = 5 / Math.sqrt(N);

    final LinearInverseProblem problem = new LinearInverseProblem(5);

    private CalibrationResult run(Calibration c) {
        return new Calibrator(c, LinearInverseProblem.identity(), null).run(problem.model(), problem.prior(c.members(), 11),
                problem.y, problem.variance);
    }

    private void samplesThePosterior(CalibrationResult r) {
        double[] err = LinearInverseProblem.errors(r.ensemble(), N, problem.posterior(1));
        System.out.printf("ES-MDA %s: mean error %.4f sd, covariance error %.4f (tolerances %.4f, %.4f)%n",
                r.steps().stream().map(st -> String.format("%.3g", st.alpha())).toList(),
                err[0], err[1], MEAN_TOL, COV_TOL);
        assertTrue(err[0] < MEAN_TOL, "mean error " + err[0] + " posterior sd, tolerance " + MEAN_TOL);
        assertTrue(err[1] < COV_TOL, "covariance error " + err[1] + ", tolerance " + COV_TOL);
    }

    @Test
    void constantScheduleSamplesTheExactPosterior() {
        CalibrationResult r = run(Calibration.esmda(N, 4, 1));
        samplesThePosterior(r);
        assertEquals(5, r.steps().size(), "the prior and 4 updates");
        assertEquals(5 * N, r.runs());
    }

    @Test
    void geometricScheduleSamplesTheExactPosterior() {
        CalibrationResult r = run(new Calibration(Calibration.Method.ESMDA, N, 4, 0.5, Double.NEGATIVE_INFINITY, 2, 1));
        samplesThePosterior(r);
    }

    @Test
    void usingTheDataFourTimesIsNotThePosterior() {
        // EKI's 4 steps of α = 1 are the posterior of Γ/4: the test's tolerance separates it from the posterior of Γ
        CalibrationResult r = run(Calibration.eki(N, 4, Double.NEGATIVE_INFINITY, 1));
        double[] wrong = LinearInverseProblem.errors(r.ensemble(), N, problem.posterior(1));
        System.out.printf("4 × α = 1 against the posterior: mean error %.4f sd, covariance error %.4f%n", wrong[0], wrong[1]);
        assertTrue(wrong[0] > 10 * MEAN_TOL || wrong[1] > 10 * COV_TOL, "Γ/4 posterior too close: " + wrong[0] + ", "
                + wrong[1]);
        double[] right = LinearInverseProblem.errors(r.ensemble(), N, problem.posterior(4));
        assertTrue(right[0] < MEAN_TOL && right[1] < COV_TOL, "Γ/4 posterior: " + right[0] + ", " + right[1]);
    }

    @Test
    void inverseFactorsSumToOne() {
        for (double ratio : new double[] {1.0, 0.7, 0.5, 0.2}) {
            for (int n = 1; n <= 8; n++) {
                double[] alpha = Calibration.geometric(n, ratio);
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += 1 / alpha[i];
                    if (i > 0) {
                        assertEquals(ratio, alpha[i] / alpha[i - 1], 1e-12);
                    }
                }
                assertEquals(1.0, sum, 1e-12, "ratio " + ratio + ", " + n + " iterations");
            }
        }
        assertArrayEquals(new double[] {4, 4, 4, 4}, Calibration.geometric(4, 1.0), 1e-12);
        // ratio 1/2: 1/α = (1, 2, 4, 8)/15
        assertArrayEquals(new double[] {15, 7.5, 3.75, 1.875}, Calibration.geometric(4, 0.5), 1e-12);
    }

    @Test
    void configurationIsChecked() {
        assertEquals(Calibration.Method.EKI, Calibration.Method.parse("calibration.method", "eki"));
        assertEquals("field 'calibration.method' is 'enkf'; expected one of [esmda, eki]", org.junit.jupiter.api.Assertions
                .assertThrows(IllegalArgumentException.class, () -> Calibration.Method.parse("calibration.method", "enkf"))
                .getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Calibration(Calibration.Method.ESMDA, 10, 4, 1.5, 0, 1, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Calibration.eki(1, 4, 0, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Calibration.eki(10, 4, 1, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Calibrator(
                Calibration.esmda(10, 2, 0), LinearInverseProblem.identity(), null).run(problem.model(), new double[7],
                problem.y, problem.variance));
    }

    @Test
    void sameSeedSameNumbersWhateverTheThreads() {
        Calibration c = new Calibration(Calibration.Method.ESMDA, 40, 3, 0.6, Double.NEGATIVE_INFINITY, 1, 9);
        ForwardModel noisy = (theta, seed) -> {
            double[] g = problem.model().run(theta, seed);
            FilterRandom r = new FilterRandom(seed);
            for (int j = 0; j < g.length; j++) {
                g[j] += 0.1 * r.nextGaussian();
            }
            return g;
        };
        double[] prior = problem.prior(40, 3);
        CalibrationResult one = new Calibrator(c, LinearInverseProblem.identity(), null).run(noisy, prior, problem.y,
                problem.variance);
        CalibrationResult two = new Calibrator(c.withThreads(2), LinearInverseProblem.identity(), null).run(noisy, prior,
                problem.y, problem.variance);
        assertArrayEquals(one.ensemble(), two.ensemble(), 0.0);
        assertArrayEquals(one.predictions(), two.predictions(), 0.0);
        CalibrationResult other = new Calibrator(new Calibration(Calibration.Method.ESMDA, 40, 3, 0.6,
                Double.NEGATIVE_INFINITY, 2, 10), LinearInverseProblem.identity(), null).run(noisy, prior, problem.y,
                problem.variance);
        assertTrue(other.ensemble()[0] != one.ensemble()[0], "another seed draws other perturbations");
    }
}
