package doka.launcher.cycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import doka.enkf.FilterRandom;
import doka.enkf.RandomStream;
import doka.launcher.config.EnsembleConfig;

/**
 * On the analysis root: which members failed in a window, and how each is replaced from the healthy
 * ones. A member fails when it threw, when one of its values is NaN or infinite, or when the mean of its
 * absolute predictions is below {@code faults.silentBelowHz} (silent) or above {@code faults.runawayAboveHz}
 * (runaway). A failed member takes the next healthy member (cyclically) as its donor: the donor's forecast
 * stands in for it in the analysis, the donor's state is copied to it, and its parameters are drawn afresh
 * from the healthy members' analysis (mean and spread per component, in the transformed space), from the
 * {@link RandomStream#REPLACEMENT} stream of (window, member): part of the run's deterministic history.
 */
final class MemberFaults {
    /** The kinds of failure, as {@code summary.json} and {@code --inject-fault} name them. */
    static final List<String> KINDS = List.of("crash", "nan", "silence", "runaway");

    /** A member that failed in a window: why (one of {@link #KINDS}) and what was seen. */
    record Failure(int member, String reason, String detail) {
    }

    private final EnsembleConfig.Faults limits;
    private final int members;
    private final long seed;
    private final FilterLayout layout;

    MemberFaults(EnsembleConfig config, FilterLayout layout) {
        this.limits = config.faults();
        this.members = config.members();
        this.seed = RandomStream.REPLACEMENT.seed(config.seed());
        this.layout = layout;
    }

    /** The members that failed, in member order. */
    List<Failure> detect(WindowCodec.Reports r) {
        int dim = layout.dim();
        int p = r.predicted().length / members;
        List<Failure> failed = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            if (r.status()[m] == WindowCodec.THREW) {
                failed.add(new Failure(m, "crash", "it threw while it advanced"));
                continue;
            }
            if (!finite(r.estimated(), m * dim, dim) || !finite(r.predicted(), m * p, p)) {
                failed.add(new Failure(m, "nan", "a NaN or infinite estimated value or prediction"));
                continue;
            }
            if (p == 0) {
                continue;
            }
            double mean = 0;
            for (int j = 0; j < p; j++) {
                mean += Math.abs(r.predicted()[m * p + j]);
            }
            mean /= p;
            if (mean < limits.silentBelowHz()) {
                failed.add(new Failure(m, "silence", String.format(Locale.ROOT,
                        "mean prediction %.3g below faults.silentBelowHz = %.3g", mean, limits.silentBelowHz())));
            } else if (mean > limits.runawayAboveHz()) {
                failed.add(new Failure(m, "runaway", String.format(Locale.ROOT,
                        "mean prediction %.3g above faults.runawayAboveHz = %.3g", mean, limits.runawayAboveHz())));
            }
        }
        return failed;
    }

    /** Whether {@code failed} members are more than {@code faults.maxFailedShare} of the ensemble. */
    boolean tooMany(int failed) {
        return failed > limits.maxFailedShare() * members;
    }

    double maxFailedShare() {
        return limits.maxFailedShare();
    }

    /** Each member's donor: the next healthy member after it, cyclically, for the failed ones; {@link WindowCodec#NO_DONOR} for the rest. */
    int[] donors(List<Failure> failed) {
        boolean[] bad = new boolean[members];
        failed.forEach(f -> bad[f.member()] = true);
        int[] donors = new int[members];
        Arrays.fill(donors, WindowCodec.NO_DONOR);
        for (Failure f : failed) {
            int d = f.member();
            do {
                d = (d + 1) % members;
            } while (bad[d]);
            donors[f.member()] = d;
        }
        return donors;
    }

    /** Gives each failed member its donor's forecast (filter vector and predictions), so the analysis sees healthy members only. */
    static WindowCodec.Reports standIn(WindowCodec.Reports r, int[] donors) {
        int members = donors.length;
        int dim = r.estimated().length / members;
        int p = r.predicted().length / members;
        double[] estimated = r.estimated().clone();
        double[] predicted = r.predicted().clone();
        for (int m = 0; m < members; m++) {
            if (donors[m] != WindowCodec.NO_DONOR) {
                System.arraycopy(estimated, donors[m] * dim, estimated, m * dim, dim);
                System.arraycopy(predicted, donors[m] * p, predicted, m * p, p);
            }
        }
        return new WindowCodec.Reports(estimated, predicted, r.simSeconds(), r.status());
    }

    /**
     * Draws each failed member's parameters (components from {@code firstParameter} on) from the healthy members'
     * analysis in the transformed space: their mean plus their standard deviation times a standard normal draw;
     * state components keep the analysis of the donor's stand-in. Changes {@code analysis} (natural units, N×n).
     */
    void drawParameters(double[] analysis, int window, int[] donors) {
        int dim = layout.dim();
        int first = layout.firstParameter();
        double[] z = layout.toFilter(analysis);
        int healthy = 0;
        double[] mean = new double[dim];
        double[] sq = new double[dim];
        for (int m = 0; m < members; m++) {
            if (donors[m] == WindowCodec.NO_DONOR) {
                healthy++;
                for (int i = first; i < dim; i++) {
                    mean[i] += z[m * dim + i];
                }
            }
        }
        for (int i = first; i < dim; i++) {
            mean[i] /= healthy;
        }
        for (int m = 0; m < members; m++) {
            if (donors[m] == WindowCodec.NO_DONOR) {
                for (int i = first; i < dim; i++) {
                    double d = z[m * dim + i] - mean[i];
                    sq[i] += d * d;
                }
            }
        }
        for (int m = 0; m < members; m++) {
            if (donors[m] == WindowCodec.NO_DONOR) {
                continue;
            }
            FilterRandom random = new FilterRandom(FilterRandom.derive(seed, (long) window * members + m));
            for (int i = first; i < dim; i++) {
                double sd = healthy > 1 ? Math.sqrt(sq[i] / (healthy - 1)) : 0;
                z[m * dim + i] = mean[i] + sd * random.nextGaussian();
            }
        }
        double[] natural = layout.toPhysical(z);
        for (int m = 0; m < members; m++) {
            if (donors[m] != WindowCodec.NO_DONOR) {
                System.arraycopy(natural, m * dim + first, analysis, m * dim + first, dim - first);
            }
        }
    }

    private static boolean finite(double[] a, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (!Double.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }
}
