package doka.launcher.experiment;

import java.nio.file.Path;
import java.util.List;

import doka.enkf.ParameterTransform;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.cycle.Experiment;

/** Builds the {@link Experiment} a configuration describes. */
public final class Experiments {
    private Experiments() {
    }

    public static Experiment create(EnsembleConfig config, Path runDir) {
        SpikingExperiment spiking = spiking(config, runDir);
        return spiking != null ? spiking.experiment() : Lorenz96Experiment.create(config);
    }

    /**
     * What is checked before any rank starts, with the model built: the recording against the model's areas and
     * the windows, and every parameter's reach under the localization (see {@code SpikingExperiment.checkBeforeStart}).
     * Returns the warnings (a parameter out of reach of every observation), one line each; {@code strict} makes
     * them an error. Nothing to check for Lorenz-96.
     */
    public static List<String> checkBeforeStart(EnsembleConfig config, Path runDir, boolean strict) {
        SpikingExperiment spiking = spiking(config, runDir);
        List<String> warnings = spiking == null ? List.of() : spiking.checkBeforeStart();
        if (strict && !warnings.isEmpty()) {
            throw new doka.launcher.config.ConfigException("--strict: " + String.join("; ", warnings));
        }
        return warnings;
    }

    /** The spiking experiment of a configuration, or null for a model that is not a spiking network (Lorenz-96). */
    static SpikingExperiment spiking(EnsembleConfig config, Path runDir) {
        EnsembleConfig.Model model = config.model();
        if (model instanceof EnsembleConfig.Model.Pd14 m) {
            return new SpikingExperiment(config, runDir, new Pd14Model(m));
        }
        if (model instanceof EnsembleConfig.Model.Cortex m) {
            return new SpikingExperiment(config, runDir, ObservedModel.of(new CortexSpikingModel(m), config.observations()));
        }
        if (model instanceof EnsembleConfig.Model.External m) {
            return new SpikingExperiment(config, runDir, ExternalModel.external(m));
        }
        if (model instanceof EnsembleConfig.Model.Plugin m) {
            return new SpikingExperiment(config, runDir, ExternalModel.plugin(m));
        }
        return null;
    }

    /** The transform a parameter's configuration names. */
    static ParameterTransform transform(EnsembleConfig.Parameter p) {
        return p.transformKind("parameters." + p.name() + ".transform").create(p.lower(), p.upper());
    }
}
