package doka.enkf;

/**
 * A forward model for calibration: physical parameters (d) in, predicted statistics (p) out. {@code seed} drives
 * whatever is random in the run (initial state, network, noise), so replicate runs at fixed parameters differ
 * only by it. Called from several threads at once: implementations keep no shared mutable state.
 */
@FunctionalInterface
public interface ForwardModel {
    double[] run(double[] parameters, long seed);
}
