package doka.observation.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import doka.observation.ObservedQuantity;
import doka.observation.operator.NeuronGroups;
import doka.observation.operator.SpikeTrains;

/** Spike trains with known statistics for the tests: periodic and Poisson neurons, merged in time order. */
final class Trains {
    private final List<double[]> spikes = new ArrayList<>(); // {time, neuron}
    private final List<ObservedQuantity> groups = new ArrayList<>();
    private final List<Integer> groupOfNeuron = new ArrayList<>();

    /** A new group of {@code neurons} neurons; returns the index of its first neuron. */
    int group(String area, String name, int neurons) {
        groups.add(new ObservedQuantity(area, name));
        int first = groupOfNeuron.size();
        for (int i = 0; i < neurons; i++) {
            groupOfNeuron.add(groups.size() - 1);
        }
        return first;
    }

    /** Neurons [first, first + count) all fire at offsetMs + k·periodMs in [0, endMs). */
    Trains periodic(int first, int count, double periodMs, double offsetMs, double endMs) {
        for (double t = offsetMs; t < endMs; t += periodMs) {
            for (int i = first; i < first + count; i++) {
                spikes.add(new double[] {t, i});
            }
        }
        return this;
    }

    /** Neurons [first, first + count) fire as independent Poisson processes of {@code rateHz} in [0, endMs). */
    Trains poisson(int first, int count, double rateHz, double endMs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = first; i < first + count; i++) {
            for (double t = -Math.log(1 - random.nextDouble()) * 1000 / rateHz; t < endMs;
                 t += -Math.log(1 - random.nextDouble()) * 1000 / rateHz) {
                spikes.add(new double[] {t, i});
            }
        }
        return this;
    }

    /**
     * Neurons [first, first + count) fire as Poisson processes whose rate switches between 0 and 2·rateHz, each
     * neuron's own symmetric telegraph process on a 1 ms grid with flip probability (1 − e^(−1/tauMs))/2 per step:
     * its rate is correlated as exactly exp(−lag/tauMs), so binned counts are correlated ∝ exp(−kΔ/tauMs) between
     * bins k ≥ 1 apart.
     */
    Trains telegraphPoisson(int first, int count, double rateHz, double tauMs, double endMs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double flip = (1 - Math.exp(-1.0 / tauMs)) / 2;
        double pHigh = 2 * rateHz * 1e-3;
        for (int i = first; i < first + count; i++) {
            boolean high = random.nextBoolean();
            for (double t = 0; t < endMs; t += 1) {
                if (random.nextDouble() < flip) {
                    high = !high;
                }
                if (high && random.nextDouble() < pHigh) {
                    spikes.add(new double[] {t + random.nextDouble(), i});
                }
            }
        }
        return this;
    }

    /** Neurons [to, to + count) repeat the spikes of neurons [from, from + count) shifted by {@code shiftMs}. */
    Trains copy(int from, int to, int count, double shiftMs) {
        List<double[]> copies = new ArrayList<>();
        for (double[] s : spikes) {
            if (s[1] >= from && s[1] < from + count) {
                copies.add(new double[] {s[0] + shiftMs, s[1] - from + to});
            }
        }
        spikes.addAll(copies);
        return this;
    }

    SpikeTrains trains() {
        List<double[]> sorted = new ArrayList<>(spikes);
        sorted.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] t = new double[sorted.size()];
        int[] id = new int[sorted.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = sorted.get(i)[0];
            id[i] = (int) sorted.get(i)[1];
        }
        return SpikeTrains.of(t, id);
    }

    NeuronGroups neuronGroups() {
        int[] g = groupOfNeuron.stream().mapToInt(Integer::intValue).toArray();
        return new NeuronGroups(groups, g, new boolean[g.length]);
    }
}
