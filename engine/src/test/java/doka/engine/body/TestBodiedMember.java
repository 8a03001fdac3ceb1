package doka.engine.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.engine.member.Readout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member with a body on one rank (the body steps beside the brain, the arithmetic of the ranks'
 * exchange without the communication; the launcher's tests run it over MPJ ranks): lock-step
 * windows, predictions with joint angles, snapshots that continue bit for bit, the motor map.
 */
class TestBodiedMember {
    private static final Path MODEL = Path.of("..", "ensembles", "models", "body-forelimb.json").toAbsolutePath().normalize();
    private static final Readout READOUT = new Readout(List.of("g_E"), 50, 10);

    @BeforeEach
    void mujoco() {
        MuJoCoAvailable.assume();
    }

    private static BodiedMember member(int threads) throws IOException {
        CortexModel m = CortexModel.read(MODEL, Map.of()).withDensityScale(0.02);
        CortexModel.RunSpec r = m.run();
        m = m.withRun(new CortexModel.RunSpec(r.dtMs(), r.tSimMs(), r.warmupMs(), r.binMs(), r.seed(), threads));
        return BodiedMember.build(m, CortexNetwork.loadInputs(m), BodySpec.read(MODEL), null, READOUT);
    }

    /** Through the stimulation (500–800 ms): the warm-up, then windows of 50 ms. */
    private static double[] windows(BodiedMember member, int count) {
        double[] all = new double[0];
        for (int w = 0; w < count; w++) {
            member.advance();
            double[] y = member.collect();
            all = Arrays.copyOf(all, all.length + y.length);
            System.arraycopy(y, 0, all, all.length - y.length, y.length);
        }
        return all;
    }

    @Test
    void predictionsHoldEachBinsRatesThenJointAnglesAndContinueBitForBitFromASnapshot() throws IOException {
        byte[] saved;
        double[] straight;
        double[] senses;
        try (BodiedMember m = member(1)) {
            m.simulateMs(500);
            assertEquals(50, m.exchanges(), "one exchange per 10 ms");
            double[] first = windows(m, 2);
            // 5 bins of (2 areas + 3 joints)
            assertEquals(2 * 5 * 5, first.length);
            assertTrue(Math.abs(first[5 * 4 + 3]) > 0, "the elbow has an angle: " + Arrays.toString(first));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            m.snapshot(new DataOutputStream(bytes));
            saved = bytes.toByteArray();
            senses = m.limb().signals();
            straight = windows(m, 3);
        }
        try (BodiedMember m = member(1)) {
            m.restore(new DataInputStream(new ByteArrayInputStream(saved)));
            // the senses the brain gets next are those of the saved state (muscle lengths included)
            assertArrayEquals(senses, m.limb().signals());
            assertArrayEquals(straight, windows(m, 3));
        }
    }

    @Test
    void theSameSeedGivesTheSameBodyForOneOrTwoThreads() throws IOException {
        double[] one;
        try (BodiedMember m = member(1)) {
            m.simulateMs(500);
            one = windows(m, 2);
        }
        try (BodiedMember m = member(2)) {
            m.simulateMs(500);
            assertArrayEquals(one, windows(m, 2));
        }
    }

    @Test
    void theMotorMapTurnsAPoolsRateIntoAnActivation() throws IOException {
        BodySpec spec = BodySpec.read(MODEL);
        try (Limb limb = new Limb(spec, null)) {
            limb.setPoolSizes(new long[] {10, 10, 10, 10, 10, 10});
            // 10 cells over 10 ms: 1 spike is 10 Hz per cell; baseline 10 Hz, saturation 40 Hz
            assertEquals(0, limb.activation(0, 0));
            assertEquals(0, limb.activation(0, 1));
            assertEquals((20 - 10) / 30.0, limb.activation(0, 2), 1e-15);
            assertEquals(0.3 * (30 - 10) / 30.0, limb.activation(1, 3), 1e-15, "extensor gain 0.3");
            assertEquals(1, limb.activation(0, 100));
            assertEquals(12, limb.channels());
            double[] s = limb.signals();
            for (double x : s) {
                assertTrue(x >= 0 && x <= 1, Arrays.toString(s));
            }
            // hanging at rest: shoulder angle 0 in [-45, 90] deg, velocity 0 -> 0.5
            assertEquals(45.0 / 135.0, s[0], 1e-12);
            assertEquals(0.5, s[3], 1e-12);
        }
    }

    @Test
    void poolsSplitTheCellsInOrderAndTheLinkFindsTheirBounds() {
        CellPools p = new CellPools(100, 117, 6);
        long[] sizes = p.sizes();
        assertEquals(17, Arrays.stream(sizes).sum());
        for (long s : sizes) {
            assertTrue(s == 2 || s == 3, Arrays.toString(sizes));
        }
        assertEquals(-1, p.poolOf(99));
        assertEquals(-1, p.poolOf(117));
        for (int ch = 0; ch < 6; ch++) {
            int lo = 100 + (int) Math.ceil((double) ch * 17 / 6);
            assertEquals(ch, p.poolOf(lo));
            assertFalse(lo > 100 && p.poolOf(lo - 1) == ch, "pool " + ch + " starts at " + lo);
        }
        assertThrows(IllegalArgumentException.class, () -> new CellPools(0, 3, 6));
    }
}
