package doka.engine.cortex;

import doka.engine.kernel.Ownership;
import doka.engine.kernel.Purpose;
import doka.engine.kernel.Rng;
import doka.engine.kernel.SplitMix64;
import doka.engine.kernel.SynapseBatch;
import doka.engine.kernel.SynapseGenerator;

/**
 * Between-area synapses: from the E cells of L2/3–L6 of a source area to all cells of a target
 * area, every pair independently with p = 1 − exp(−γ·G_t·W_st / (N_s N_t)) (spec §4), W the
 * connectome strength, G_t the long-range gain of the target area and γ the global gain solved
 * by {@link #solveGamma} for a target mean in-degree. Each target cell draws its sources with
 * geometric skips from its own random streams, so a rank that owns only some targets draws only
 * theirs and gets exactly their synapses of the whole network. Weights J/√s (Gaussian, relative
 * sd, clipped at 0); delays base + distance / v_source.
 */
final class LongRangeWiring implements SynapseGenerator {
    private final Cells cells;
    private final double[] strength; // area × area, row = source
    private final double gamma;
    private final double[] gainByTarget;
    private final double[] velocityBySource; // mm/ms
    private final double baseDelayMs;
    private final double weightPa;
    private final double relSd;
    private final double dtMs;
    private final long seed;
    private final int nAreas;

    LongRangeWiring(Cells cells, double[] strength, double gamma, double[] gainByTarget, double[] velocityBySource,
                    double baseDelayMs, double weightPa, double relSd, double densityScale, double dtMs, long seed) {
        this.cells = cells;
        this.strength = strength;
        this.gamma = gamma;
        this.gainByTarget = gainByTarget;
        this.velocityBySource = velocityBySource;
        this.baseDelayMs = baseDelayMs;
        this.weightPa = weightPa / Math.sqrt(densityScale);
        this.relSd = relSd;
        this.dtMs = dtMs;
        this.seed = seed;
        this.nAreas = cells.areaCount();
    }

    /** Number of long-range source cells (E of L2/3–L6) of an area. */
    static int sourceCount(Cells cells, int area) {
        int n = 0;
        for (int l = 0; l < Cells.LAYERS; l++) {
            n += cells.size(Cells.population(area, l, CellClass.E));
        }
        return n;
    }

    /** Connection probability of one pair from source area s to target area t. */
    static double probability(double gamma, double w, double ns, double nt) {
        return ns == 0 || nt == 0 ? 0 : -Math.expm1(-gamma * w / (ns * nt));
    }

    /** Expected number of synapses into each area for gain γ. */
    static double[] expectedInto(Cells cells, double[] strength, double gamma, double[] gainByTarget) {
        int n = cells.areaCount();
        double[] into = new double[n];
        for (int s = 0; s < n; s++) {
            double ns = sourceCount(cells, s);
            for (int t = 0; t < n; t++) {
                double nt = cells.areaEnd(t) - cells.areaStart(t);
                double w = strength[s * n + t] * gainByTarget[t];
                if (w > 0) {
                    into[t] += ns * nt * probability(gamma, w, ns, nt);
                }
            }
        }
        return into;
    }

    /**
     * γ such that the mean long-range in-degree over all cells equals {@code meanInDegree}
     * (bisection on log γ; the expected count is increasing in γ). 0 when the target is 0 or there
     * is no strength; an error when the target exceeds what all-to-all wiring could give.
     */
    static double solveGamma(Cells cells, double[] strength, double meanInDegree) {
        double[] ones = new double[cells.areaCount()];
        java.util.Arrays.fill(ones, 1);
        double want = meanInDegree * cells.count();
        if (want <= 0 || java.util.Arrays.stream(strength).sum() == 0) {
            return 0;
        }
        double lo = 1e-12, hi = 1e30;
        if (sum(expectedInto(cells, strength, hi, ones)) < want) {
            throw new IllegalArgumentException("long-range target in-degree " + meanInDegree
                    + " exceeds what all-to-all wiring between connected areas gives at this density");
        }
        for (int i = 0; i < 200; i++) {
            double mid = Math.sqrt(lo * hi);
            if (sum(expectedInto(cells, strength, mid, ones)) < want) {
                lo = mid;
            } else {
                hi = mid;
            }
            if (hi / lo < 1 + 1e-12) {
                break;
            }
        }
        return Math.sqrt(lo * hi);
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    @Override
    public String description() {
        return "cortex long-range wiring (γ = " + gamma + ")";
    }

    @Override
    public int blockCount() {
        return nAreas;
    }

    @Override
    public void generate(int t, SynapseBatch out, Ownership targets) {
        int t0 = cells.areaStart(t), t1 = cells.areaEnd(t), nt = t1 - t0;
        double[] p = new double[nAreas];
        double[] logq = new double[nAreas];
        int[] ns = new int[nAreas];
        for (int s = 0; s < nAreas; s++) {
            ns[s] = sourceCount(cells, s);
            p[s] = probability(gamma, strength[s * nAreas + t] * gainByTarget[t], ns[s], nt);
            logq[s] = p[s] >= 1 ? Double.NEGATIVE_INFINITY : Math.log1p(-p[s]);
        }
        for (int tgt = t0; tgt < t1; tgt++) {
            if (!targets.isAll() && !targets.owns(tgt)) {
                continue;
            }
            // Negative stream ids keep these apart from the local wiring's per-target streams.
            SplitMix64 pairs = new SplitMix64(Rng.key(seed, Purpose.CONNECT_PAIRS, -1L - tgt));
            SplitMix64 vals = new SplitMix64(Rng.key(seed, Purpose.CONNECT_VALUES, -1L - tgt));
            for (int s = 0; s < nAreas; s++) {
                if (p[s] <= 0) {
                    continue;
                }
                for (long k = skip(pairs, logq[s]); k < ns[s]; k += 1L + skip(pairs, logq[s])) {
                    int src = sourceCell(s, (int) k);
                    double wPa = Math.max(0, weightPa * (1 + relSd * vals.nextGaussian()));
                    double delayMs = baseDelayMs + cells.distanceUm(src, tgt) * 1e-3 / velocityBySource[s];
                    out.add(src, tgt, (float) wPa, Math.max(1, (int) Math.round(delayMs / dtMs)));
                }
            }
        }
    }

    /** A geometric skip; the int-saturated value means "beyond any pair" (p below ~1e-9). */
    private static long skip(SplitMix64 pairs, double logq) {
        int g = pairs.nextGeometric(logq);
        return g == Integer.MAX_VALUE ? Long.MAX_VALUE / 2 : g;
    }

    /** The i-th E cell of L2/3–L6 of an area. */
    private int sourceCell(int area, int i) {
        for (int l = 0; l < Cells.LAYERS; l++) {
            int p = Cells.population(area, l, CellClass.E);
            if (i < cells.size(p)) {
                return cells.offset(p) + i;
            }
            i -= cells.size(p);
        }
        throw new IllegalStateException("source index beyond the area's E cells");
    }
}
