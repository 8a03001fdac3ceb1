package doka.observation.error;

/**
 * Error variance estimated from replicate recordings of the same window (repeated trials, or
 * several members of a truth ensemble): the unbiased sample variance
 * {@code s² = Σ_r (y_r − ȳ)² / (R − 1)} of each entry over the replicates, raised to a floor.
 *
 * <p>{@link Pooling#PER_QUANTITY} pools the squared deviations of all times of a quantity,
 * {@code s² = Σ_t Σ_r (y_{r,t} − ȳ_t)² / Σ_t (R_t − 1)}, which is steadier when there are few
 * replicates and the noise is stationary. NaN replicate values are treated as missing and skipped.
 * Entries that fewer than two replicates recorded get no variance (NaN; asking for it is an error).
 */
public final class ReplicateVariance {

    /** How the replicate deviations are combined. */
    public enum Pooling { PER_ENTRY, PER_QUANTITY }

    private ReplicateVariance() {
    }

    /**
     * @param replicates    {@code R ≥ 2} arrays of {@code timeCount × quantityCount} values, row-major
     * @param floorVariance lower bound, {@code > 0} (replicates that agree exactly would otherwise give 0)
     */
    public static EntryVariance estimate(double[][] replicates, int timeCount, int quantityCount,
                                             Pooling pooling, double floorVariance) {
        ErrorModels.requirePositiveFinite(floorVariance, "variance floor");
        int n = timeCount * quantityCount;
        if (replicates.length < 2) {
            throw new IllegalArgumentException("need at least 2 replicates to estimate a variance, got " + replicates.length);
        }
        for (int r = 0; r < replicates.length; r++) {
            if (replicates[r].length != n) {
                throw new IllegalArgumentException("replicate " + r + " has " + replicates[r].length + " values, expected " + n);
            }
        }
        double[] sumSq = new double[n];
        int[] dof = new int[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            int count = 0;
            for (double[] rep : replicates) {
                if (!Double.isNaN(rep[i])) {
                    mean += rep[i];
                    count++;
                }
            }
            mean /= Math.max(count, 1);
            double ss = 0;
            for (double[] rep : replicates) {
                if (!Double.isNaN(rep[i])) {
                    double d = rep[i] - mean;
                    ss += d * d;
                }
            }
            sumSq[i] = ss;
            dof[i] = Math.max(count - 1, 0);
        }
        double[] v = new double[n];
        if (pooling == Pooling.PER_ENTRY) {
            for (int i = 0; i < n; i++) {
                v[i] = dof[i] == 0 ? Double.NaN : Math.max(sumSq[i] / dof[i], floorVariance);
            }
        } else {
            for (int q = 0; q < quantityCount; q++) {
                double ss = 0;
                int d = 0;
                for (int t = 0; t < timeCount; t++) {
                    ss += sumSq[t * quantityCount + q];
                    d += dof[t * quantityCount + q];
                }
                double pooled = d == 0 ? Double.NaN : Math.max(ss / d, floorVariance);
                for (int t = 0; t < timeCount; t++) {
                    v[t * quantityCount + q] = pooled;
                }
            }
        }
        return new EntryVariance(timeCount, quantityCount, v);
    }
}
