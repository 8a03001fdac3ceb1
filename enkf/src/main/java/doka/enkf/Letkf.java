package doka.enkf;

/**
 * The local ETKF (Hunt, Kostelich & Szunyogh 2007): one {@link Etkf#transform ETKF transform} per local
 * domain, on the whitened observations of that domain multiplied by √ρ, ρ the Gaspari–Cohn taper of their
 * distance (so R⁻¹ is tapered, "R-localization"). Observations with ρ = 0 are left out. State components
 * that belong to no domain keep their forecast values. The optional random rotation Q is drawn once per
 * analysis and shared by all domains (W_d = 1w_dᵀ + Q·T_d), which equals rotating the global analysis
 * anomalies.
 */
public final class Letkf {
    private Letkf() {
    }

    /** The local analyses of {@code space}; returns Eᵃ (N×n). */
    public static double[] localAnalyses(EnsembleSpace space, Localization localization, boolean rotate,
                                         FilterRandom random) {
        int n = space.members();
        int dim = space.stateDim();
        int p = space.obsDim();
        LocalDomains domains = localization.domains();
        double[] out = space.forecast();
        // One rotation for all domains: rotating each domain differently would scramble which member is
        // which from one grid point to the next and destroy the spatial structure of the anomalies.
        double[] q = rotate ? Rotation.meanPreserving(n, random) : null;
        localization.executor().forEach(domains.count(), d -> {
            Local local = Local.of(space, localization, d);
            double[] w = new double[n];
            double[] t = new double[n * n];
            Etkf.transform(n, local.count(), local.y(), local.dy(), w, t);
            double[] weights = Etkf.weights(w, t, n, q);
            double[] a = space.anomalies();
            for (int c : domains.stateIndices(d)) {
                if (c < 0 || c >= dim) {
                    throw new IllegalArgumentException("local domain " + d + " names state component " + c
                            + ", expected 0.." + (dim - 1));
                }
                for (int m = 0; m < n; m++) {
                    double sum = space.mean()[c];
                    for (int kk = 0; kk < n; kk++) {
                        sum += weights[m * n + kk] * a[kk * dim + c];
                    }
                    out[m * dim + c] = sum;
                }
            }
        });
        return out;
    }

    /**
     * The observations of local domain {@code d}: those with Gaspari–Cohn taper ρ &gt; 0, their indices in
     * {@code space}, and their whitened Y (N×count) and dy multiplied by √ρ.
     */
    record Local(int count, int[] obs, double[] y, double[] dy) {
        static Local of(EnsembleSpace space, Localization localization, int d) {
            int n = space.members();
            int p = space.obsDim();
            double[] taper = new double[p];
            int local = 0;
            for (int j = 0; j < p; j++) {
                double distance = localization.domains().distance(d, space.obsIndex()[j]);
                taper[j] = GaspariCohn.taper(distance, localization.radius());
                if (taper[j] > 0) {
                    local++;
                }
            }
            int[] obs = new int[local];
            double[] y = new double[n * local];
            double[] dy = new double[local];
            int k = 0;
            for (int j = 0; j < p; j++) {
                if (taper[j] > 0) {
                    double scale = Math.sqrt(taper[j]);
                    obs[k] = j;
                    dy[k] = space.whitenedDy()[j] * scale;
                    for (int m = 0; m < n; m++) {
                        y[m * local + k] = space.whitenedY()[m * p + j] * scale;
                    }
                    k++;
                }
            }
            return new Local(local, obs, y, dy);
        }
    }
}
