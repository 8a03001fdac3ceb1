package doka.launcher.calibrate;

import java.util.List;

import doka.enkf.ForwardModel;
import doka.enkf.model.Lorenz96Moments;

/**
 * The forward models a calibration configuration names: parameters in, statistics out ({@link ForwardModel}):
 * {@code lorenz96} (moments of the one-scale Lorenz-96) and {@code cortex} (statistics of a cortex model file's
 * spikes at rest, {@link CortexForwardModel}). A new kind is one more case here and in the validation; the MPI
 * layout, the smoother, the checkpoints and the outputs do not change.
 */
final class ForwardModels {
    static final List<String> KINDS = List.of("lorenz96", "cortex");

    private ForwardModels() {
    }

    /** The parameters a model kind accepts, in the order it takes them (a prefix of this list); null: named by the model. */
    static List<String> parameters(String kind) {
        return kind.equals("lorenz96") ? List.of("forcing", "damping") : null;
    }

    /** The statistics a model kind predicts, in output order. */
    static List<String> statistics(CalibrateConfig c) {
        return c.model().kind().equals("lorenz96") ? Lorenz96Moments.NAMES : c.protocol().statistics();
    }

    static ForwardModel create(CalibrateConfig c) {
        if (c.model().kind().equals("cortex")) {
            return new CortexForwardModel(c);
        }
        return new Lorenz96Moments(c.model().variables(), c.model().dt(), c.protocol().spinUp(), c.protocol().duration(),
                c.protocol().lag());
    }
}
