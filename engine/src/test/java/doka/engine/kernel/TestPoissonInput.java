package doka.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import doka.engine.model.IafPscExp;

/** Poisson background: counts per neuron and step are Poisson(ν·dt), independent across neurons and steps. */
class TestPoissonInput {
    private static double[] pmf(double lambda, int n) {
        double[] p = new double[n];
        p[0] = Math.exp(-lambda);
        for (int k = 1; k < n; k++) {
            p[k] = p[k - 1] * lambda / k;
        }
        return p;
    }

    @Test
    void tableSamplerHasThePoissonDistribution() {
        for (double lambda : new double[] {0.05, 0.68, 2.32, 30}) {
            PoissonTable.Sampler sampler = new PoissonTable.Sampler(lambda);
            int draws = 400_000;
            int kmax = (int) (lambda + 10 * Math.sqrt(lambda) + 10);
            long[] hist = new long[kmax + 1];
            long key = Rng.key(1, 2, 3);
            for (int i = 0; i < draws; i++) {
                int k = sampler.sample(Rng.bits53(key, Rng.counterMix(i)));
                hist[Math.min(k, kmax)]++;
            }
            double[] p = pmf(lambda, kmax + 1);
            double chi2 = 0;
            int dof = -1;
            double pool = 0;
            long poolObs = 0;
            for (int k = 0; k <= kmax; k++) {
                pool += p[k] * draws;
                poolObs += hist[k];
                if (pool >= 20) {
                    chi2 += (poolObs - pool) * (poolObs - pool) / pool;
                    dof++;
                    pool = 0;
                    poolObs = 0;
                }
            }
            // chi-square with dof degrees of freedom: mean dof, sd √(2 dof); allow 5 sd
            assertTrue(chi2 < dof + 5 * Math.sqrt(2 * dof), "lambda " + lambda + ": chi2 " + chi2 + " dof " + dof);
        }
    }

    @Test
    void lookupTableGivesExactlyTheThresholdCount() {
        for (double lambda : new double[] {0, 0.3, 2.32, 17}) {
            long[] t = PoissonTable.thresholds(lambda);
            PoissonTable.Sampler sampler = new PoissonTable.Sampler(lambda);
            long key = Rng.key(9, 9, 9);
            for (int i = 0; i < 200_000; i++) {
                long bits = Rng.bits53(key, Rng.counterMix(i));
                assertEquals(count(t, bits), sampler.sample(bits), "lambda " + lambda + ", draw " + i);
            }
            // the thresholds themselves, where the lookup must fall back to comparisons
            for (long threshold : t) {
                if (threshold < (1L << 53)) {
                    assertEquals(count(t, threshold), sampler.sample(threshold));
                    assertEquals(count(t, threshold - 1), sampler.sample(threshold - 1));
                }
            }
        }
    }

    private static int count(long[] t, long bits) {
        int k = 0;
        while (bits >= t[k]) {
            k++;
        }
        return k;
    }

    @Test
    void backgroundCountsRecoveredFromTheSynapticCurrent() {
        int n = 200;
        int steps = 3000;
        double rateHz = 23_200; // PD14 L6e: 2900 × 8 Hz
        double weight = 87.81;
        NetworkBuilder b = new NetworkBuilder(0.1).threads(2).partitionSize(64).seed(5);
        IafPscExp.Parameters d = IafPscExp.Parameters.pd14();
        // threshold far away: the neurons only integrate
        b.addPopulation("n", n, new IafPscExp.Parameters(d.cMPf(), d.tauMMs(), d.tauSynExMs(), d.tauSynInMs(),
                d.tRefMs(), d.eLMv(), 1e9, d.vResetMv(), 0));
        try (Network net = b.build()) {
            net.population("n").setBackground(rateHz, weight);
            IafPscExp dyn = (IafPscExp) net.population("n").dynamics();
            double decay = Math.exp(-0.1 / 0.5);
            int[][] counts = new int[n][steps];
            double[] previous = new double[n];
            net.addStepObserver((network, step) -> {
                for (int i = 0; i < n; i++) {
                    double now = dyn.excitatoryCurrentPa(i);
                    counts[i][(int) step] = (int) Math.round((now - decay * previous[i]) / weight);
                    previous[i] = now;
                }
            });
            net.simulate(steps);
            double lambda = rateHz * 1e-4;
            double sum = 0;
            double sq = 0;
            double lag = 0;
            double cross = 0;
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < steps; s++) {
                    sum += counts[i][s];
                    sq += counts[i][s] * (double) counts[i][s];
                    if (s > 0) {
                        lag += (counts[i][s] - lambda) * (counts[i][s - 1] - lambda);
                    }
                    if (i > 0) {
                        cross += (counts[i][s] - lambda) * (counts[i - 1][s] - lambda);
                    }
                }
            }
            double m = n * (double) steps;
            double mean = sum / m;
            double var = sq / m - mean * mean;
            assertEquals(lambda, mean, 5 * Math.sqrt(lambda / m));
            assertEquals(lambda, var, 5 * lambda * Math.sqrt((2 + 1 / lambda) / m));
            // correlations across steps and across neurons vanish (5 standard errors of a product)
            assertEquals(0, lag / m / lambda, 5 / Math.sqrt(m));
            assertEquals(0, cross / m / lambda, 5 / Math.sqrt(m));
        }
    }
}
