package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestGaspariCohn {
    @Test
    void closedFormValues() {
        double c = 6;
        assertEquals(1.0, GaspariCohn.taper(0, c), 1e-15);
        assertEquals(5.0 / 24.0, GaspariCohn.taper(c, c), 1e-14); // both pieces give 5/24 at z = 1
        assertEquals(0.0, GaspariCohn.taper(2 * c, c), 1e-14);
        assertEquals(0.0, GaspariCohn.taper(2 * c + 1e-9, c), 0);
        // z = 1/2: −1/128 + 1/32 + 5/64 − 5/12 + 1 = 0.68489583…
        assertEquals(-1.0 / 128 + 1.0 / 32 + 5.0 / 64 - 5.0 / 12 + 1, GaspariCohn.taper(c / 2, c), 1e-14);
        // z = 3/2: 243/384 − 81/32 + 135/64 + 15/4 − 15/2 + 4 − 4/9
        double z = 1.5;
        double expected = Math.pow(z, 5) / 12 - Math.pow(z, 4) / 2 + 5 * Math.pow(z, 3) / 8 + 5 * z * z / 3 - 5 * z + 4
                - 2 / (3 * z);
        assertEquals(expected, GaspariCohn.taper(1.5 * c, c), 1e-14);
    }

    @Test
    void monotoneDecreasingAndContinuous() {
        double previous = 1;
        for (int i = 1; i <= 2000; i++) {
            double d = i * 0.001 * 2.2;
            double v = GaspariCohn.taper(d, 1);
            assertTrue(v <= previous + 1e-15, "not decreasing at " + d);
            assertTrue(previous - v < 0.01, "jump at " + d);
            previous = v;
        }
    }

    @Test
    void infiniteRadiusMeansNoTaper() {
        assertEquals(1.0, GaspariCohn.taper(1e9, Double.POSITIVE_INFINITY));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> GaspariCohn.taper(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> GaspariCohn.taper(1, 0));
    }
}
