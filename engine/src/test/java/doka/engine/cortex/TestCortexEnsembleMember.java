package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;

import doka.engine.member.Readout;
import doka.engine.member.TestMembers;
import org.junit.jupiter.api.Test;

/** {@link CortexMember} through the ensemble's {@link doka.engine.member.Member} interface. */
class TestCortexEnsembleMember {
    private static final Readout READOUT = new Readout(List.of(CortexModel.LONG_RANGE_GAIN,
            CortexModel.BACKGROUND_SCALE + "@L", CortexModel.G_E + "@" + "MOp-L"), 100, 50);

    private static CortexMember build() throws IOException {
        CortexModel m = TestCortexMember.small(1);
        return CortexMember.build(m, CortexNetwork.loadInputs(m), null, READOUT);
    }

    @Test
    void estimatedStartAtTheModelsValuesAndFollowWhatIsDistributed() throws IOException {
        try (CortexMember m = build()) {
            // long-range gain defaults to 1, the background scale to 1; the model file sets g_E to 3.5
            assertArrayEquals(new double[] {1, 1, 3.5}, m.estimated(), 0);
            m.distribute(new double[] {0.8, 1.2, 4});
            assertArrayEquals(new double[] {0.8, 1.2, 4}, m.estimated(), 0);
            assertEquals(1.2, m.parameter(CortexModel.BACKGROUND_SCALE).hemisphere().get("L"), 0);
            assertEquals(4, m.parameter(CortexModel.G_E).area().get("MOp-L"), 0);
        }
    }

    @Test
    void predictionsAreTheAreaRatesOfEachObservationBin() throws IOException {
        try (CortexMember m = build()) {
            m.simulateMs(100);
            m.advance();
            double[] predicted = m.collect();
            int areas = m.network().atlas().areas().size();
            assertEquals(2 * areas, predicted.length);
            // the 10 ms model bins average into 50 ms observation bins: the recorder's own rates
            double[] fine = m.recorder().rateHz(0, -1, null);
            double mean = 0;
            for (int b = 5; b < 10; b++) {
                mean += fine[b];
            }
            assertEquals(mean / 5, predicted[areas], 1e-12);
        }
    }

    /**
     * A structural parameter that differs from the one the member was built with: the restore applies
     * it first, so the saved state is read into a network of the same structure (a network built
     * differently refuses it).
     */
    @Test
    void aSnapshotAfterAStructuralChangeContinuesBitForBit() throws IOException {
        double[] prior = {1, 1, 3.5};
        double[] analysis = {0.5, 1.1, 4};
        TestMembers.assertSnapshotContinues(CortexMemberTest::build, prior, analysis, 100, 3);
    }

    @Test
    void anObservationBinThatIsNotAMultipleOfTheModelsBinIsRefused() throws IOException {
        CortexModel m = TestCortexMember.small(1);
        var e = assertThrows(IllegalArgumentException.class, () -> CortexMember.build(m, CortexNetwork.loadInputs(m), null,
                new Readout(List.of(), 100, 25)));
        assertNotEquals(-1, e.getMessage().indexOf("run.binMs 10"), e.getMessage());
    }

    /** Builds members for the shared contract test. */
    private static final class CortexMemberTest {
        static CortexMember build() {
            try {
                return TestCortexEnsembleMember.build();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
