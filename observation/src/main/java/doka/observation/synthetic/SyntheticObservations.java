package doka.observation.synthetic;

import java.util.List;

import org.apache.commons.math3.random.Well19937c;

import doka.observation.Observations;
import doka.observation.ObservedQuantity;
import doka.observation.error.ErrorModel;

/**
 * Synthetic observations from a truth run: {@code y = h(x_true) + ε}, {@code ε ~ N(0, R)} with
 * {@code R = diag(σ²)} from an {@link ErrorModel} evaluated on the truth. The truth can come from any
 * model (a Lorenz run, or a cortex member with known parameters passed through an operator); only its
 * predicted-observation array is needed. The noise stream is a WELL19937c generator seeded with
 * {@code seed} and consumed in row-major order, so the same seed gives the same numbers on every JVM.
 */
public final class SyntheticObservations {
    private SyntheticObservations() {
    }

    /**
     * @param name       label for the source ({@code synthetic:<name>:seed=<seed>})
     * @param timesS     observation times, strictly increasing
     * @param quantities observed quantities (columns)
     * @param truth      the operator applied to the truth run, row-major {@code [time][quantity]}
     * @param errors     error model; its variance is evaluated at the true value
     * @param seed       noise seed
     */
    public static Observations generate(String name, double[] timesS, List<ObservedQuantity> quantities, double[] truth,
                                        ErrorModel errors, long seed) {
        int nq = quantities.size();
        if (truth.length != timesS.length * nq) {
            throw new IllegalArgumentException("truth has " + truth.length + " values; expected " + timesS.length + " times × "
                    + nq + " quantities");
        }
        Well19937c rng = new Well19937c(seed);
        double[] values = new double[truth.length];
        double[] variances = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            if (!Double.isFinite(truth[i])) {
                throw new IllegalArgumentException("truth value at time " + i / nq + ", " + quantities.get(i % nq) + " is " + truth[i]);
            }
            variances[i] = errors.variance(i / nq, i % nq, truth[i]);
            values[i] = truth[i] + Math.sqrt(variances[i]) * rng.nextGaussian();
        }
        return Observations.complete("synthetic:" + name + ":seed=" + seed, timesS, quantities, values, variances);
    }
}
