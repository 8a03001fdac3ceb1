package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TestInflation {
    private static final int N = 5;
    private static final int DIM = 3;
    private final FilterRandom random = new FilterRandom(4);

    private double[] ensemble(double scale) {
        double[] e = new double[N * DIM];
        for (int i = 0; i < e.length; i++) {
            e[i] = scale * random.nextGaussian() + (i % DIM);
        }
        return e;
    }

    private static double[] anomalies(double[] e) {
        double[] mean = EnsembleOps.mean(e, N, DIM, new double[DIM]);
        return EnsembleOps.anomalies(e, N, DIM, mean, new double[N * DIM]);
    }

    @Test
    void multiplicativeScalesAnalysisAnomaliesAboutTheMean() {
        double[] analysis = ensemble(1);
        double[] before = analysis.clone();
        Inflation.multiplicative(1.5).applyPosterior(analysis, anomalies(ensemble(2)), N, DIM);
        double[] m0 = EnsembleOps.mean(before, N, DIM, new double[DIM]);
        double[] m1 = EnsembleOps.mean(analysis, N, DIM, new double[DIM]);
        double[] a0 = anomalies(before);
        double[] a1 = anomalies(analysis);
        for (int c = 0; c < DIM; c++) {
            assertEquals(m0[c], m1[c], 1e-12);
        }
        for (int i = 0; i < a0.length; i++) {
            assertEquals(1.5 * a0[i], a1[i], 1e-12);
        }
    }

    @Test
    void rtppWithAlphaOneRestoresForecastPerturbations() {
        double[] analysis = ensemble(0.3);
        double[] forecastAnomalies = anomalies(ensemble(2));
        new Inflation(1, 0, 1, null).applyPosterior(analysis, forecastAnomalies, N, DIM);
        double[] a = anomalies(analysis);
        for (int i = 0; i < a.length; i++) {
            assertEquals(forecastAnomalies[i], a[i], 1e-12);
        }
    }

    @Test
    void rtpsRelaxesSpreadLinearly() {
        double[] analysis = ensemble(0.3);
        double[] forecastAnomalies = anomalies(ensemble(2));
        double[] sa = EnsembleOps.columnVariance(anomalies(analysis), N, DIM, new double[DIM]);
        double[] sf = EnsembleOps.columnVariance(forecastAnomalies, N, DIM, new double[DIM]);
        double alpha = 0.7;
        new Inflation(1, alpha, 0, null).applyPosterior(analysis, forecastAnomalies, N, DIM);
        double[] s = EnsembleOps.columnVariance(anomalies(analysis), N, DIM, new double[DIM]);
        for (int c = 0; c < DIM; c++) {
            // σ_new = (1 − α)σᵃ + ασᶠ
            assertEquals((1 - alpha) * Math.sqrt(sa[c]) + alpha * Math.sqrt(sf[c]), Math.sqrt(s[c]), 1e-12);
        }
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Inflation(0, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Inflation(1, 1.5, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Inflation(1, 0.5, 0.5, null));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveInflation(0, 2));
    }

    @Test
    void adaptiveEstimateRecoversAnUnderdispersedEnsemble() {
        // Truth and observations drawn from N(0, P + R) with P = 4 but an ensemble claiming P = 1: λ ≈ 4.
        int members = 50;
        int p = 2000;
        double[] y = new double[members * p];
        double[] dy = new double[p];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextGaussian(); // whitened anomalies with unit variance (R = 1)
        }
        double[] mean = EnsembleOps.mean(y, members, p, new double[p]);
        EnsembleOps.anomalies(y, members, p, mean, y);
        double[] var = EnsembleOps.columnVariance(y, members, p, new double[p]);
        for (int j = 0; j < p; j++) {
            dy[j] = Math.sqrt(4 * var[j] + 1) * random.nextGaussian();
        }
        double estimate = AdaptiveInflation.estimate(members, p, y, dy);
        assertEquals(4.0, estimate, 0.5); // sd of the estimate ≈ √(2p)·5/p ≈ 0.16
        AdaptiveInflation adaptive = new AdaptiveInflation(0.1, 3);
        assertEquals(1.3, adaptive.update(1.0, estimate) , 0.06);
        assertEquals(3.0, adaptive.update(2.9, 100));
        assertEquals(1.0, adaptive.update(1.0, -5));
    }
}
