package doka.enkf;

/**
 * The observations of one analysis window with a diagonal error covariance R: {@code values[j]} with error
 * variance {@code variances[j]} (in the squared unit of the value).
 */
public record Observations(double[] values, double[] variances) {
    public Observations {
        if (values.length != variances.length) {
            throw new IllegalArgumentException("observations: " + values.length + " values but " + variances.length
                    + " error variances");
        }
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j])) {
                throw new IllegalArgumentException("observation " + j + " is " + values[j] + ", expected a finite number");
            }
            if (!(variances[j] > 0) || Double.isInfinite(variances[j])) {
                throw new IllegalArgumentException("error variance of observation " + j + " is " + variances[j]
                        + ", expected a finite number > 0");
            }
        }
    }

    /** Observations that all share one error variance. */
    public static Observations withVariance(double[] values, double variance) {
        double[] v = new double[values.length];
        java.util.Arrays.fill(v, variance);
        return new Observations(values, v);
    }

    public int count() {
        return values.length;
    }
}
