package doka.enkf.twin;

import doka.enkf.ParameterTransform;

/**
 * Which model parameters the twin experiment estimates by state augmentation: the filter vector becomes
 * [state, transformed parameters]. The truth runs with the model's default parameters. The random walk that keeps
 * their spread is the filter's ({@link doka.enkf.FilterConfig#jitter}).
 *
 * @param parameters indices into the model's parameter vector
 * @param transforms per estimated parameter, the map to the filter's unbounded space
 * @param priorMean  per estimated parameter, the prior mean in physical units
 * @param priorSd    per estimated parameter, the prior standard deviation in filter (transformed) space
 */
public record ParameterEstimation(int[] parameters, ParameterTransform[] transforms, double[] priorMean,
                                  double[] priorSd) {
    public ParameterEstimation {
        int k = parameters.length;
        if (transforms.length != k || priorMean.length != k || priorSd.length != k) {
            throw new IllegalArgumentException("parameter estimation: " + k + " parameters but " + transforms.length
                    + " transforms, " + priorMean.length + " prior means, " + priorSd.length + " prior sds");
        }
        for (int i = 0; i < k; i++) {
            transforms[i].toFilter(priorMean[i]); // a prior outside the transform's domain fails here, clearly
            if (!(priorSd[i] >= 0)) {
                throw new IllegalArgumentException("prior sd of parameter " + parameters[i] + " must be ≥ 0, got "
                        + priorSd[i]);
            }
        }
    }

    /** One parameter. */
    public static ParameterEstimation single(int parameter, ParameterTransform transform, double priorMean,
                                             double priorSd) {
        return new ParameterEstimation(new int[] {parameter}, new ParameterTransform[] {transform},
                new double[] {priorMean}, new double[] {priorSd});
    }

    public int count() {
        return parameters.length;
    }
}
