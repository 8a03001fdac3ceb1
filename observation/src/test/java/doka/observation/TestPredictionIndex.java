package doka.observation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class TestPredictionIndex {
    private static final ObservedQuantity A = ObservedQuantity.ofArea("A");
    private static final ObservedQuantity B = ObservedQuantity.ofArea("B");
    private static final ObservedQuantity C = ObservedQuantity.ofArea("C");

    @Test
    void gathersPresentEntriesInObservationOrder() {
        // Observed: times 0.15, 0.25 × [A, B], with B missing at 0.25.
        Observations obs = new Observations("o", new double[] {0.15, 0.25}, List.of(A, B), new double[] {1, 2, 3, 0},
                new double[] {1, 1, 1, 1}, new boolean[] {false, false, false, true});
        // Operator: times 0.05, 0.15, 0.25 × [C, B, A]; value = 100·row + column.
        double[] prediction = new double[9];
        for (int i = 0; i < 9; i++) {
            prediction[i] = 100 * (i / 3) + i % 3;
        }
        PredictionIndex index = PredictionIndex.of(obs, new double[] {0.05, 0.15, 0.25}, List.of(C, B, A), 1e-9);
        assertEquals(3, index.size());
        assertArrayEquals(new double[] {102, 101, 202}, index.gather(prediction, new double[3]),
                "(0.15, A), (0.15, B), (0.25, A)");
    }

    @Test
    void refusesWhatTheOperatorDoesNotPredict() {
        Observations obs = Observations.complete("o", new double[] {0.15}, List.of(A), new double[] {1}, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> PredictionIndex.of(obs, new double[] {0.15}, List.of(B), 1e-9));
        assertThrows(IllegalArgumentException.class, () -> PredictionIndex.of(obs, new double[] {0.2}, List.of(A), 1e-9));
        PredictionIndex ok = PredictionIndex.of(obs, new double[] {0.15}, List.of(A), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ok.gather(new double[2], new double[1]));
    }
}
