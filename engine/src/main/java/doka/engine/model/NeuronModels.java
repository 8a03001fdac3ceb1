package doka.engine.model;

import java.util.List;
import java.util.Map;

import doka.engine.kernel.NeuronModel;

/** The registry of neuron models by name, for builders and model files. */
public final class NeuronModels {
    private NeuronModels() {
    }

    /** Names of the registered models. */
    public static List<String> names() {
        return List.of(IafPscExp.NAME, Izhikevich.NAME);
    }

    /**
     * A model by name with NEST-style parameter names overriding its defaults. For
     * {@code izhikevich}, {@code preset} selects RS, FS or LTS defaults (null: RS); for
     * {@code iaf_psc_exp} it must be null.
     */
    public static NeuronModel create(String name, String preset, Map<String, Double> parameters) {
        return switch (name) {
            case IafPscExp.NAME -> {
                if (preset != null) {
                    throw new IllegalArgumentException(IafPscExp.NAME + " has no presets, got preset " + preset);
                }
                yield IafPscExp.Parameters.fromMap(parameters);
            }
            case Izhikevich.NAME -> Izhikevich.Parameters.fromMap(preset, parameters);
            default -> throw new IllegalArgumentException("unknown neuron model '" + name + "'; expected one of " + names());
        };
    }
}
