package doka.observation.error;

/**
 * A given variance for every entry of a window (time × quantity), e.g. the squared sigma column of a
 * recording, or an estimate from replicates ({@link ReplicateVariance}).
 *
 * @param timeCount     rows of the window
 * @param quantityCount columns of the window
 * @param variance      variance per entry, row-major {@code [time][quantity]}; NaN where none is known
 */
public record EntryVariance(int timeCount, int quantityCount, double[] variance) implements ErrorModel {
    public EntryVariance {
        variance = variance.clone();
        if (timeCount < 0 || quantityCount < 0 || variance.length != timeCount * quantityCount) {
            throw new IllegalArgumentException("expected " + timeCount + " × " + quantityCount + " variances, got " + variance.length);
        }
        for (int i = 0; i < variance.length; i++) {
            if (!Double.isNaN(variance[i])) {
                ErrorModels.requirePositiveFinite(variance[i], "variance at time " + i / Math.max(quantityCount, 1)
                        + ", quantity " + i % Math.max(quantityCount, 1));
            }
        }
    }

    @Override
    public double variance(int time, int quantity, double value) {
        double v = variance[time * quantityCount + quantity];
        if (Double.isNaN(v)) {
            throw new IllegalStateException("no variance known for time " + time + ", quantity " + quantity);
        }
        return v;
    }

    @Override
    public double[] variance() {
        return variance.clone();
    }
}
