package doka.engine.kernel;

/**
 * A neuron model with its parameters: an immutable description that creates the state of one
 * population. Implementations are records in {@code doka.engine.model}, looked up by name in
 * {@code doka.engine.model.NeuronModels}.
 */
public interface NeuronModel {
    /** The registry name, e.g. {@code "iaf_psc_exp"}. */
    String modelName();

    /** Fresh state for {@code size} neurons at rest, with propagators for time step {@code dtMs}. */
    NeuronDynamics createDynamics(int size, double dtMs);

    /**
     * Receptor channels of this model's neurons (see {@link Receptor}): 0 excitatory, 1 inhibitory,
     * then any further ones; between 2 and {@link Receptor#MAX_CHANNELS}.
     */
    default int receptorChannels() {
        return 2;
    }
}
