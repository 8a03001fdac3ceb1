package doka.launcher.calibrate;

import java.util.List;

import doka.enkf.ForwardModel;
import doka.enkf.model.Lorenz96Moments;

/**
 * The forward models a calibration configuration names: parameters in, statistics out ({@link ForwardModel}).
 * A new kind (a spiking model: build the member at the parameters with the run's seed, run the protocol, turn its
 * spikes into {@code doka.observation.statistics}) is one more case here and in the validation; the MPI layout,
 * the smoother, the checkpoints and the outputs do not change.
 */
final class ForwardModels {
    static final List<String> KINDS = List.of("lorenz96");

    private ForwardModels() {
    }

    /** The parameters a model kind accepts, in the order it takes them (a prefix of this list). */
    static List<String> parameters(String kind) {
        return List.of("forcing", "damping");
    }

    /** The statistics a model kind predicts, in output order. */
    static List<String> statistics(CalibrateConfig c) {
        return Lorenz96Moments.NAMES;
    }

    static ForwardModel create(CalibrateConfig c) {
        return new Lorenz96Moments(c.model().variables(), c.model().dt(), c.protocol().spinUp(), c.protocol().duration(),
                c.protocol().lag());
    }
}
