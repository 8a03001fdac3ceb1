package doka.observation.operator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import doka.observation.ObservedQuantity;

class TestCalciumFluorescenceOperator {
    private static final CalciumKernel KERNEL = new CalciumKernel(10, 100, 0.5, Double.POSITIVE_INFINITY);

    private static NeuronGroups oneArea(int neurons) {
        return new NeuronGroups(List.of(ObservedQuantity.ofArea("V1")), new int[neurons], filled(neurons));
    }

    private static boolean[] filled(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    /** Closed form of one spike at 0: A (e^{-t/τd} − e^{-t/τr}) / (e^{-tp/τd} − e^{-tp/τr}). */
    private static double closedForm(double t) {
        double tp = 100.0 * 10.0 / 90.0 * Math.log(10.0);
        return t < 0 ? 0 : 0.5 * (Math.exp(-t / 100) - Math.exp(-t / 10)) / (Math.exp(-tp / 100) - Math.exp(-tp / 10));
    }

    @Test
    void singleSpikeFollowsTheDoubleExponential() {
        double tp = KERNEL.peakTimeMs();
        assertEquals(1000.0 / 90.0 * Math.log(10), tp, 1e-12);
        assertEquals(0.5, KERNEL.response(tp), 1e-12, "peak equals the amplitude");
        double[] samples = {0, 1, 5, tp, 50, 100, 400};
        CalciumFluorescenceOperator op = new CalciumFluorescenceOperator(oneArea(1), CellSelection.ALL, KERNEL);
        double[] out = op.apply(SpikeTrains.of(new double[] {0}, new int[] {0}), samples, new double[samples.length]);
        for (int k = 0; k < samples.length; k++) {
            assertEquals(closedForm(samples[k]), out[k], 1e-12, "t = " + samples[k]);
        }
        // Numerically: nothing beats the analytic peak.
        for (double t = 0; t < 200; t += 0.01) {
            assertTrue(KERNEL.response(t) <= 0.5 + 1e-12);
        }
    }

    @Test
    void spikesSuperposeAndAreaAveragesIncludeSilentCells() {
        // Neuron 0 spikes at 0 and 30 ms; neuron 1 at 10 ms; neurons 2, 3 silent. Mean over 4 cells.
        double[] samples = {40, 80, 250};
        CalciumFluorescenceOperator op = new CalciumFluorescenceOperator(oneArea(4), CellSelection.ALL, KERNEL);
        double[] out = op.apply(SpikeTrains.of(new double[] {0, 10, 30}, new int[] {0, 1, 0}), samples, new double[3]);
        for (int k = 0; k < samples.length; k++) {
            double t = samples[k];
            double expected = (closedForm(t) + closedForm(t - 30) + closedForm(t - 10)) / 4;
            assertEquals(expected, out[k], 1e-12);
        }
    }

    @Test
    void saturationActsPerCellBeforeAveraging() {
        CalciumKernel saturating = new CalciumKernel(10, 100, 0.5, 1.0);
        assertEquals(2.0 / 3.0, saturating.saturate(2.0), 1e-15, "x / (1 + x / Fsat) at x = 2, Fsat = 1");
        double t = 40;
        double[] spikes = new double[5];
        java.util.Arrays.fill(spikes, 0.0);
        CalciumFluorescenceOperator op = new CalciumFluorescenceOperator(oneArea(2), CellSelection.ALL, saturating);
        double[] out = op.apply(SpikeTrains.of(spikes, new int[] {0, 0, 0, 0, 0}), new double[] {t}, new double[1]);
        double x = 5 * closedForm(t);
        assertEquals(x / (1 + x) / 2, out[0], 1e-12, "five spikes in cell 0 saturate; cell 1 is dark");
    }

    @Test
    void windowsChainExactly() {
        double[] times = {1, 7, 12, 55, 61, 130, 140};
        int[] ids = {0, 1, 0, 2, 1, 0, 2};
        double[] samples = {20, 60, 100, 150, 190};
        CalciumFluorescenceOperator once = new CalciumFluorescenceOperator(oneArea(3), CellSelection.ALL, KERNEL);
        double[] whole = once.apply(SpikeTrains.of(times, ids), samples, new double[5]);
        CalciumFluorescenceOperator chained = new CalciumFluorescenceOperator(oneArea(3), CellSelection.ALL, KERNEL);
        double[] first = chained.apply(new SpikeTrains(times, ids, 4), new double[] {20}, new double[1]);
        double[] rest = chained.apply(new SpikeTrains(java.util.Arrays.copyOfRange(times, 4, 7),
                java.util.Arrays.copyOfRange(ids, 4, 7), 3), new double[] {60, 100, 150, 190}, new double[4]);
        assertEquals(whole[0], first[0], 1e-15);
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, 1, 5), rest, 1e-14,
                "the spike at 55 ms, absorbed after the first window's last sample, shines in the second");
        chained.reset();
        assertEquals(0.0, chained.apply(SpikeTrains.of(new double[0], new int[0]), new double[] {200}, new double[1])[0]);
    }

    @Test
    void longGapsBetweenSpikesStayExact() {
        // Spikes 10 s apart with no sample in between: the traces are rebased instead of overflowing.
        double[] times = {0, 10_000, 60_000};
        double[] samples = {10_010, 60_000 + KERNEL.peakTimeMs()};
        CalciumFluorescenceOperator op = new CalciumFluorescenceOperator(oneArea(1), CellSelection.ALL, KERNEL);
        double[] out = op.apply(SpikeTrains.of(times, new int[] {0, 0, 0}), samples, new double[2]);
        assertEquals(closedForm(10_010) + closedForm(10), out[0], 1e-12);
        assertEquals(0.5, out[1], 1e-12);
    }

    @Test
    void rejectsUnsortedSpikesAndBadKernels() {
        CalciumFluorescenceOperator op = new CalciumFluorescenceOperator(oneArea(1), CellSelection.ALL, KERNEL);
        assertThrows(IllegalArgumentException.class,
                () -> op.apply(SpikeTrains.of(new double[] {5, 3}, new int[] {0, 0}), new double[] {10}, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> new CalciumKernel(100, 10, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new CalciumKernel(10, 100, 0.5, -1));
    }
}
