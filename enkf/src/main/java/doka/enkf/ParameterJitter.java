package doka.enkf;

/**
 * A random walk on estimated parameters against ensemble collapse: after each analysis, component
 * {@code components[i]} of every member gets Gaussian noise with standard deviation {@code sd[i]} (in the
 * filter's transformed space). The noise is centred over members so the ensemble mean is unchanged.
 */
public record ParameterJitter(int[] components, double[] sd) {
    public ParameterJitter {
        if (components.length != sd.length) {
            throw new IllegalArgumentException("parameter jitter: " + components.length + " components but " + sd.length
                    + " standard deviations");
        }
        for (int i = 0; i < sd.length; i++) {
            if (!(sd[i] >= 0) || Double.isInfinite(sd[i])) {
                throw new IllegalArgumentException("parameter jitter sd of component " + components[i] + " is " + sd[i]
                        + ", expected a finite number ≥ 0");
            }
        }
    }

    /** Adds the centred noise to ensemble {@code e} (N×dim) in place. */
    public void apply(double[] e, int members, int dim, FilterRandom random) {
        double[] noise = new double[members];
        for (int i = 0; i < components.length; i++) {
            int c = components[i];
            if (c < 0 || c >= dim) {
                throw new IllegalArgumentException("parameter jitter names component " + c + ", expected 0.." + (dim - 1));
            }
            double mean = 0;
            for (int m = 0; m < members; m++) {
                noise[m] = sd[i] * random.nextGaussian();
                mean += noise[m];
            }
            mean /= members;
            for (int m = 0; m < members; m++) {
                e[m * dim + c] += noise[m] - mean;
            }
        }
    }
}
