package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import doka.enkf.EnsembleFilter.Variant;

/** The one factory of filters and the one parser of configuration words. */
class TestFilterConfig {
    private static final int GRID = 8;
    private static final IntFunction<LocalDomains> GRID_DOMAINS =
            dim -> LocalDomains.cyclicGrid(GRID, new int[] {0, 2, 4, 6}, dim);
    /** The global analyses must not ask for the model's geometry (a spiking model may have none). */
    private static final IntFunction<LocalDomains> NO_DOMAINS = dim -> {
        throw new AssertionError("the global analyses need no local domains");
    };

    @Test
    void eachKindBuildsItsAnalysis() {
        for (Variant kind : Variant.values()) {
            FilterConfig c = FilterConfig.of(kind, 1.04).withLocalization(3);
            EnsembleFilter f = c.build(GRID, GRID, kind == Variant.LETKF ? GRID_DOMAINS : NO_DOMAINS);
            assertEquals(kind, f.variant());
            assertEquals(Inflation.multiplicative(1.04), f.inflation());
            if (kind == Variant.LETKF) {
                assertEquals(3, f.localization().radius());
                assertEquals(GRID, f.localization().domains().count());
            } else {
                assertNull(f.localization(), kind + " is global");
            }
        }
    }

    @Test
    void everySettingReachesTheFilter() {
        Inflation inflation = Inflation.multiplicative(1.02).withRtpp(0.5).withAdaptive(new AdaptiveInflation(0.1, 3));
        FilterConfig c = new FilterConfig(Variant.ETKF, inflation, Double.POSITIVE_INFINITY, true, 3.5, 0.01);
        EnsembleFilter f = c.build(GRID + 2, GRID, NO_DOMAINS);
        assertSame(inflation, f.inflation());
        assertTrue(f.rotate());
        assertEquals(3.5, f.rejectionSigma());
        assertArrayEquals(new int[] {GRID, GRID + 1}, f.jitter().components(), "the jitter walks the parameters only");
        assertArrayEquals(new double[] {0.01, 0.01}, f.jitter().sd());

        EnsembleFilter plain = FilterConfig.of(Variant.ENKF, 1).build(GRID, GRID, NO_DOMAINS);
        assertFalse(plain.rotate());
        assertEquals(Double.POSITIVE_INFINITY, plain.rejectionSigma());
        assertNull(plain.jitter());
    }

    @Test
    void jitterNeedsParametersToWalk() {
        assertNull(FilterConfig.of(Variant.ETKF, 1).withJitter(0.1).build(GRID, GRID, NO_DOMAINS).jitter());
        // a zero jitter is kept: it still draws from the filter's stream, as the runs before it did
        assertArrayEquals(new double[] {0}, FilterConfig.of(Variant.ETKF, 1).withJitter(0.0)
                .build(GRID + 1, GRID, NO_DOMAINS).jitter().sd());
    }

    @Test
    void invalidValuesFailWhereTheyAreUsed() {
        var e = assertThrows(IllegalArgumentException.class, () -> FilterConfig.of(Variant.LETKF, 1)
                .withLocalization(-1).build(GRID, GRID, GRID_DOMAINS));
        assertTrue(e.getMessage().contains("localization radius"), e.getMessage());
        assertThrows(NullPointerException.class, () -> FilterConfig.of(null, 1));
    }

    @Test
    void kindsAreParsedWithTheFieldAndTheAllowedWords() {
        assertEquals(Variant.LETKF, Variant.parse("filter.kind", "letkf"));
        var e = assertThrows(IllegalArgumentException.class, () -> Variant.parse("filter.kind", "3dvar"));
        assertEquals("field 'filter.kind' is '3dvar'; expected one of [etkf, enkf, letkf]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Variant.parse("filter.kind", "ETKF"));
        assertTrue(e.getMessage().contains("'ETKF'"), "configuration words are lower case: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Variant.parse("filter.kind", null));
        assertEquals("field 'filter.kind' is null; expected one of [etkf, enkf, letkf]", e.getMessage());
        assertEquals("letkf", ConfigWords.of(Variant.LETKF));
    }

    @Test
    void transformsAreParsedWithTheFieldAndTheAllowedWords() {
        assertEquals(ParameterTransform.Kind.NONE, ParameterTransform.Kind.parse("p.transform", null));
        assertEquals(new ParameterTransform.Identity(), ParameterTransform.Kind.parse("p.transform", "none")
                .create(null, null));
        assertEquals(new ParameterTransform.Log(), ParameterTransform.Kind.parse("p.transform", "log")
                .create(null, null));
        assertEquals(new ParameterTransform.Logit(0.5, 2), ParameterTransform.Kind.parse("p.transform", "logit")
                .create(0.5, 2.0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ParameterTransform.Kind.parse("parameters[0].transform", "sqrt"));
        assertEquals("field 'parameters[0].transform' is 'sqrt'; expected one of [none, log, logit]", e.getMessage());
    }
}
