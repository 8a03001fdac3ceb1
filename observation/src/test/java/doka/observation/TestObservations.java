package doka.observation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import doka.observation.error.RelativeError;

class TestObservations {
    private static final List<ObservedQuantity> AREAS = List.of(ObservedQuantity.ofArea("MOp"), new ObservedQuantity("SSp", "L23E"));

    private static Observations sample() {
        return new Observations("test", new double[] {0.1, 0.2}, AREAS, new double[] {1, 2, 3, 4},
                new double[] {0.5, 0.5, Double.NaN, 0.5}, new boolean[] {false, false, true, false});
    }

    @Test
    void indexesRowMajorAndMasksMissing() {
        Observations o = sample();
        assertEquals(2, o.value(0, 1));
        assertEquals(4, o.value(1, 1));
        assertTrue(o.isMissing(1, 0));
        assertTrue(Double.isNaN(o.value(1, 0)), "a missing entry's value is NaN whatever was passed");
        assertEquals(3, o.presentCount());
        assertArrayEquals(new double[] {1, 2, 4}, o.copyPresentValues(new double[3]));
        assertArrayEquals(new double[] {10, 20, 40}, o.gatherPresent(new double[] {10, 20, 30, 40}, new double[3]));
        assertEquals(1, o.indexOf(new ObservedQuantity("SSp", "L23E")));
        assertEquals("SSp/L23E", o.quantities().get(1).label());
        assertEquals(new ObservedQuantity("SSp", "L23E"), ObservedQuantity.parse("SSp/L23E"));
    }

    @Test
    void isImmutable() {
        double[] values = {1, 2, 3, 4};
        Observations o = Observations.complete("t", new double[] {0, 1}, AREAS, values, new double[] {1, 1, 1, 1});
        values[0] = 99;
        o.values()[1] = 99;
        assertEquals(1, o.value(0, 0));
        assertEquals(2, o.value(0, 1));
    }

    @Test
    void rejectsBadWindows() {
        double[] four = {1, 1, 1, 1};
        assertThrows(IllegalArgumentException.class,
                () -> Observations.complete("t", new double[] {0.2, 0.1}, AREAS, four, four), "times must increase");
        assertThrows(IllegalArgumentException.class,
                () -> Observations.complete("t", new double[] {0, 1}, AREAS, new double[] {1, Double.NaN, 1, 1}, four));
        assertThrows(IllegalArgumentException.class,
                () -> Observations.complete("t", new double[] {0, 1}, AREAS, four, new double[] {1, -1, 1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> Observations.complete("t", new double[] {0, 1}, AREAS, new double[3], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Observations.complete("t", new double[] {0},
                List.of(ObservedQuantity.ofArea("A"), ObservedQuantity.ofArea("A")), new double[2], new double[] {1, 1}));
    }

    @Test
    void errorModelFillsVariancesOfPresentEntries() {
        Observations o = Observations.complete("t", new double[] {0}, AREAS, new double[] {10, 0.1},
                new double[] {Double.NaN, Double.NaN});
        assertFalse(o.hasVariances());
        Observations withErrors = o.withErrors(new RelativeError(0.1, 0.5));
        assertTrue(withErrors.hasVariances());
        assertEquals(1.0, withErrors.variance(0, 0), 1e-12, "10 % of 10 is sigma 1");
        assertEquals(0.25, withErrors.variance(0, 1), 1e-12, "the floor 0.5 beats 10 % of 0.1");
    }
}
