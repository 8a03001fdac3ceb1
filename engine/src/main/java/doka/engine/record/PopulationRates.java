package doka.engine.record;

import java.util.Arrays;

import doka.engine.kernel.Network;
import doka.engine.kernel.Population;
import doka.engine.kernel.SpikeObserver;

/**
 * Binned population rates: spike counts per population in bins of {@code binSteps} steps from
 * {@code startStep}; {@link #rateHz} divides by population size and bin width.
 */
public final class PopulationRates implements SpikeObserver {
    private final int[] populationOf;
    private final int[] sizes;
    private final String[] names;
    private final long startStep;
    private final int binSteps;
    private final double binMs;
    private long[][] counts;
    private int bins;

    public PopulationRates(Network network, long startStep, int binSteps) {
        if (binSteps < 1) {
            throw new IllegalArgumentException("binSteps must be >= 1, got " + binSteps);
        }
        this.populationOf = new int[network.neuronCount()];
        int p = network.populations().size();
        this.sizes = new int[p];
        this.names = new String[p];
        for (Population pop : network.populations()) {
            Arrays.fill(populationOf, pop.offset(), pop.offset() + pop.size(), pop.index());
            sizes[pop.index()] = pop.size();
            names[pop.index()] = pop.name();
        }
        this.startStep = startStep;
        this.binSteps = binSteps;
        this.binMs = binSteps * network.dtMs();
        this.counts = new long[p][64];
    }

    @Override
    public void onSpikes(int[] neurons, long[] steps, int count) {
        for (int i = 0; i < count; i++) {
            if (steps[i] < startStep) {
                continue;
            }
            int bin = (int) ((steps[i] - startStep) / binSteps);
            if (bin >= counts[0].length) {
                for (int p = 0; p < counts.length; p++) {
                    counts[p] = Arrays.copyOf(counts[p], Math.max(bin + 1, 2 * counts[p].length));
                }
            }
            counts[populationOf[neurons[i]]][bin]++;
            bins = Math.max(bins, bin + 1);
        }
    }

    /** Bins that received at least one spike so far (later bins may be empty). */
    public int binsSeen() {
        return bins;
    }

    public long count(int population, int bin) {
        return bin < counts[population].length ? counts[population][bin] : 0;
    }

    /** Mean rate per neuron of {@code population} in {@code bin}, Hz. */
    public double rateHz(int population, int bin) {
        return sizes[population] == 0 ? 0 : count(population, bin) / (sizes[population] * binMs * 1e-3);
    }

    public String name(int population) {
        return names[population];
    }

    public void clear() {
        for (long[] c : counts) {
            Arrays.fill(c, 0);
        }
        bins = 0;
    }
}
