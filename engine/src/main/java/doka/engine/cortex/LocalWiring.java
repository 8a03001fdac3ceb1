package doka.engine.cortex;

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
 * is the spec's K/(2πσ²ρ), and near area borders it keeps the expected in-degree at K·s. Pairs are drawn exactly by thinning: candidates are visited with
 * geometric skips of rate p₀ and kept with probability exp(−r²/2σ²), so the cost grows with the
 * number of synapses rather than pairs. No autapses, no multapses.
 *
 * <p>Weights: J/√s (2J/√s for L4e → L2/3e), −g₀J/√s for FS and LTS sources, Gaussian with
 * relative sd, clipped at zero. Delays: synaptic delay (E or I) + r / v_lateral. One random stream
 * per target neuron for the pairs and one for the values, so the result is independent of threads.
 */
final class LocalWiring implements SynapseGenerator {
    /** The inhibition ratio the weights are built with; the g parameters act as gains relative to it. */
    static final double G0 = 4.0;

    private final Cells cells;
    private final LocalPathways pathways;
    private final TangentialIndex[] index;
    private final int[] targetPopulations;
    private final double sigmaUm;
    private final double radiusUm;
    private final double densityScale;
    private final double weightPa;
    private final double relSd;
    private final double[] delaySynMs;
    private final double lateralMmPerMs;
    private final double dtMs;
    private final long seed;

    LocalWiring(Cells cells, LocalPathways pathways, CortexModel.LocalSpec spec, double densityScale, double dtMs,
                long seed) {
        this.cells = cells;
        this.pathways = pathways;
        this.sigmaUm = spec.sigmaUm();
        this.radiusUm = spec.sigmaUm() * spec.truncationSigmas();
        this.densityScale = densityScale;
        this.weightPa = spec.weightPa() / Math.sqrt(densityScale);
        this.relSd = spec.relativeWeightSd();
        this.delaySynMs = new double[] {spec.delayExcMs(), spec.delayInhMs()};
        this.lateralMmPerMs = spec.lateralVelocityMmPerMs();
        this.dtMs = dtMs;
        this.seed = seed;
        int nPop = cells.populationCount();
        index = new TangentialIndex[nPop];
        int nonEmpty = 0;
        for (int p = 0; p < nPop; p++) {
            if (cells.size(p) > 0) {
                index[p] = new TangentialIndex(cells, cells.offset(p), cells.offset(p + 1), radiusUm);
                nonEmpty++;
            }
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

    @Override
    public void generate(int block, SynapseBatch out, boolean values) {
        int tp = targetPopulations[block];
        int area = Cells.areaOf(tp);
        int base = area * Cells.LAYERS * Cells.CLASSES;
        int[] lo = new int[27];
        int[] hi = new int[27];
        double r2max = radiusUm * radiusUm;
        double inv2s2 = 1 / (2 * sigmaUm * sigmaUm);
        for (int t = cells.offset(tp); t < cells.offset(tp + 1); t++) {
            SplitMix64 pairs = new SplitMix64(Rng.key(seed, Purpose.CONNECT_PAIRS, t));
            SplitMix64 vals = values ? new SplitMix64(Rng.key(seed, Purpose.CONNECT_VALUES, t)) : null;
            float tx = cells.tangentialUm(t, 0), ty = cells.tangentialUm(t, 1), tz = cells.tangentialUm(t, 2);
            for (int k = 0; k < Cells.LAYERS * Cells.CLASSES; k++) {
                int sp = base + k;
                double p0 = pathways.p0(t, tp, sp);
                if (p0 <= 0 || index[sp] == null) {
                    continue;
                }
                double logq = p0 >= 1 ? Double.NEGATIVE_INFINITY : Math.log1p(-p0);
                int buckets = index[sp].neighbourhood(tx, ty, tz, lo, hi);
                int b = 0;
                int pos = buckets > 0 ? lo[0] - 1 : 0;
                while (b < buckets) {
                    // Skip to the next candidate kept at rate p0, walking across bucket ranges.
                    long skip = 1L + pairs.nextGeometric(logq);
                    while (b < buckets && pos + skip >= hi[b]) {
                        skip -= hi[b] - 1 - pos;
                        b++;
                        pos = b < buckets ? lo[b] - 1 : 0;
                    }
                    if (b >= buckets) {
                        break;
                    }
                    pos += (int) skip;
                    int s = index[sp].cellAt(pos);
                    double r2 = cells.tangentialDistanceSqUm2(s, t);
                    if (s == t || r2 > r2max) {
                        continue;
                    }
                    double accept = pairs.nextDouble();
                    if (accept >= Math.exp(-r2 * inv2s2)) {
                        continue;
                    }
                    if (!values) {
                        out.add(s, t);
                        continue;
                    }
                    boolean inh = Cells.classOf(sp).inhibitory();
                    double mean = weightPa * pathways.weightFactor(tp, sp);
                    double w = mean * (1 + relSd * vals.nextGaussian());
                    if (w * mean < 0) {
                        w = 0; // keep the sign: clip at zero as PD14 does
                    }
                    double delayMs = delaySynMs[inh ? 1 : 0] + Math.sqrt(r2) * 1e-3 / lateralMmPerMs;
                    out.add(s, t, (float) w, Math.max(1, (int) Math.round(delayMs / dtMs)));
                }
            }
        }
    }

    double densityScale() {
        return densityScale;
    }
}
