package doka.engine.cortex;

import doka.engine.atlas.Atlas;
import doka.engine.kernel.Ownership;
import doka.engine.kernel.Purpose;
import doka.engine.kernel.Rng;
import doka.engine.kernel.SplitMix64;
import doka.engine.kernel.SynapseBatch;
import doka.engine.kernel.SynapseGenerator;

/**
 * Within-area synapses: for each pathway (source population → target population of the same
 * area) every pair within the truncation radius R is connected independently with
 * p(r) = p₀ exp(−r²/2σ²), r the tangential distance, p₀ = K·s / Σ_j exp(−r_j²/2σ²) over the
 * source cells within R of the target's column, K the full-scale in-degree
 * ({@link LocalPathways}) and s the density scale: in an unbounded sheet of areal density ρ this
 * is the spec's K/(2πσ²ρ), and near area borders it keeps the expected in-degree at K·s. Pairs
 * are drawn exactly by thinning: source cells are bucketed (edge R/2); for each bucket the
 * Gaussian's largest value over the bucket bounds the probability, candidates are visited with
 * geometric skips at that rate and kept with the exact ratio, so the cost grows with the number
 * of synapses, not of pairs.
 *
 * <p>Weights: J/√s (2J/√s for L4e → L2/3e), −g₀J/√s for FS and LTS sources, Gaussian with
 * relative sd, clipped at zero. Delays: synaptic delay (E or I) + r / v_lateral. One random stream
 * per target neuron for the pairs and one for the values, so the result is independent of threads.
 */
final class LocalWiring implements SynapseGenerator {
    /** The inhibition ratio the weights are built with; the g parameters act as gains relative to it. */
    static final double G0 = 4.0;

    /** Buckets of edge R/2 scanned up to 2 away: every cell within R of a site is covered. */
    private static final int REACH = 2;

    private final Cells cells;
    private final Atlas atlas;
    private final double slackUm;
    private final LocalPathways pathways;
    private final TangentialIndex[] index;
    private final int[] targetPopulations;
    private final double sigmaUm;
    private final double radiusUm;
    private final double weightPa;
    private final double relSd;
    private final double[] delaySynMs;
    private final double lateralMmPerMs;
    private final double dtMs;
    private final long seed;

    LocalWiring(Atlas atlas, Cells cells, LocalPathways pathways, CortexModel.LocalSpec spec, double densityScale,
                double dtMs, long seed) {
        this.cells = cells;
        this.atlas = atlas;
        // Cells lie within half a voxel diagonal of their column's point (tangentially).
        this.slackUm = atlas.voxelUm() * Math.sqrt(3) / 2;
        this.pathways = pathways;
        this.sigmaUm = spec.sigmaUm();
        this.radiusUm = spec.sigmaUm() * spec.truncationSigmas();
        this.weightPa = spec.weightPa() / Math.sqrt(densityScale);
        this.relSd = spec.relativeWeightSd();
        this.delaySynMs = new double[] {spec.delayExcMs(), spec.delayInhMs()};
        this.lateralMmPerMs = spec.lateralVelocityMmPerMs();
        this.dtMs = dtMs;
        this.seed = seed;
        int nPop = cells.populationCount();
        index = new TangentialIndex[cells.areaCount()];
        for (int a = 0; a < index.length; a++) {
            if (cells.areaEnd(a) > cells.areaStart(a)) {
                index[a] = new TangentialIndex(cells, a, radiusUm / REACH);
            }
        }
        int nonEmpty = 0;
        for (int p = 0; p < nPop; p++) {
            nonEmpty += cells.size(p) > 0 ? 1 : 0;
        }
        targetPopulations = new int[nonEmpty];
        for (int p = 0, k = 0; p < nPop; p++) {
            if (cells.size(p) > 0) {
                targetPopulations[k++] = p;
            }
        }
    }

    @Override
    public String description() {
        return "cortex local Gaussian wiring (σ = " + sigmaUm + " µm)";
    }

    @Override
    public int blockCount() {
        return targetPopulations.length;
    }

    /** Draws the synapses onto the owned cells of target population {@code block}. */
    @Override
    public void generate(int block, SynapseBatch out, Ownership targets) {
        int tp = targetPopulations[block];
        int area = Cells.areaOf(tp);
        int base = area * Cells.LAYERS * Cells.CLASSES;
        int per = Cells.LAYERS * Cells.CLASSES;
        int maxBuckets = (2 * REACH + 1) * (2 * REACH + 1) * (2 * REACH + 1);
        int[] bucket = new int[maxBuckets];
        double[] bound = new double[maxBuckets];
        double[][] pb = new double[per][maxBuckets];   // per site: thinning rate per population and bucket
        double[][] logq = new double[per][maxBuckets]; // and log(1 − rate)
        double[] p0 = new double[per];
        int buckets = 0;
        TangentialIndex idx = index[area];
        double r2max = radiusUm * radiusUm;
        double inv2s2 = 1 / (2 * sigmaUm * sigmaUm);
        // Targets grouped by site: the bucket list and its bounds are computed once per site.
        int from = cells.offset(tp), n = cells.offset(tp + 1) - from;
        long[] bySite = new long[n];
        for (int i = 0; i < n; i++) {
            bySite[i] = (long) pathways.site(from + i) << 32 | i;
        }
        java.util.Arrays.sort(bySite);
        int currentSite = -1;
        for (long key : bySite) {
            int t = from + (int) key;
            if (!targets.isAll() && !targets.owns(t)) {
                continue;
            }
            int site = (int) (key >>> 32);
            if (site != currentSite) {
                currentSite = site;
                int col = pathways.siteColumn(site);
                buckets = idx.neighbourhood(atlas.columnPosUm(col, 0), atlas.columnPosUm(col, 1),
                        atlas.columnPosUm(col, 2), REACH, bucket, bound);
                for (int b = 0; b < buckets; b++) {
                    // Upper bound of exp(−r²/2σ²) over the bucket for any cell of the site.
                    double d = Math.max(0, Math.sqrt(bound[b]) - slackUm);
                    bound[b] = d * d > r2max ? 0 : Math.exp(-d * d * inv2s2);
                }
                // p0 depends on the target only through its site.
                for (int k = 0; k < per; k++) {
                    p0[k] = pathways.p0(t, tp, base + k);
                    for (int b = 0; b < buckets; b++) {
                        pb[k][b] = p0[k] * bound[b];
                        logq[k][b] = pb[k][b] >= 1 ? Double.NEGATIVE_INFINITY : Math.log1p(-pb[k][b]);
                    }
                }
            }
            SplitMix64 pairs = new SplitMix64(Rng.key(seed, Purpose.CONNECT_PAIRS, t));
            SplitMix64 vals = new SplitMix64(Rng.key(seed, Purpose.CONNECT_VALUES, t));
            float tx = cells.tangentialUm(t, 0), ty = cells.tangentialUm(t, 1), tz = cells.tangentialUm(t, 2);
            for (int k = 0; k < per; k++) {
                int sp = base + k;
                if (p0[k] <= 0) {
                    continue;
                }
                boolean inh = Cells.classOf(sp).inhibitory();
                double mean = weightPa * pathways.weightFactor(tp, sp);
                for (int bi = 0; bi < buckets; bi++) {
                    int b = bucket[bi];
                    int lo = idx.from(b, k), hi = idx.to(b, k);
                    if (pb[k][bi] <= 0 || lo == hi) {
                        continue;
                    }
                    // Thinning: candidates at rate pb, each kept with p0·exp(−r²/2σ²) / pb.
                    double q = logq[k][bi];
                    for (long pos = lo + (long) pairs.nextGeometric(q); pos < hi; pos += 1L + pairs.nextGeometric(q)) {
                        int src = idx.cellAt((int) pos);
                        double r2 = idx.tangentialDistanceSqUm2((int) pos, tx, ty, tz); // = cells.tangentialDistanceSqUm2(src, t)
                        if (src == t || r2 > r2max) {
                            continue;
                        }
                        if (pairs.nextDouble() * pb[k][bi] >= p0[k] * Math.exp(-r2 * inv2s2)) {
                            continue;
                        }
                        double w = mean * (1 + relSd * vals.nextGaussian());
                        if (w * mean < 0) {
                            w = 0; // keep the sign: clip at zero as PD14 does
                        }
                        double delayMs = delaySynMs[inh ? 1 : 0] + Math.sqrt(r2) * 1e-3 / lateralMmPerMs;
                        out.add(src, t, (float) w, Math.max(1, (int) Math.round(delayMs / dtMs)));
                    }
                }
            }
        }
    }
}
