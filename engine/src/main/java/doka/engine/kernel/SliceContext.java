package doka.engine.kernel;

/**
 * What a model's update needs from its partition for one slice: the input of each step of the
 * slice per receptor channel (index {@code ((stepOffset * nLocal) + local) * channels + channel},
 * channel 0 excitatory, 1 inhibitory, further ones as routed by
 * {@link NetworkBuilder#receptorChannel}; synaptic input already summed, before the population's gains),
 * the spike register, the per-neuron random keys, stimulus currents and the mixed step counters
 * of the slice. Fields are public for the hot loops; only the kernel writes them.
 */
public final class SliceContext {
    /**
     * Summed synaptic input of each step of the slice, pA. The model's update reads every cell
     * of its neurons and sets it back to 0 (cheaper than clearing the whole buffer each slice).
     */
    public double[] buffer;
    /**
     * Receptor channels per neuron in {@link #buffer}: 2, or one more than the highest channel a
     * population is routed to. Every model of the network has at least this many; the channels
     * beyond it receive nothing, so models skip them.
     */
    public int channels;
    /** Neurons in this partition. */
    public int nLocal;
    /**
     * The partition's neurons as ranges of global indices: range r is [rangeStart[r],
     * rangeEnd[r]) and starts at partition-local index rangeLocal[r]. One range unless the
     * network is split over ranks.
     */
    public int[] rangeStart;
    public int[] rangeEnd;
    public int[] rangeLocal;
    /** Per-neuron random keys (global indexing) for the Poisson background. */
    public long[] backgroundKey;
    /** Stimulus current per neuron (global indexing), pA, constant within a slice. */
    public double[] stimulusPa;
    /** False while every entry of {@link #stimulusPa} is 0 (models may then skip reading it). */
    public boolean stimulusActive;
    /** {@link Rng#counterMix} of each step of the slice. */
    public long[] stepMix;
    /** Spike register: global neuron and step offset within the slice. */
    public int[] spikeNeuron;
    public int[] spikeOffset;
    public int spikeCount;
    /** First step of the slice. */
    public long fromStep;
    /** Steps in the slice. */
    public int steps;

    /** True if global neuron {@code neuron} belongs to this partition. */
    public boolean owns(int neuron) {
        return local(neuron) >= 0;
    }

    /** Partition-local index of global neuron {@code neuron}, or −1. */
    public int local(int neuron) {
        for (int r = 0; r < rangeStart.length; r++) {
            if (neuron >= rangeStart[r] && neuron < rangeEnd[r]) {
                return rangeLocal[r] + neuron - rangeStart[r];
            }
        }
        return -1;
    }

    /**
     * Adds {@code weightPa} to the input of global neuron {@code neuron} (of this partition)
     * arriving at {@code step} (within the slice); the sign selects the channel.
     */
    public void addInput(int neuron, long step, double weightPa) {
        int offset = (int) (step - fromStep);
        if (offset < 0 || offset >= steps) {
            throw new IllegalArgumentException("input at step " + step + " outside the slice [" + fromStep + ", "
                    + (fromStep + steps) + ")");
        }
        int local = local(neuron);
        if (local < 0) {
            throw new IllegalArgumentException("neuron " + neuron + " is not in this partition");
        }
        int channel = weightPa < 0 ? Receptor.INHIBITORY : Receptor.EXCITATORY;
        buffer[(offset * nLocal + local) * channels + channel] += weightPa;
    }

    /** Records a spike of global neuron {@code neuron} at step offset {@code offset} of the slice. */
    public void spike(int neuron, int offset) {
        spikeNeuron[spikeCount] = neuron;
        spikeOffset[spikeCount] = offset;
        spikeCount++;
    }
}
