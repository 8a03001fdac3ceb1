package doka.observation.operator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import doka.observation.ObservedQuantity;

class TestPopulationRateOperator {
    /** Neurons 0-3 in area A (0,1 excitatory), 4-5 in B (4 excitatory), 6 unobserved. */
    static NeuronGroups groups() {
        return new NeuronGroups(List.of(ObservedQuantity.ofArea("A"), ObservedQuantity.ofArea("B")),
                new int[] {0, 0, 0, 0, 1, 1, -1}, new boolean[] {true, true, false, false, true, false, true});
    }

    /** Each neuron i fires regularly with period periodMs[i] from phase 0.5 ms, up to endMs. */
    static SpikeTrains regular(double[] periodMs, double endMs) {
        double[] times = new double[100_000];
        int[] ids = new int[100_000];
        int n = 0;
        for (double t = 0.5; t < endMs; t += 0.5) {
            for (int i = 0; i < periodMs.length; i++) {
                double phase = (t - 0.5) % periodMs[i];
                if (periodMs[i] > 0 && Math.abs(phase) < 1e-9) {
                    times[n] = t;
                    ids[n++] = i;
                }
            }
        }
        return new SpikeTrains(times, ids, n);
    }

    @Test
    void regularTrainsGiveTheirRates() {
        // Periods 10, 20, 5, 40, 25, 50, 1 ms → 100, 50, 200, 25, 40, 20, 1000 Hz; bins of 200 ms hold whole periods.
        SpikeTrains spikes = regular(new double[] {10, 20, 5, 40, 25, 50, 1}, 400);
        PopulationRateOperator all = new PopulationRateOperator(groups(), CellSelection.ALL, 0, 200, 2);
        double[] out = all.apply(spikes, new double[all.observationCount()]);
        double a = (100 + 50 + 200 + 25) / 4.0;
        double b = (40 + 20) / 2.0;
        assertArrayEquals(new double[] {a, b, a, b}, out, 1e-9);
        PopulationRateOperator exc = new PopulationRateOperator(groups(), CellSelection.EXCITATORY, 0, 200, 2);
        assertArrayEquals(new double[] {75, 40, 75, 40}, exc.apply(spikes, new double[4]), 1e-9);
        assertArrayEquals(new double[] {0.1, 0.3}, all.timesS(), 1e-12);
    }

    @Test
    void binsAreHalfOpen() {
        // One spike exactly on the 10 ms edge belongs to the second bin; one at 20 ms is past the end.
        SpikeTrains spikes = SpikeTrains.of(new double[] {0, 10, 20}, new int[] {4, 4, 4});
        PopulationRateOperator op = new PopulationRateOperator(groups(), CellSelection.EXCITATORY, 0, 10, 2);
        double[] out = op.apply(spikes, new double[4]);
        assertArrayEquals(new double[] {0, 100, 0, 100}, out, 1e-9, "1 spike / (1 cell × 10 ms) = 100 Hz");
    }

    @Test
    void rejectsGroupsWithoutSelectedCells() {
        NeuronGroups inhibitoryOnly = new NeuronGroups(List.of(ObservedQuantity.ofArea("A")), new int[] {0}, new boolean[] {false});
        assertThrows(IllegalArgumentException.class,
                () -> new PopulationRateOperator(inhibitoryOnly, CellSelection.EXCITATORY, 0, 1, 1));
        assertEquals(1, new PopulationRateOperator(inhibitoryOnly, CellSelection.ALL, 0, 1, 1).observationCount());
        assertThrows(IllegalArgumentException.class, () -> new PopulationRateOperator(groups(), CellSelection.ALL, 0, 0, 1));
    }
}
