package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import doka.engine.kernel.RankComm;
import doka.engine.kernel.ThreadRanks;
import doka.engine.member.Readout;

/** The slow input shared per area (docs/cortex.md, "Slow input"): its effect, ranks, threads, rebuilds and snapshots. */
class TestSlowInput {
    private static CortexModel withSlowInput(int threads, double sdPa) throws IOException {
        CortexModel m = TestCortexMember.small(threads);
        Map<String, ParameterSpec> p = new LinkedHashMap<>(m.parameters());
        p.put(CortexModel.SLOW_INPUT_SD, new ParameterSpec(sdPa, 0.0, 1000.0, Map.of(), Map.of()));
        p.put(CortexModel.SLOW_INPUT_TAU, new ParameterSpec(50.0, 1.0, 2000.0, Map.of(), Map.of("VISp-L", 20.0)));
        return m.withParameters(p);
    }

    private static double[] rates(CortexMember m, double ms) {
        return Arrays.stream(m.advance(ms).rateHz()).flatMapToDouble(Arrays::stream).toArray();
    }

    /** Variance over bins of each area's rate, summed over areas. */
    private static double binVariance(double[][] rateHz) {
        double total = 0;
        for (double[] r : rateHz) {
            double mean = Arrays.stream(r).average().orElse(0);
            total += Arrays.stream(r).map(v -> (v - mean) * (v - mean)).sum() / r.length;
        }
        return total;
    }

    @Test
    void aSharedSlowInputMakesEachAreasRateFluctuate() throws IOException {
        double[] variance = new double[2];
        double[] sd = {0, 150};
        for (int i = 0; i < 2; i++) {
            try (CortexMember m = CortexMember.build(withSlowInput(1, sd[i]))) {
                m.advance(200);
                variance[i] = binVariance(m.advance(1000).rateHz());
            }
        }
        assertTrue(variance[1] > 3 * variance[0], "bin-to-bin variance of the area rates without and with the slow"
                + " input: " + variance[0] + ", " + variance[1]);
    }

    @Test
    void sigmaZeroAddsNoDeviceAndLeavesTheMemberAsItWas() throws IOException {
        try (CortexMember a = CortexMember.build(TestCortexMember.small(1));
             CortexMember b = CortexMember.build(withSlowInput(1, 0))) {
            assertEquals(a.network().network().devices().size(), b.network().network().devices().size());
            assertArrayEquals(rates(a, 150), rates(b, 150), 0);
        }
    }

    @Test
    void estimatingSigmaCreatesTheInputFromTheStart() throws IOException {
        CortexModel model = withSlowInput(1, 0);
        Readout readout = new Readout(List.of(CortexModel.SLOW_INPUT_SD + "@VISp-L"), 50, 10);
        try (CortexMember m = CortexMember.build(model, CortexNetwork.loadInputs(model), null, readout)) {
            assertEquals(1, m.network().network().devices().size());
        }
    }

    private static double[] run(CortexModel model, CortexNetwork.Inputs inputs, RankComm comm) {
        try (CortexMember m = CortexMember.build(model, inputs, comm)) {
            m.advance(100);
            m.setParameter(CortexModel.LONG_RANGE_GAIN, "L", 2.0); // a rebuild: the process carries over
            m.setParameter(CortexModel.SLOW_INPUT_SD, "MOp-L", 300);
            return rates(m, 150);
        }
    }

    @Test
    void ranksThreadsAndRebuildsGiveTheSameRates() throws Exception {
        CortexModel model = withSlowInput(1, 150);
        CortexNetwork.Inputs inputs = CortexNetwork.loadInputs(model);
        double[] whole = run(model, inputs, null);
        assertArrayEquals(whole, run(withSlowInput(2, 150), inputs, null), 0, "two threads");
        List<double[]> split = ThreadRanks.run(2, comm -> run(model, inputs, comm));
        assertArrayEquals(whole, split.get(0), 0, "two ranks");
        assertArrayEquals(whole, split.get(1), 0, "two ranks");
    }

    @Test
    void aSavedStateContinuesExactlyOnOneAndTwoRanks() throws Exception {
        CortexModel model = withSlowInput(1, 150);
        CortexNetwork.Inputs inputs = CortexNetwork.loadInputs(model);
        double[] expected;
        try (CortexMember m = CortexMember.build(model, inputs)) {
            m.advance(120);
            expected = rates(m, 100);
        }
        List<byte[]> saved = ThreadRanks.run(2, comm -> {
            try (CortexMember m = CortexMember.build(model, inputs, comm)) {
                m.advance(120);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                m.saveState(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<double[]> resumed = ThreadRanks.run(2, comm -> {
            try (CortexMember m = CortexMember.build(model, inputs, comm)) {
                m.restoreState(new ByteArrayInputStream(saved.get(comm.rank())));
                return rates(m, 100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertArrayEquals(expected, resumed.get(0), 0);
        assertArrayEquals(expected, resumed.get(1), 0);
    }
}
