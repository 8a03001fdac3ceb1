package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * Ensemble Kalman inversion on the linear-Gaussian {@link LinearInverseProblem}. In the linear case k iterations of
 * the EKI step (α = 1) with large N give the posterior of Γ/k (Iglesias, Law &amp; Stuart 2013, §3; Schillings &amp;
 * Stuart 2017, SIAM J. Numer. Anal. 55:1264): the ensemble collapses (covariance ∝ 1/k) and its mean converges to
 * the least-squares solution (HᵀΓ⁻¹H)⁻¹HᵀΓ⁻¹y, at the rate |m_k − m_LS| = O(1/k). Tolerances as in {@link TestEsmda}.
 */
class TestEki {
    static final int N = 20_000;

    final LinearInverseProblem problem = new LinearInverseProblem(5);

    private CalibrationResult run(int iterations, double tolerance) {
        return new Calibrator(Calibration.eki(N, iterations, tolerance, 1), LinearInverseProblem.identity(), null)
                .run(problem.model(), problem.prior(N, 11), problem.y, problem.variance);
    }

    @Test
    void kIterationsGiveThePosteriorOfGammaOverK() {
        for (int k : new int[] {1, 5, 25}) {
            CalibrationResult r = run(k, Double.NEGATIVE_INFINITY);
            double[] err = LinearInverseProblem.errors(r.ensemble(), N, problem.posterior(k));
            System.out.printf("EKI %d iterations against the Γ/%d posterior: mean error %.4f sd, covariance error %.4f%n",
                    k, k, err[0], err[1]);
            assertTrue(err[0] < TestEsmda.MEAN_TOL, k + " iterations: mean error " + err[0] + " sd");
            assertTrue(err[1] < TestEsmda.COV_TOL, k + " iterations: covariance error " + err[1]);
        }
    }

    @Test
    void meanConvergesToLeastSquaresAndTheEnsembleCollapses() {
        RealVector ls = problem.leastSquares();
        double prior = problem.mean0.subtract(ls).getNorm();
        double previous = Double.POSITIVE_INFINITY;
        double previousSpread = Double.POSITIVE_INFINITY;
        CalibrationResult r = run(40, Double.NEGATIVE_INFINITY);
        for (int k : new int[] {1, 5, 10, 20, 40}) {
            CalibrationStep s = r.steps().get(k);
            double distance = org.apache.commons.math3.linear.MatrixUtils.createRealVector(s.mean()).subtract(ls).getNorm();
            assertTrue(distance < previous, "iteration " + k + ": distance to least squares " + distance);
            assertTrue(s.spread() < previousSpread, "iteration " + k + ": spread " + s.spread());
            previous = distance;
            previousSpread = s.spread();
        }
        // O(1/k): at 40 iterations the analytic Γ/40 mean is this far from least squares; the ensemble is as close
        double analytic = ((RealVector) problem.posterior(40)[0]).subtract(ls).getNorm();
        System.out.printf("EKI 40 iterations: |m − m_LS| = %.5f (analytic Γ/40: %.5f, prior: %.3f)%n", previous, analytic,
                prior);
        assertTrue(previous < 1.5 * analytic + 0.01 * prior, "distance " + previous + ", analytic " + analytic);
        assertTrue(previous < 0.05 * prior, "distance " + previous + " of the prior's " + prior);
        // spread ∝ 1/√k: from iteration 10 to 40 it halves
        assertEquals(0.5, r.steps().get(40).spread() / r.steps().get(10).spread(), 0.05);
    }

    @Test
    void stopsWhenTheMisfitStopsFalling() {
        CalibrationResult r = run(40, 0.01);
        assertTrue(r.stoppedEarly(), "stopped after " + (r.steps().size() - 1) + " iterations");
        int last = r.steps().size() - 1;
        System.out.printf("EKI stopped after %d iterations, χ²/dof %.4f%n", last, r.last().misfit());
        assertTrue(last < 40);
        for (int i = 1; i < last; i++) {
            assertTrue(r.steps().get(i).misfit() <= 0.99 * r.steps().get(i - 1).misfit(), "iteration " + i + " fell");
        }
        assertTrue(r.steps().get(last).misfit() > 0.99 * r.steps().get(last - 1).misfit(), "the last did not");
        assertEquals(Double.NaN, r.last().alpha());
        assertEquals(r.steps().size() * N, r.runs());
    }
}
