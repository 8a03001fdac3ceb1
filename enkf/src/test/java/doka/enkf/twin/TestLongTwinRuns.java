package doka.enkf.twin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import doka.enkf.EnsembleFilter.Variant;
import doka.enkf.FilterConfig;

/**
 * The full-length runs of docs/enkf.md (10,000 cycles, several seeds), with bounds tighter than the default
 * suite's: the published value plus 0.015. Opt-in: {@code mvn -Pslow -pl enkf test -Dtest=TestLongTwinRuns}.
 */
@Tag("slow")
class TestLongTwinRuns {
    private static final HiddenMarkovModel L96 = HiddenMarkovModel.lorenz96Sakov2008();

    private static void assertBelow(TwinExperiment xp, double bound) {
        for (long seed = 1; seed <= 3; seed++) {
            TwinSummary s = xp.withCycles(10_000).withSeed(seed).run();
            assertTrue(s.rmseAnalysis() < bound, s.describe());
        }
    }

    @Test
    void etkfN20() {
        assertBelow(TwinExperiment.of(L96, Variant.ETKF, 20, 1.04), 0.215); // published 0.20
    }

    @Test
    void perturbedObservationsN40() {
        assertBelow(TwinExperiment.of(L96, Variant.ENKF, 40, 1.06), 0.235); // published 0.22
    }

    @Test
    void letkfN10() {
        assertBelow(TwinExperiment.of(L96, FilterConfig.of(Variant.LETKF, 1.04).withLocalization(6), 10), 0.235); // LETKF N=7: 0.22
    }
}
