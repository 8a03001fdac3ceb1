package doka.observation.statistics;

/**
 * One statistic per group (population or area) with the variance of its error model; NaN where the statistic is
 * undefined (e.g. the CV of a population without two inter-spike intervals).
 *
 * @param value    the statistic of each group
 * @param variance its error variance, in the squared unit of the value
 */
public record Estimates(double[] value, double[] variance) {
    public Estimates {
        if (value.length != variance.length) {
            throw new IllegalArgumentException(value.length + " values but " + variance.length + " variances");
        }
    }

    public int size() {
        return value.length;
    }
}
