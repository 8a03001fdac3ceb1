package doka.engine.member;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import doka.engine.pd14.Pd14;
import doka.engine.pd14.Pd14Member;
import doka.engine.record.GroupRates;
import doka.engine.record.SpikeRecorder;
import org.junit.jupiter.api.Test;

/** The {@link Member} contract, for any spiking member, and the readout it rests on. */
public class TestMembers {
    /**
     * Builds a member, gives it {@code prior}, warms it up and advances a window; then distributes
     * {@code analysis}, snapshots, and advances {@code windows} more. A second member, built alike and
     * given {@code prior}, restores the snapshot: its estimated values are {@code analysis} and its
     * predictions those of the first, bit for bit.
     */
    public static void assertSnapshotContinues(Supplier<? extends SpikingMember> build, double[] prior,
            double[] analysis, double warmupMs, int windows) throws IOException {
        byte[] snapshot;
        double[][] expected = new double[windows][];
        try (SpikingMember a = build.get()) {
            a.distribute(prior);
            a.simulateMs(warmupMs);
            a.advance();
            a.distribute(analysis);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.snapshot(new DataOutputStream(bytes));
            snapshot = bytes.toByteArray();
            for (int w = 0; w < windows; w++) {
                a.advance();
                expected[w] = a.collect();
            }
        }
        try (SpikingMember b = build.get()) {
            b.distribute(prior);
            b.restore(new DataInputStream(new ByteArrayInputStream(snapshot)));
            assertArrayEquals(analysis, b.estimated(), 0);
            double spikes = 0;
            for (int w = 0; w < windows; w++) {
                b.advance();
                double[] got = b.collect();
                assertArrayEquals(expected[w], got, 0, "window " + w + " after the restore");
                for (double r : got) {
                    spikes += r;
                }
            }
            assertTrue(spikes > 0, "the member is silent: the comparison would prove nothing");
        }
    }

    private static Pd14Member pd14() {
        return Pd14Member.build(new Pd14.Config(0.02, 1, Pd14.Background.POISSON, 3, 1, null),
                new Readout(List.of("bgRateScaleL4", "gScale"), 100, 50));
    }

    @Test
    void aPd14MemberContinuesBitForBitFromItsSnapshot() throws IOException {
        assertSnapshotContinues(TestMembers::pd14, new double[] {1, 1}, new double[] {1.1, 0.9}, 100, 3);
    }

    @Test
    void pd14PredictsTheRatesOfItsEightPopulationsPerBin() {
        try (Pd14Member m = pd14()) {
            m.distribute(new double[] {1, 1});
            m.simulateMs(100);
            m.advance();
            assertTrue(m.collect().length == 2 * Pd14.POPULATIONS.length);
        }
    }

    @Test
    void groupRatesCountSpikesPerNeuronAndSecondInHalfOpenBins() {
        SpikeRecorder spikes = new SpikeRecorder();
        // neurons 0-1 in group 0, neurons 2-4 in group 1, neuron 5 in none; dt 0.1 ms; bins of 10 ms from 5 ms
        spikes.onSpikes(new int[] {0, 1, 2, 5, 3, 4, 0}, new long[] {40, 50, 60, 70, 149, 150, 250}, 7);
        double[] r = new GroupRates(new int[] {0, 0, 1, 1, 1, -1}).rates(spikes, 0.1, 5, 10, 2);
        // step 40 (4 ms) is before the first bin; 150 (15 ms) opens the second; 250 (25 ms) is after the last
        assertArrayEquals(new double[] {1 / (2 * 0.01), 2 / (3 * 0.01), 0, 1 / (3 * 0.01)}, r, 1e-9);
    }
}
