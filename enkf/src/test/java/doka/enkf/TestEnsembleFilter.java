package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import doka.enkf.EnsembleFilter.Variant;

class TestEnsembleFilter {
    private static final int N = 10;
    private static final int DIM = 4;
    private final FilterRandom random = new FilterRandom(12);

    private ForecastEnsemble forecast() {
        double[] e = new double[N * DIM];
        for (int i = 0; i < e.length; i++) {
            e[i] = random.nextGaussian();
        }
        // observe components 0, 1, 2 directly
        double[] y = new double[N * 3];
        for (int m = 0; m < N; m++) {
            System.arraycopy(e, m * DIM, y, m * 3, 3);
        }
        return new ForecastEnsemble(N, DIM, e, 3, y);
    }

    @Test
    void outliersAreRejectedAndCounted() {
        ForecastEnsemble f = forecast();
        // Innovation of the middle observation: 100 standard deviations.
        Observations obs = new Observations(new double[] {0.1, 100, -0.2}, new double[] {1, 1, 1});
        EnsembleFilter filter = new EnsembleFilter(Variant.ETKF, Inflation.NONE, false, null, 4, null);
        AnalysisResult r = filter.assimilate(f, obs, FilterState.initial(1));
        assertEquals(1, r.stats().observationsRejected());
        assertEquals(2, r.stats().observationsUsed());
        // Without the outlier the analysis equals that of the two remaining observations.
        ForecastEnsemble two = new ForecastEnsemble(N, DIM, f.states(), 2, dropColumn(f.predicted(), 3, 1));
        AnalysisResult reference = EnsembleFilter.of(Variant.ETKF, Inflation.NONE)
                .assimilate(two, new Observations(new double[] {0.1, -0.2}, new double[] {1, 1}), FilterState.initial(1));
        assertArrayEquals(reference.ensemble(), r.ensemble(), 1e-12);
        AnalysisResult kept = EnsembleFilter.of(Variant.ETKF, Inflation.NONE).assimilate(f, obs, FilterState.initial(1));
        assertEquals(0, kept.stats().observationsRejected());
    }

    private static double[] dropColumn(double[] a, int cols, int drop) {
        double[] out = new double[a.length / cols * (cols - 1)];
        int k = 0;
        for (int i = 0; i < a.length; i++) {
            if (i % cols != drop) {
                out[k++] = a[i];
            }
        }
        return out;
    }

    @Test
    void windowWithEveryObservationRejectedKeepsTheForecast() {
        ForecastEnsemble f = forecast();
        Observations far = new Observations(new double[] {50, -50, 50}, new double[] {1, 1, 1});
        for (Variant v : Variant.values()) {
            EnsembleFilter filter = new EnsembleFilter(v, Inflation.NONE, false,
                    new Localization(2, LocalDomains.global(DIM)), 3, null);
            AnalysisResult r = filter.assimilate(f, far, FilterState.initial(1));
            assertEquals(3, r.stats().observationsRejected(), v.name());
            assertEquals(0, r.stats().observationsUsed());
            assertArrayEquals(f.states(), r.ensemble(), 1e-15, v.name());
        }
    }

    @Test
    void sameStateSameNumbersAndResumeIsBitForBit() {
        ForecastEnsemble f = forecast();
        Observations obs = new Observations(new double[] {0.3, -0.5, 1.0}, new double[] {0.5, 0.5, 2});
        for (Variant v : new Variant[] {Variant.ENKF, Variant.ETKF}) {
            EnsembleFilter filter = new EnsembleFilter(v, Inflation.multiplicative(1.05), true, null,
                    Double.POSITIVE_INFINITY, new ParameterJitter(new int[] {3}, new double[] {0.1}));
            AnalysisResult first = filter.assimilate(f, obs, FilterState.initial(42));
            AnalysisResult again = filter.assimilate(f, obs, FilterState.initial(42));
            assertArrayEquals(first.ensemble(), again.ensemble(), 0.0, v + " is not reproducible");
            // Second window from the state restored from its bytes, against the state kept in memory.
            FilterState restored = FilterState.fromBytes(first.state().toBytes());
            AnalysisResult direct = filter.assimilate(f, obs, first.state());
            AnalysisResult resumed = filter.assimilate(f, obs, restored);
            assertArrayEquals(direct.ensemble(), resumed.ensemble(), 0.0);
            assertEquals(2, resumed.state().window());
            AnalysisResult other = filter.assimilate(f, obs, FilterState.initial(43));
            assertNotEquals(first.ensemble()[DIM * N - 1], other.ensemble()[DIM * N - 1]);
        }
    }

    @Test
    void jitterKeepsTheMeanAndSpreadsTheParameter() {
        ForecastEnsemble f = forecast();
        Observations obs = new Observations(new double[] {0, 0, 0}, new double[] {1, 1, 1});
        EnsembleFilter plain = EnsembleFilter.of(Variant.ETKF, Inflation.NONE);
        double[] a = plain.assimilate(f, obs, FilterState.initial(1)).ensemble();
        double[] b = new EnsembleFilter(Variant.ETKF, Inflation.NONE, false, null, Double.POSITIVE_INFINITY,
                new ParameterJitter(new int[] {3}, new double[] {0.5})).assimilate(f, obs, FilterState.initial(1))
                .ensemble();
        double[] ma = EnsembleOps.mean(a, N, DIM, new double[DIM]);
        double[] mb = EnsembleOps.mean(b, N, DIM, new double[DIM]);
        assertArrayEquals(ma, mb, 1e-12);
        assertNotEquals(a[3], b[3]);
        assertEquals(a[2], b[2]);
    }

    @Test
    void adaptiveInflationIsCarriedInTheState() {
        ForecastEnsemble f = forecast();
        Observations far = new Observations(new double[] {3, -3, 3}, new double[] {0.1, 0.1, 0.1});
        EnsembleFilter filter = EnsembleFilter.of(Variant.ETKF,
                Inflation.NONE.withAdaptive(new AdaptiveInflation(0.5, 5)));
        AnalysisResult r = filter.assimilate(f, far, FilterState.initial(1));
        assertTrue(r.state().adaptiveInflation() > 1, "innovations far larger than the spread inflate");
        assertEquals(r.state().adaptiveInflation(), r.stats().adaptiveInflation());
    }

    @Test
    void badInputNamesWhatIsWrong() {
        ForecastEnsemble f = forecast();
        EnsembleFilter filter = EnsembleFilter.of(Variant.ETKF, Inflation.NONE);
        var e = assertThrows(IllegalArgumentException.class, () -> filter.assimilate(f,
                new Observations(new double[] {1, 2}, new double[] {1, 1}), FilterState.initial(1)));
        assertTrue(e.getMessage().contains("2 observations"), e.getMessage());
        double[] states = f.states().clone();
        states[DIM + 2] = Double.NaN;
        var nan = assertThrows(IllegalArgumentException.class,
                () -> new ForecastEnsemble(N, DIM, states, 3, f.predicted()));
        assertTrue(nan.getMessage().contains("state 2 of member 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ForecastEnsemble(N, DIM, new double[5], 3, f.predicted()));
        var var = assertThrows(IllegalArgumentException.class,
                () -> new Observations(new double[] {1}, new double[] {0}));
        assertTrue(var.getMessage().contains("observation 0"), var.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EnsembleFilter.of(Variant.LETKF, Inflation.NONE));
    }

    @Test
    void letkfGivesTheSameNumbersOnAnyThreadCount() {
        int members = 8;
        int grid = 30;
        double[] e = new double[members * grid];
        for (int i = 0; i < e.length; i++) {
            e[i] = random.nextGaussian();
        }
        int[] observed = new int[grid / 2];
        double[] values = new double[observed.length];
        double[] predicted = new double[members * observed.length];
        for (int j = 0; j < observed.length; j++) {
            observed[j] = 2 * j;
            values[j] = random.nextGaussian();
            for (int m = 0; m < members; m++) {
                predicted[m * observed.length + j] = e[m * grid + observed[j]];
            }
        }
        ForecastEnsemble f = new ForecastEnsemble(members, grid, e, observed.length, predicted);
        Observations obs = Observations.withVariance(values, 0.5);
        LocalDomains domains = LocalDomains.cyclicGrid(grid, observed, grid);
        double[][] results = new double[2][];
        LocalExecutor[] executors = {LocalExecutor.SEQUENTIAL, LocalExecutor.PARALLEL};
        for (int k = 0; k < 2; k++) {
            EnsembleFilter letkf = new EnsembleFilter(Variant.LETKF, Inflation.multiplicative(1.02), true,
                    new Localization(3, domains, executors[k]), Double.POSITIVE_INFINITY, null);
            results[k] = letkf.assimilate(f, obs, FilterState.initial(5)).ensemble();
        }
        assertArrayEquals(results[0], results[1], 0.0);
    }
}
