package doka.observation.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.observation.Observations;
import doka.observation.ObservedQuantity;
import doka.observation.ReadOptions;
import doka.observation.error.RelativeError;
import doka.observation.io.CsvObservations;
import doka.observation.io.NwbObservations;
import doka.observation.operator.CellSelection;
import doka.observation.operator.NeuronGroups;
import doka.observation.operator.PopulationRateOperator;
import doka.observation.operator.SpikeTrains;

class TestSyntheticObservations {
    @TempDir
    Path dir;

    private static final List<ObservedQuantity> AB = List.of(ObservedQuantity.ofArea("A"), ObservedQuantity.ofArea("B"));

    /** A truth run: 1000 neurons (A: 0-599, B: 600-999, every third inhibitory) firing regularly. */
    private static Observations truthThroughOperator(PopulationRateOperator op) {
        int n = 1000;
        double[] times = new double[200_000];
        int[] ids = new int[200_000];
        int count = 0;
        for (int i = 0; i < n; i++) {
            double period = 20 + (i % 7) * 5; // 20..50 ms
            for (double t = (i % 13) * 0.7; t < 1000; t += period) {
                times[count] = t;
                ids[count++] = i;
            }
        }
        double[] h = op.apply(new SpikeTrains(times, ids, count), new double[op.observationCount()]);
        return SyntheticObservations.generate("regular", op.timesS(), op.quantities(), h, new RelativeError(0.1, 0.5), 42);
    }

    private static PopulationRateOperator rateOperator() {
        int[] group = new int[1000];
        boolean[] exc = new boolean[1000];
        for (int i = 0; i < 1000; i++) {
            group[i] = i < 600 ? 0 : 1;
            exc[i] = i % 3 != 0;
        }
        return new PopulationRateOperator(new NeuronGroups(AB, group, exc), CellSelection.EXCITATORY, 0, 100, 10);
    }

    @Test
    void sameSeedSameNumbers() {
        double[] truth = {1, 2, 3, 4};
        Observations a = SyntheticObservations.generate("t", new double[] {0, 1}, AB, truth, new RelativeError(0.1, 0.1), 7);
        Observations b = SyntheticObservations.generate("t", new double[] {0, 1}, AB, truth, new RelativeError(0.1, 0.1), 7);
        Observations c = SyntheticObservations.generate("t", new double[] {0, 1}, AB, truth, new RelativeError(0.1, 0.1), 8);
        assertEquals(a, b);
        assertNotEquals(a.value(0, 0), c.value(0, 0));
        assertEquals("synthetic:t:seed=7", a.source());
    }

    @Test
    void noiseHasTheStatedVariance() {
        // 20 000 draws around 10 with σ = max(0.1·10, 0.5) = 1: standardised residuals have mean 0 and variance 1.
        int n = 20_000;
        double[] times = new double[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i;
            truth[i] = 10;
        }
        Observations o = SyntheticObservations.generate("t", times, List.of(ObservedQuantity.ofArea("A")), truth,
                new RelativeError(0.1, 0.5), 3);
        double mean = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(1.0, o.variance(i, 0), 1e-12);
            double z = o.value(i, 0) - 10;
            mean += z / n;
            sq += z * z / n;
        }
        assertTrue(Math.abs(mean) < 5 / Math.sqrt(n), "mean " + mean);
        assertTrue(Math.abs(sq - 1) < 5 * Math.sqrt(2.0 / n), "variance " + sq);
    }

    @Test
    void roundTripThroughCsvAndHdf5GivesBackTheObservations() {
        Observations synthetic = truthThroughOperator(rateOperator());
        assertEquals(20, synthetic.presentCount());
        ReadOptions model = new ReadOptions(Set.of("A", "B"), 0, 1);

        Path csv = dir.resolve("synthetic.csv");
        CsvObservations.write(synthetic, csv);
        Observations fromCsv = CsvObservations.read(csv, model);
        Path h5 = dir.resolve("synthetic.h5");
        NwbObservations.write(synthetic, h5);
        Observations fromHdf5 = NwbObservations.read(h5, model);

        for (Observations back : List.of(fromCsv, fromHdf5)) {
            assertEquals(synthetic.quantities(), back.quantities());
            assertEquals(java.util.Arrays.toString(synthetic.timesS()), java.util.Arrays.toString(back.timesS()));
            for (int t = 0; t < synthetic.timeCount(); t++) {
                for (int q = 0; q < synthetic.quantityCount(); q++) {
                    assertEquals(synthetic.value(t, q), back.value(t, q), 0.0, "values round-trip exactly");
                    // CSV stores σ = sqrt(variance); squaring it back may differ in the last bit.
                    assertEquals(synthetic.variance(t, q), back.variance(t, q), 1e-15 * synthetic.variance(t, q));
                }
            }
        }
        assertEquals(0, java.util.Arrays.compare(synthetic.variances(), fromHdf5.variances()), "HDF5 is bit-exact");
    }
}
