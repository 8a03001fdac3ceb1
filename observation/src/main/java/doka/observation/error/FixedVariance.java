package doka.observation.error;

/**
 * A given variance per observed quantity (the same at every time), e.g. from a calibration.
 *
 * @param variancePerQuantity variance of each column, finite and {@code > 0}
 */
public record FixedVariance(double[] variancePerQuantity) implements ErrorModel {
    public FixedVariance {
        variancePerQuantity = variancePerQuantity.clone();
        for (int q = 0; q < variancePerQuantity.length; q++) {
            ErrorModels.requirePositiveFinite(variancePerQuantity[q], "variance of quantity " + q);
        }
    }

    /** The same variance for {@code quantityCount} quantities. */
    public static FixedVariance uniform(double variance, int quantityCount) {
        double[] v = new double[quantityCount];
        java.util.Arrays.fill(v, variance);
        return new FixedVariance(v);
    }

    @Override
    public double variance(int time, int quantity, double value) {
        return variancePerQuantity[quantity];
    }

    @Override
    public double[] variancePerQuantity() {
        return variancePerQuantity.clone();
    }
}
