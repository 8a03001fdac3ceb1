package doka.engine.atlas;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A <b>synthetic</b> connectome for an atlas, with the statistics of the real one (Oh et al.
 * 2014): log-normal strengths spanning about five decades, decaying exponentially with the
 * distance between area centres, contralateral projections weaker than ipsilateral except the
 * strong homotopic (same-area) callosal links. Deterministic from a seed.
 *
 * <p>W_ipsi(s,t) = exp(−d_st/λ) · LN(0, σ²); W_contra(s,t) = κ · W_ipsi-like draw for s ≠ t and
 * W_contra(s,s) = η · LN(0, (σ/2)²). Defaults λ = 1.5 mm, σ = 1.6 (natural-log units), κ = 0.1,
 * η = 0.3 — modelling choices, not fitted values.
 */
public final class SyntheticConnectome {
    public static final double LAMBDA_MM = 1.5;
    public static final double SIGMA = 1.6;
    public static final double KAPPA_CONTRA = 0.1;
    public static final double ETA_HOMOTOPIC = 0.3;

    private SyntheticConnectome() {
    }

    /** Connectome over the areas of the left hemisphere of {@code atlas} (centres from it). */
    public static Connectome generate(Atlas atlas, long seed) {
        List<Area> left = atlas.areas().stream().filter(a -> a.hemisphere() == Hemisphere.LEFT).toList();
        int n = left.size();
        double[][] centre = new double[n][];
        for (int i = 0; i < n; i++) {
            centre[i] = atlas.areaCentreUm(left.get(i).index());
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] ipsi = new double[n * n], contra = new double[n * n];
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                double dMm = Math.sqrt(sq(centre[s][0] - centre[t][0]) + sq(centre[s][2] - centre[t][2])) / 1000;
                double zi = gaussian(rng), zc = gaussian(rng);
                if (s == t) {
                    contra[s * n + t] = ETA_HOMOTOPIC * Math.exp(0.5 * SIGMA * zc);
                } else {
                    ipsi[s * n + t] = Math.exp(-dMm / LAMBDA_MM + SIGMA * zi);
                    contra[s * n + t] = KAPPA_CONTRA * Math.exp(-dMm / LAMBDA_MM + SIGMA * zc);
                }
            }
        }
        List<String> acr = new ArrayList<>();
        left.forEach(a -> acr.add(a.acronym()));
        return new Connectome("synthetic connectome (seed " + seed + ")", acr, ipsi, contra,
                List.of("synthetic: log-normal strengths decaying with distance, not data"));
    }

    /** Standard normal by Box–Muller (SplittableRandom has no nextGaussian on Java 17). */
    static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static double sq(double x) {
        return x * x;
    }
}
