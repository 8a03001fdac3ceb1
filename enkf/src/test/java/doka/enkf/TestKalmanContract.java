package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

import doka.enkf.EnsembleFilter.Variant;

/**
 * The shared contract: on a linear-Gaussian problem, the ETKF (with and without rotation) and the LETKF with
 * an infinite radius reproduce the exact Kalman filter mean and covariance to rounding error over several
 * cycles, and the perturbed-observation EnKF does so within its sampling error for a large ensemble.
 */
class TestKalmanContract {
    private static final int CYCLES = 5;
    private final LinearGaussianProblem problem = new LinearGaussianProblem(11);

    @Test
    void etkfMatchesKalmanFilter() {
        assertSquareRootFilterIsExact(EnsembleFilter.of(Variant.ETKF, Inflation.NONE), 12);
    }

    @Test
    void rotatedEtkfMatchesKalmanFilter() {
        assertSquareRootFilterIsExact(new EnsembleFilter(Variant.ETKF, Inflation.NONE, true, null,
                Double.POSITIVE_INFINITY, null), 12);
    }

    @Test
    void letkfWithInfiniteRadiusMatchesKalmanFilter() {
        // One domain per state component, every observation at distance 3: with an infinite radius every
        // local analysis sees all data untapered, so the LETKF is the ETKF.
        int n = LinearGaussianProblem.N_STATE;
        LocalDomains perComponent = new LocalDomains() {
            @Override
            public int count() {
                return n;
            }

            @Override
            public int[] stateIndices(int domain) {
                return new int[] {domain};
            }

            @Override
            public double distance(int domain, int obs) {
                return 3;
            }
        };
        EnsembleFilter letkf = new EnsembleFilter(Variant.LETKF, Inflation.NONE, false,
                new Localization(Double.POSITIVE_INFINITY, perComponent, LocalExecutor.PARALLEL),
                Double.POSITIVE_INFINITY, null);
        assertSquareRootFilterIsExact(letkf, 9);
    }

    @Test
    void perturbedObservationEnkfMatchesKalmanFilterForLargeEnsembles() {
        int members = 20_000;
        int n = LinearGaussianProblem.N_STATE;
        FilterRandom random = new FilterRandom(5);
        double[] e = LinearGaussianProblem.exactEnsemble(problem.mean0, problem.cov0, members, random);
        double[] y = observation(random);
        AnalysisResult result = EnsembleFilter.of(Variant.ENKF, Inflation.NONE).assimilate(
                new ForecastEnsemble(members, n, e, LinearGaussianProblem.N_OBS, problem.predict(e, members)),
                new Observations(y, problem.r.clone()), FilterState.initial(9));
        Object[] kf = problem.kalmanAnalysis(problem.mean0, problem.cov0, y);
        RealVector mean = LinearGaussianProblem.sampleMean(result.ensemble(), members, n);
        RealMatrix cov = LinearGaussianProblem.sampleCov(result.ensemble(), members, n);
        RealVector kfMean = (RealVector) kf[0];
        RealMatrix kfCov = (RealMatrix) kf[1];
        // Sampling error of the perturbations: the mean is off by O(√(P/N)), a covariance entry by
        // O(√((PᵢᵢPⱼⱼ + Pᵢⱼ²)/N)); 5 standard errors (with the prior P, larger than Pᵃ) bound both.
        for (int i = 0; i < n; i++) {
            double se = Math.sqrt(problem.cov0.getEntry(i, i) / members);
            assertEquals(kfMean.getEntry(i), mean.getEntry(i), 5 * se, "analysis mean " + i);
            for (int j = 0; j < n; j++) {
                double p0 = problem.cov0.getEntry(i, i) * problem.cov0.getEntry(j, j)
                        + problem.cov0.getEntry(i, j) * problem.cov0.getEntry(i, j);
                assertEquals(kfCov.getEntry(i, j), cov.getEntry(i, j), 5 * Math.sqrt(p0 / members),
                        "analysis covariance " + i + "," + j);
            }
        }
    }

    @Test
    void enkfEnsembleAndObservationSpaceFormsAgree() {
        int members = 8;
        int n = LinearGaussianProblem.N_STATE;
        FilterRandom random = new FilterRandom(3);
        double[] e = LinearGaussianProblem.exactEnsemble(problem.mean0, problem.cov0, members, random);
        double[] yObs = observation(random);
        double[] predicted = problem.predict(e, members);
        EnsembleSpace space = prepare(e, predicted, yObs, members);
        double[] delta = EnkfAnalysis.innovations(space, new FilterRandom(4));
        double[] a = EnkfAnalysis.ensembleSpace(space, delta);
        double[] b = EnkfAnalysis.observationSpace(space, delta);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-10 * (1 + Math.abs(a[i])), "entry " + i);
        }
    }

    private EnsembleSpace prepare(double[] e, double[] predicted, double[] y, int members) {
        int n = LinearGaussianProblem.N_STATE;
        int p = LinearGaussianProblem.N_OBS;
        double[] mean = EnsembleOps.mean(e, members, n, new double[n]);
        double[] a = EnsembleOps.anomalies(e, members, n, mean, new double[members * n]);
        double[] yMean = EnsembleOps.mean(predicted, members, p, new double[p]);
        double[] yw = EnsembleOps.anomalies(predicted, members, p, yMean, new double[members * p]);
        double[] dy = new double[p];
        for (int j = 0; j < p; j++) {
            double s = Math.sqrt(problem.r[j]);
            dy[j] = (y[j] - yMean[j]) / s;
            for (int m = 0; m < members; m++) {
                yw[m * p + j] /= s;
            }
        }
        return new EnsembleSpace(members, n, p, mean, a, yw, dy, new int[] {0, 1, 2, 3});
    }

    private double[] observation(FilterRandom random) {
        double[] y = new double[LinearGaussianProblem.N_OBS];
        for (int j = 0; j < y.length; j++) {
            y[j] = 3 * random.nextGaussian();
        }
        return y;
    }

    private void assertSquareRootFilterIsExact(EnsembleFilter filter, int members) {
        int n = LinearGaussianProblem.N_STATE;
        FilterRandom random = new FilterRandom(21);
        double[] e = LinearGaussianProblem.exactEnsemble(problem.mean0, problem.cov0, members, random);
        RealVector kfMean = problem.mean0;
        RealMatrix kfCov = problem.cov0;
        FilterState state = FilterState.initial(2);
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            if (cycle > 0) {
                e = problem.forecast(e, members);
                kfMean = problem.m.operate(kfMean);
                kfCov = problem.m.multiply(kfCov).multiply(problem.m.transpose());
            }
            double[] y = observation(random);
            AnalysisResult result = filter.assimilate(
                    new ForecastEnsemble(members, n, e, LinearGaussianProblem.N_OBS, problem.predict(e, members)),
                    new Observations(y, problem.r.clone()), state);
            Object[] kf = problem.kalmanAnalysis(kfMean, kfCov, y);
            kfMean = (RealVector) kf[0];
            kfCov = (RealMatrix) kf[1];
            e = result.ensemble();
            state = result.state();
            RealVector mean = LinearGaussianProblem.sampleMean(e, members, n);
            RealMatrix cov = LinearGaussianProblem.sampleCov(e, members, n);
            for (int i = 0; i < n; i++) {
                assertEquals(kfMean.getEntry(i), mean.getEntry(i), 1e-9 * (1 + Math.abs(kfMean.getEntry(i))),
                        "cycle " + cycle + " mean " + i);
                for (int j = 0; j < n; j++) {
                    assertEquals(kfCov.getEntry(i, j), cov.getEntry(i, j), 1e-9 * (1 + Math.abs(kfCov.getEntry(i, i))),
                            "cycle " + cycle + " covariance " + i + "," + j);
                }
            }
        }
    }
}
