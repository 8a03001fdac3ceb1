package doka.observation.error;

/**
 * Observation-error variance of one entry of an observation window. Implementations are immutable.
 */
@FunctionalInterface
public interface ErrorModel {
    /**
     * @param time     row of the entry (sample-time index)
     * @param quantity column of the entry (observed-quantity index)
     * @param value    the observed (or, for synthetic data, the true) value
     * @return variance, finite and {@code > 0}, in the squared unit of the value
     */
    double variance(int time, int quantity, double value);
}
