package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The smoother step itself: localization between parameters and statistics, and the misfit. */
class TestEnsembleSmoother {
    /** d = p = 40 independent parameters, each observed directly: G(θ)ⱼ = θⱼ. */
    static final int D = 40;

    /** Each parameter its own domain, at distance |i − j| from statistic j. */
    static LocalDomains diagonal() {
        return new LocalDomains() {
            @Override
            public int count() {
                return D;
            }

            @Override
            public int[] stateIndices(int domain) {
                return new int[] {domain};
            }

            @Override
            public double distance(int domain, int obs) {
                return Math.abs(domain - obs);
            }
        };
    }

    @Test
    void infiniteRadiusIsTheGlobalUpdate() {
        // one domain of all parameters at infinite radius: the local path must give the global numbers
        int n = 15;
        FilterRandom r = new FilterRandom(3);
        double[] theta = new double[n * D];
        double[] g = new double[n * D];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextGaussian();
            g[i] = theta[i] + 0.3 * r.nextGaussian();
        }
        double[] y = new double[D];
        double[] variance = new double[D];
        java.util.Arrays.fill(variance, 0.5);
        double[] plain = EnsembleSmoother.update(theta, n, D, g, D, y, variance, 2.0, null, new FilterRandom(7));
        double[] local = EnsembleSmoother.update(theta, n, D, g, D, y, variance, 2.0,
                new Localization(Double.POSITIVE_INFINITY, LocalDomains.global(D)), new FilterRandom(7));
        assertArrayEquals(plain, local, 1e-12);
    }

    @Test
    void localizationRemovesSpuriousCorrelations() {
        int n = 15;
        double gamma = 0.5;
        FilterRandom r = new FilterRandom(5);
        double[] theta = new double[n * D];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextGaussian(); // prior N(0, 1), independent
        }
        double[] y = new double[D];
        double[] exact = new double[D];
        double[] variance = new double[D];
        for (int j = 0; j < D; j++) {
            y[j] = r.nextGaussian() * Math.sqrt(1 + gamma);
            exact[j] = y[j] / (1 + gamma); // the posterior mean of θⱼ: each parameter sees only its own statistic
            variance[j] = gamma;
        }
        Localization localization = new Localization(1.0, diagonal());
        double global = 0;
        double local = 0;
        for (long seed = 1; seed <= 5; seed++) {
            double[] a = EnsembleSmoother.update(theta, n, D, theta, D, y, variance, 1.0, null, new FilterRandom(seed));
            double[] b = EnsembleSmoother.update(theta, n, D, theta, D, y, variance, 1.0, localization, new FilterRandom(seed));
            global += EnsembleOps.rmse(EnsembleOps.mean(a, n, D, new double[D]), exact, 0, D) / 5;
            local += EnsembleOps.rmse(EnsembleOps.mean(b, n, D, new double[D]), exact, 0, D) / 5;
        }
        System.out.printf("N = 15, 40 parameters: posterior-mean RMSE %.3f global, %.3f localized%n", global, local);
        assertTrue(local < 0.6 * global, "localized " + local + " vs global " + global);
    }

    @Test
    void misfitIsChiSquarePerDegreeOfFreedom() {
        double[] g = {1, 2, 3, 4}; // 2 members × 2 statistics: mean (2, 3)
        assertEquals(((0 - 2) * (0 - 2) / 4.0 + (5 - 3) * (5 - 3) / 1.0) / 2, EnsembleSmoother.misfit(g, 2, 2,
                new double[] {0, 5}, new double[] {4, 1}), 1e-15);
    }
}
