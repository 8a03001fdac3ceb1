package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestParameterTransform {
    private final FilterRandom random = new FilterRandom(17);

    @Test
    void randomizedRoundTrips() {
        ParameterTransform log = new ParameterTransform.Log();
        ParameterTransform logit = new ParameterTransform.Logit(-2, 5);
        ParameterTransform id = new ParameterTransform.Identity();
        for (int i = 0; i < 10_000; i++) {
            double positive = Math.exp(20 * (random.nextDouble() - 0.5));
            assertEquals(positive, log.toPhysical(log.toFilter(positive)), 1e-13 * positive);
            double inside = -2 + 7 * (0.001 + 0.998 * random.nextDouble());
            assertEquals(inside, logit.toPhysical(logit.toFilter(inside)), 1e-12);
            double any = 100 * random.nextGaussian();
            assertEquals(any, id.toPhysical(id.toFilter(any)));
            // Beyond |u| ≈ 36 the physical value rounds to a bound; up to 15 the round trip keeps 1e-8.
            double u = 30 * (random.nextDouble() - 0.5);
            assertEquals(u, logit.toFilter(logit.toPhysical(u)), 1e-8);
        }
    }

    @Test
    void closedForms() {
        assertEquals(Math.log(8), new ParameterTransform.Log().toFilter(8), 1e-15);
        assertEquals(0.0, new ParameterTransform.Logit(0, 10).toFilter(5), 1e-15);
        assertEquals(Math.log(3), new ParameterTransform.Logit(0, 4).toFilter(3), 1e-15); // u = 3/4: ln(3)
    }

    @Test
    void logitSaturatesInsideBounds() {
        ParameterTransform logit = new ParameterTransform.Logit(1, 2);
        double hi = logit.toPhysical(1000);
        double lo = logit.toPhysical(-1000);
        assertTrue(hi <= 2 && hi > 1.999, "upper " + hi);
        assertTrue(lo >= 1 && lo < 1.001, "lower " + lo);
    }

    @Test
    void clearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ParameterTransform.Log().toFilter(-1));
        assertTrue(e.getMessage().contains("> 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ParameterTransform.Logit(0, 1).toFilter(1));
        assertThrows(IllegalArgumentException.class, () -> new ParameterTransform.Logit(2, 1));
        var p = assertThrows(IllegalArgumentException.class, () -> ParameterTransform.parse("sqrt"));
        assertTrue(p.getMessage().contains("sqrt"), p.getMessage());
        assertEquals(new ParameterTransform.Logit(0, 3), ParameterTransform.parse("logit:0:3"));
        assertEquals(new ParameterTransform.Log(), ParameterTransform.parse("LOG"));
    }
}
