package doka.engine.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles a network: populations (a model each), synapses (generators or primitive arrays),
 * then {@link #build()}. The built network does not depend on the number of threads.
 */
public final class NetworkBuilder {
    private record PopulationEntry(String name, int size, NeuronModel model) {
    }

    private final double dtMs;
    private long seed = 1;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int partitionSize;
    private final List<PopulationEntry> populations = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final List<SynapseGenerator> generators = new ArrayList<>();
    private int neurons;
    /** Receptor channel by source population name, for those not routed by sign. */
    private final Map<String, Integer> receptorOf = new HashMap<>();
    private RankComm comm;
    private Ownership[] ownershipByRank;

    /** @param dtMs the time step, ms (0.1 in PD14) */
    public NetworkBuilder(double dtMs) {
        if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
            throw new IllegalArgumentException("dtMs must be positive and finite, got " + dtMs);
        }
        this.dtMs = dtMs;
    }

    public double dtMs() {
        return dtMs;
    }

    /** Base seed of all random streams of the simulation (background inputs). */
    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    public long seed() {
        return seed;
    }

    /** Threads for the build and the simulation (results do not depend on it). */
    public NetworkBuilder threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        return this;
    }

    /**
     * Neurons per partition (1..65536); 0 chooses about 4 per thread (fewer, down to one per thread,
     * when the network is so large that the partitions' row indices would pass 1 GiB). A performance knob only:
     * neither the synapses nor the spikes depend on it.
     */
    public NetworkBuilder partitionSize(int partitionSize) {
        if (partitionSize < 0 || partitionSize > 65536) {
            throw new IllegalArgumentException("partitionSize must be in 0..65536, got " + partitionSize);
        }
        this.partitionSize = partitionSize;
        return this;
    }

    /**
     * Splits the network over the ranks of {@code comm}: this rank builds and simulates only
     * the neurons {@code ownershipByRank[comm.rank()]} and the synapses onto them, and exchanges
     * spikes with the others. Every rank must build the same populations and generators with the
     * same ownership table; the network, and every spike, are then the same for any split.
     */
    public NetworkBuilder distributed(RankComm comm, Ownership[] ownershipByRank) {
        if (comm.size() != ownershipByRank.length) {
            throw new IllegalArgumentException("ownership given for " + ownershipByRank.length + " ranks, the communicator has "
                    + comm.size());
        }
        this.comm = comm;
        this.ownershipByRank = ownershipByRank.clone();
        return this;
    }

    public NeuronRange addPopulation(String name, int size, NeuronModel model) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("population name must not be blank");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("population " + name + " is defined twice");
        }
        if (size < 0) {
            throw new IllegalArgumentException(name + ": size must be >= 0, got " + size);
        }
        if ((long) neurons + size > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(name + ": more than 2^31 neurons in total");
        }
        populations.add(new PopulationEntry(name, size, model));
        NeuronRange range = new NeuronRange(name, populations.size() - 1, neurons, size);
        neurons += size;
        return range;
    }

    public int neuronCount() {
        return neurons;
    }

    /**
     * The synapses of population {@code sources} drive receptor channel {@code channel} of their
     * targets, whatever the sign of their weights (by default the sign chooses channel 0 or 1).
     * Every population's model must have that channel (see {@link NeuronModel#receptorChannels}).
     */
    public NetworkBuilder receptorChannel(NeuronRange sources, int channel) {
        if (!names.contains(sources.name())) {
            throw new IllegalArgumentException("receptor channel " + channel + " for synapses from " + sources.name()
                    + ": no such population");
        }
        if (channel < 0 || channel >= Receptor.MAX_CHANNELS) {
            throw new IllegalArgumentException("receptor channel for synapses from " + sources.name() + " must be in 0.."
                    + (Receptor.MAX_CHANNELS - 1) + ", got " + channel);
        }
        receptorOf.put(sources.name(), channel);
        return this;
    }

    /**
     * The synapses of population {@code sources} drive their targets' slow inhibitory channel
     * ({@link Receptor#SLOW_INHIBITORY}, {@code tau_syn_in_slow} of the built-in models):
     * inhibition with its own kinetics per source class (dendritic, LTS-like, beside fast
     * somatic FS-like inhibition).
     */
    public NetworkBuilder slowInhibitionFrom(NeuronRange sources) {
        return receptorChannel(sources, Receptor.SLOW_INHIBITORY);
    }

    public NetworkBuilder connect(SynapseGenerator generator) {
        generators.add(generator);
        return this;
    }

    /** Synapses from primitive arrays: global indices, weights pA (sign = channel), delays in steps. */
    public NetworkBuilder connect(String description, int[] source, int[] target, float[] weightPa, int[] delaySteps) {
        return connect(new ArraySynapses(description, source, target, weightPa, delaySteps));
    }

    /** A delay in ms on the grid: rounded to the nearest step; an error if below one step. */
    public int delaySteps(double delayMs) {
        return delaySteps(delayMs, dtMs, "delayMs");
    }

    /** Rounds {@code delayMs} to the grid of {@code dtMs}, requiring at least one step. */
    public static int delaySteps(double delayMs, double dtMs, String field) {
        long steps = Math.round(delayMs / dtMs);
        if (!(delayMs > 0) || steps < 1 || steps > SynapseStore.MAX_DELAY_STEPS) {
            throw new IllegalArgumentException(field + " must be between dt (" + dtMs + " ms) and "
                    + SynapseStore.MAX_DELAY_STEPS * dtMs + " ms, got " + delayMs);
        }
        return (int) steps;
    }

    /**
     * Every model must have the highest channel a population is routed to: then no synapse can
     * reach a channel its target lacks, without looking at the synapses.
     */
    private void checkReceptorChannels() {
        int highest = Receptor.INHIBITORY;
        for (int channel : receptorOf.values()) {
            highest = Math.max(highest, channel);
        }
        for (PopulationEntry e : populations) {
            int has = e.model.receptorChannels();
            if (has < 2 || has > Receptor.MAX_CHANNELS) {
                throw new IllegalArgumentException("population " + e.name + ": model " + e.model.modelName() + " declares "
                        + has + " receptor channels; a model has 2 to " + Receptor.MAX_CHANNELS);
            }
            if (has <= highest) {
                throw new IllegalArgumentException("population " + e.name + " (" + e.model.modelName() + ") has " + has
                        + " receptor channels, but synapses are routed to channel " + highest
                        + "; every population's model needs it");
            }
        }
    }

    /**
     * The neurons per partition of a rank that owns {@code local} of the network's {@code neurons}: {@code chosen}, or
     * for 0 about 4 partitions per thread (load balance), each small enough that the input accumulator of a slice
     * stays in cache. Spikes do not depend on the partitioning.
     */
    public static int partitionSize(int chosen, int local, int neurons, int threads) {
        int size = chosen > 0 ? chosen : Math.min(16384, Math.max(256, (local + 4 * threads - 1) / (4 * threads)));
        if (chosen == 0) {
            // Each partition's row index has an int per source neuron with a synapse on this rank
            // (up to the whole network): keep their sum near 1 GiB, but at least one partition per thread.
            long cap = Math.max(threads, (1L << 30) / (4L * (neurons + 1)));
            if ((local + (long) size - 1) / size > cap) {
                size = (int) Math.min(65536, (local + cap - 1) / cap);
            }
        }
        return Math.max(1, Math.min(size, Math.max(1, local)));
    }

    public Network build() {
        Ownership owned = Ownership.all(neurons);
        if (comm != null) {
            owned = ownershipByRank[comm.rank()];
            if (owned.networkNeurons() != neurons) {
                throw new IllegalArgumentException("ownership describes " + owned.networkNeurons() + " neurons, the network has "
                        + neurons);
            }
        }
        int size = partitionSize(partitionSize, owned.count(), neurons, threads);
        checkReceptorChannels();
        WorkerPool pool = new WorkerPool(threads);
        try {
            SynapseStore store = SynapseStore.build(neurons, owned, size, generators, pool);
            List<Population> pops = new ArrayList<>();
            int offset = 0;
            for (PopulationEntry e : populations) {
                NeuronDynamics dyn = e.model.createDynamics(e.size, dtMs);
                pops.add(new Population(e.name, pops.size(), offset, e.size, dyn, dtMs));
                offset += e.size;
            }
            for (Population p : pops) {
                p.setReceptorChannel(receptorOf.getOrDefault(p.name(), Receptor.BY_SIGN));
            }
            return new Network(dtMs, seed, pops, neurons, size, store, pool, comm, ownershipByRank);
        } catch (RuntimeException | Error ex) {
            pool.close();
            throw ex;
        }
    }
}
