package doka.engine.kernel;

/**
 * Receptor channels of a neuron, in the spirit of NEST's receptor ports: every neuron has a small
 * fixed array of synaptic input channels (as many as its model declares, at least two), each
 * with its own kinetics in the model. Synapses reach channel {@link #EXCITATORY} or
 * {@link #INHIBITORY} by the sign of their weight, unless their source population is routed to
 * one channel with {@link NetworkBuilder#receptorChannel}.
 */
public final class Receptor {
    /** Channel 0: positive weights by default; scaled by the population's excitatory gain. */
    public static final int EXCITATORY = 0;
    /** Channel 1: negative weights by default; it and all further channels take the inhibitory gain. */
    public static final int INHIBITORY = 1;
    /** Channel 2 of the built-in models: inhibition with its own time constant ({@code tau_syn_in_slow}). */
    public static final int SLOW_INHIBITORY = 2;
    /** Not a channel: the weight's sign chooses {@link #EXCITATORY} (w ≥ 0) or {@link #INHIBITORY}. */
    public static final int BY_SIGN = -1;
    /** Channels a model may declare at most (they cost buffer space for every neuron). */
    public static final int MAX_CHANNELS = 8;

    private Receptor() {
    }
}
