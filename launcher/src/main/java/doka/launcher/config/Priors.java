package doka.launcher.config;

import java.util.List;

import doka.enkf.FilterRandom;
import doka.enkf.ParameterTransform;
import doka.enkf.RandomStream;

/** The prior of configured parameters: their transforms, and the draw of member k's initial values. */
public final class Priors {
    private Priors() {
    }

    /** Each parameter's transform (physical ↔ the space the analysis works in). */
    public static ParameterTransform[] transforms(List<EnsembleConfig.Parameter> parameters) {
        ParameterTransform[] t = new ParameterTransform[parameters.size()];
        for (int i = 0; i < t.length; i++) {
            EnsembleConfig.Parameter p = parameters.get(i);
            t[i] = p.transformKind("parameters." + p.name() + ".transform").create(p.lower(), p.upper());
        }
        return t;
    }

    /**
     * Member {@code index}'s initial parameters (physical), drawn from {@code derive(PRIOR.seed(seed), index)} in the
     * transformed space around the transformed prior mean, with the prior sd mapped by the transform's slope there
     * (delta method).
     */
    public static double[] sample(List<EnsembleConfig.Parameter> parameters, ParameterTransform[] transforms, long seed,
            int index) {
        FilterRandom random = new FilterRandom(FilterRandom.derive(RandomStream.PRIOR.seed(seed), index));
        double[] theta = new double[parameters.size()];
        for (int i = 0; i < theta.length; i++) {
            EnsembleConfig.Parameter p = parameters.get(i);
            ParameterTransform t = transforms[i];
            double centre = t.toFilter(p.priorMean());
            double h = 1e-6 * Math.max(1e-3, Math.abs(p.priorMean()));
            double slope = Math.abs(t.toFilter(p.priorMean() + h) - t.toFilter(p.priorMean() - h)) / (2 * h);
            theta[i] = t.toPhysical(centre + p.priorSd() * slope * random.nextGaussian());
        }
        return theta;
    }
}
