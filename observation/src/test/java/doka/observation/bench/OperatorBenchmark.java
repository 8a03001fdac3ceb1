package doka.observation.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.random.Well19937c;

import doka.observation.ObservedQuantity;
import doka.observation.operator.CalciumFluorescenceOperator;
import doka.observation.operator.CalciumKernel;
import doka.observation.operator.CellSelection;
import doka.observation.operator.NeuronGroups;
import doka.observation.operator.PopulationRateOperator;
import doka.observation.operator.SpikeTrains;

/**
 * Not a test: a hand-run throughput check of the spike operators on a cortex-sized member
 * (80 000 neurons in 20 groups, 1 s window, ≈ 5 Hz → ≈ 400 000 spikes). Prints the median of 15
 * timed repetitions after 10 warm-up ones. Run:
 * {@code java -cp observation/target/classes:observation/target/test-classes:$(cat /tmp/obs-cp.txt) doka.observation.bench.OperatorBenchmark}
 */
public final class OperatorBenchmark {
    public static void main(String[] args) {
        int neurons = 80_000;
        int groupCount = 20;
        double windowMs = 1000;
        double rateHz = 5;
        List<ObservedQuantity> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            groups.add(ObservedQuantity.ofArea("A" + g));
        }
        int[] groupOf = new int[neurons];
        boolean[] exc = new boolean[neurons];
        for (int i = 0; i < neurons; i++) {
            groupOf[i] = i % groupCount;
            exc[i] = (i / groupCount) % 5 != 0;
        }
        NeuronGroups ng = new NeuronGroups(groups, groupOf, exc);
        Well19937c rng = new Well19937c(1);
        int expected = (int) (neurons * rateHz * windowMs / 1000);
        double[] times = new double[expected];
        int[] ids = new int[expected];
        for (int s = 0; s < expected; s++) {
            times[s] = rng.nextDouble() * windowMs;
            ids[s] = rng.nextInt(neurons);
        }
        Arrays.sort(times); // ids stay random: only the time order matters
        SpikeTrains spikes = SpikeTrains.of(times, ids);

        PopulationRateOperator rate = new PopulationRateOperator(ng, CellSelection.EXCITATORY, 0, 100, 10);
        double[] rateOut = new double[rate.observationCount()];
        report("population rate, 10 bins", expected, () -> rate.apply(spikes, rateOut));

        double[] samples = new double[10];
        for (int k = 0; k < 10; k++) {
            samples[k] = (k + 1) * 100.0 - 1e-9;
        }
        double[] caOut = new double[10 * groupCount];
        report("calcium ΔF/F, 10 samples", expected, () -> {
            CalciumFluorescenceOperator ca = new CalciumFluorescenceOperator(ng, CellSelection.ALL, CalciumKernel.gcamp6fLike());
            ca.apply(spikes, samples, caOut);
        });
    }

    private static void report(String name, int spikes, Runnable body) {
        for (int i = 0; i < 10; i++) {
            body.run();
        }
        long[] ns = new long[15];
        for (int i = 0; i < ns.length; i++) {
            long t0 = System.nanoTime();
            body.run();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        double ms = ns[ns.length / 2] / 1e6;
        System.out.printf("%-28s %8.2f ms per 1 s window (%d spikes, %.1f M spikes/s)%n", name, ms, spikes, spikes / ms / 1e3);
    }
}
