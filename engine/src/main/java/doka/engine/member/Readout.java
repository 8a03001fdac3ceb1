package doka.engine.member;

import java.util.List;

/**
 * How a spiking member is read out and steered in an ensemble: the names of its estimated
 * parameters (in the order of {@link Member#estimated}), the window it advances by, and the bin
 * of its predicted rates, which are bin-major: {@code [bin][quantity]}.
 */
public record Readout(List<String> parameters, double windowMs, double binMs) {
    public Readout {
        parameters = List.copyOf(parameters);
        double bins = windowMs / binMs;
        if (!(binMs > 0) || Math.abs(bins - Math.rint(bins)) > 1e-9 || bins < 1) {
            throw new IllegalArgumentException("the observation bin " + binMs + " ms must divide the window " + windowMs + " ms");
        }
    }

    /** Bins per window. */
    public int bins() {
        return (int) Math.rint(windowMs / binMs);
    }
}
