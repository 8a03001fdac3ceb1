package doka.launcher.experiment;

import java.util.List;
import java.util.Map;

import doka.engine.kernel.Network;
import doka.observation.ObservedQuantity;

/**
 * A spiking network as an ensemble member needs it: built from a seed, its neurons grouped into the
 * observed quantities (areas, or populations), and its estimable parameters applied by name
 * between windows without rebuilding.
 */
interface SpikingModel {
    /** Builds one network; the same seed builds the same network. */
    Network build(long seed, int threads);

    /** The observed quantities, in output-column order. */
    List<ObservedQuantity> quantities();

    /** For each neuron of {@code net}, its quantity index (or -1), and whether it is excitatory. */
    int[] groupOfNeuron(Network net);

    boolean[] excitatory(Network net);

    /** The parameter names this model can take, with a one-line meaning each. */
    Map<String, String> parameterNames();

    /** Applies parameter values (natural units) to {@code net}; names are from {@link #parameterNames}. */
    void apply(Network net, Map<String, Double> values);

    /** A short description for the log, e.g. "PD14 at n-scale 0.05: 3,858 neurons". */
    String describe(Network net);
}
