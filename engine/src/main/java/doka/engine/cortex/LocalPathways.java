package doka.engine.cortex;

import doka.engine.atlas.Atlas;
import doka.engine.pd14.Pd14Tables;

/**
 * The within-area pathways of every area: full-scale in-degrees K from PD14 with each inhibitory
 * population split into FS and LTS (by the FS share of the source layer in that area), the
 * Pfeffer et al. 2013 rules — LTS do not inhibit LTS (the LTS share of the PD14 I → I in-degree
 * is scaled by {@code ltsToLts}, default 0) and LTS receive the whole PD14 I → I in-degree from FS
 * (scaled by {@code fsToLts}, default 1, which keeps their mean inhibition) — the connection
 * probability scale p₀ and the mean-input compensation (as DC) of what the model leaves out of
 * PD14's in-degrees: the down-scaled share, the share that capping p₀ at 1 takes near borders and in
 * small areas, missing layers, and the I → I input the interneuron rules take from LTS cells.
 */
final class LocalPathways {
    private static final int PER_AREA = Cells.LAYERS * Cells.CLASSES;

    private final double[] inDegree; // [area][tLocal][sLocal] flattened: full-scale K
    /** PD14 I → I in-degree that the interneuron rules take from LTS targets, on the FS-source entry. */
    private final double[] removedInDegree;
    private final int[] cellSite;    // per cell: its (area, column) site
    private final int[] siteColumn;
    private final double[] kernelSum; // per site and source population of the area: Σ n exp(−r²/2σ²)
    /** Per target and source population: mean over the target's cells of K·s minus the in-degree p₀ ≤ 1 can reach. */
    private final double[] cappedDeficit;
    private final double densityScale;
    private final double[][] inhibitoryTauMs;

    /**
     * @param inhibitoryTauMs [target class][source class]: the time constant (ms) of the current an
     *        FS or LTS synapse drives in the target (τ_syn,in, or τ_syn,in,slow for LTS sources when
     *        LTS inhibition is slow). Inhibitory weights are scaled by PD14's τ_syn (0.5 ms) / τ so
     *        that an IPSC carries PD14's charge whatever its kinetics.
     */
    LocalPathways(Atlas atlas, Cells cells, CellComposition comp, CortexModel.LocalSpec spec, double densityScale,
                  double[][] inhibitoryTauMs) {
        this.densityScale = densityScale;
        this.inhibitoryTauMs = inhibitoryTauMs;
        int nAreas = atlas.areas().size();
        inDegree = new double[nAreas * PER_AREA * PER_AREA];
        removedInDegree = new double[inDegree.length];
        for (int a = 0; a < nAreas; a++) {
            String acr = atlas.areas().get(a).acronym();
            for (int t = 0; t < PER_AREA; t++) {
                for (int s = 0; s < PER_AREA; s++) {
                    int tl = t / Cells.CLASSES, sl = s / Cells.CLASSES;
                    CellClass tc = CellClass.values()[t % Cells.CLASSES], sc = CellClass.values()[s % Cells.CLASSES];
                    double k = Pd14Tables.inDegree(Pd14Tables.index(tl, tc.inhibitory()), Pd14Tables.index(sl, sc.inhibitory()));
                    double fs = comp.fsShare(acr, sl);
                    if (tc == CellClass.LTS && sc == CellClass.LTS) {
                        k *= (1 - fs) * spec.ltsToLts();
                    } else if (tc == CellClass.LTS && sc == CellClass.FS) {
                        removedInDegree[(a * PER_AREA + t) * PER_AREA + s] =
                                k * (1 - spec.fsToLts() - (1 - fs) * spec.ltsToLts());
                        k *= spec.fsToLts(); // LTS take their whole inhibitory in-degree from FS
                    } else if (sc == CellClass.FS) {
                        k *= fs;
                    } else if (sc == CellClass.LTS) {
                        k *= 1 - fs;
                    }
                    inDegree[(a * PER_AREA + t) * PER_AREA + s] = k;
                }
            }
        }
        // Sites: the (area, column) pairs; cells of a site share their source neighbourhood.
        java.util.Map<Long, Integer> siteOf = new java.util.HashMap<>();
        java.util.List<int[]> sites = new java.util.ArrayList<>(); // {area, column}
        cellSite = new int[cells.count()];
        for (int c = 0; c < cells.count(); c++) {
            int v = cells.voxel(c);
            int a = atlas.voxelArea(v), col = atlas.voxelColumn(v);
            long key = (long) a << 32 | col;
            Integer site = siteOf.get(key);
            if (site == null) {
                site = sites.size();
                siteOf.put(key, site);
                sites.add(new int[] {a, col});
            }
            cellSite[c] = site;
        }
        int nSites = sites.size();
        siteColumn = new int[nSites];
        for (int i = 0; i < nSites; i++) {
            siteColumn[i] = sites.get(i)[1];
        }
        double[] count = new double[nSites * PER_AREA];
        for (int p = 0; p < cells.populationCount(); p++) {
            for (int c = cells.offset(p); c < cells.offset(p + 1); c++) {
                count[cellSite[c] * PER_AREA + p % PER_AREA]++;
            }
        }
        // Gaussian-weighted source counts around each site, over the sites of the same area.
        double sigma = spec.sigmaUm(), r2max = Math.pow(sigma * spec.truncationSigmas(), 2);
        java.util.List<java.util.List<Integer>> byArea = new java.util.ArrayList<>();
        for (int a = 0; a < nAreas; a++) {
            byArea.add(new java.util.ArrayList<>());
        }
        for (int i = 0; i < nSites; i++) {
            byArea.get(sites.get(i)[0]).add(i);
        }
        kernelSum = new double[nSites * PER_AREA];
        for (java.util.List<Integer> list : byArea) {
            for (int i : list) {
                int ci = sites.get(i)[1];
                for (int j : list) {
                    int cj = sites.get(j)[1];
                    double r2 = 0;
                    for (int ax = 0; ax < 3; ax++) {
                        double d = atlas.columnPosUm(ci, ax) - atlas.columnPosUm(cj, ax);
                        r2 += d * d;
                    }
                    if (r2 > r2max) {
                        continue;
                    }
                    double g = Math.exp(-r2 / (2 * sigma * sigma));
                    for (int s = 0; s < PER_AREA; s++) {
                        kernelSum[i * PER_AREA + s] += g * count[j * PER_AREA + s];
                    }
                }
            }
        }
        // A target's expected in-degree is min(K·s, Σ exp(−r²/2σ²)): what p₀ ≤ 1 cannot reach, on average.
        cappedDeficit = new double[inDegree.length];
        for (int tp = 0; tp < cells.populationCount(); tp++) {
            int n = cells.size(tp);
            for (int s = 0; s < PER_AREA && n > 0; s++) {
                int sp = Cells.areaOf(tp) * PER_AREA + s;
                double k = inDegree(tp, sp) * densityScale;
                double sum = 0;
                for (int c = cells.offset(tp); c < cells.offset(tp + 1); c++) {
                    sum += Math.max(0, k - kernelSum[cellSite[c] * PER_AREA + s]);
                }
                cappedDeficit[idx(tp, sp)] = sum / n;
            }
        }
    }

    /**
     * p₀ for target cell t of population tp and source population sp (same area): K·s divided by
     * the Gaussian-weighted number of source cells around t's column, so that t's expected
     * in-degree is K·s wherever it sits (near area borders the kernel is renormalised over the
     * sources that exist). Capped at 1 (the in-degree is then lower; see {@link #clippedSites}).
     */
    double p0(int t, int tp, int sp) {
        double z = kernelSum[cellSite[t] * PER_AREA + sp % PER_AREA];
        double k = inDegree(tp, sp) * densityScale;
        if (z <= 0 || k <= 0) {
            return 0;
        }
        return Math.min(1, k / z);
    }

    /** The (area, column) site of a cell. */
    int site(int cell) {
        return cellSite[cell];
    }

    /** The atlas column of a site. */
    int siteColumn(int site) {
        return siteColumn[site];
    }

    /** Mean expected in-degree of a pathway over the target population: K·s less what capping p₀ at 1 takes. */
    double expectedInDegree(int targetPop, int sourcePop) {
        return inDegree(targetPop, sourcePop) * densityScale - cappedDeficit[idx(targetPop, sourcePop)];
    }

    /** Counts (target cell, pathway) combinations whose p₀ was capped at 1, for the build notes. */
    int countClipped(Cells cells) {
        int n = 0;
        for (int tp = 0; tp < cells.populationCount(); tp++) {
            if (cells.size(tp) == 0) {
                continue;
            }
            int t = cells.offset(tp);
            int base = Cells.areaOf(tp) * PER_AREA;
            for (int s = 0; s < PER_AREA; s++) {
                double z = kernelSum[cellSite[t] * PER_AREA + s];
                if (z > 0 && inDegree(tp, base + s) * densityScale > z) {
                    n++;
                }
            }
        }
        return n;
    }

    private int idx(int tp, int sp) {
        int a = Cells.areaOf(tp);
        return (a * PER_AREA + tp % PER_AREA) * PER_AREA + sp % PER_AREA;
    }

    /** Full-scale in-degree of a pathway. */
    double inDegree(int targetPop, int sourcePop) {
        return inDegree[idx(targetPop, sourcePop)];
    }

    /**
     * Mean weight in units of J: 1 for E (2 for L4e → L2/3e), −g₀ × the charge factor
     * (PD14's τ_syn / the IPSC's τ) for FS and LTS sources.
     */
    double weightFactor(int targetPop, int sourcePop) {
        CellClass sc = Cells.classOf(sourcePop);
        if (sc.inhibitory()) {
            return -LocalWiring.G0 * CortexNetwork.PD14_TAU_SYN_MS / tauMs(targetPop, sourcePop, 0);
        }
        boolean l4ToL23e = Cells.layerOf(sourcePop) == 1 && Cells.layerOf(targetPop) == 0
                && Cells.classOf(targetPop) == CellClass.E;
        return l4ToL23e ? 2 : 1;
    }

    /** Time constant of the current a synapse from {@code sourcePop} drives in {@code targetPop}; E sources: {@code tauExMs}. */
    private double tauMs(int targetPop, int sourcePop, double tauExMs) {
        CellClass sc = Cells.classOf(sourcePop);
        return sc.inhibitory() ? inhibitoryTauMs[Cells.classOf(targetPop).ordinal()][sc.ordinal()] : tauExMs;
    }

    /**
     * The mean synaptic current (pA) that down-scaling removes from a target population, split
     * into excitatory [0] and inhibitory [1] parts: (1 − √s) Σ K w τ ν over the pathways
     * (van Albada et al. 2015), and the whole K w τ ν of pathways from a layer the area has no
     * voxels in ({@code layerVoxels}: voxels per layer of the target's area).
     */
    double[] compensationPa(int targetPop, int[] layerVoxels, double jPa, double tauExMs, double[] refRatesHz,
                            double densityScale) {
        int a = Cells.areaOf(targetPop);
        double[] out = new double[2];
        for (int s = 0; s < PER_AREA; s++) {
            int sp = a * PER_AREA + s;
            int sl = Cells.layerOf(sp);
            // A layer the area lacks (L4 of agranular areas) gives its whole PD14 mean input as DC,
            // so that every area keeps the PD14 operating point (a modelling choice).
            // Otherwise the down-scaled share, plus what capping p₀ at 1 takes (an in-degree of
            // K·s − deficit of weight w/√s: the deficit is worth deficit/(K·√s) of the full mean).
            double k = inDegree(targetPop, sp);
            double missing = 1;
            if (layerVoxels[sl] != 0) {
                double capped = k > 0 ? cappedDeficit[idx(targetPop, sp)] / (k * Math.sqrt(densityScale)) : 0;
                missing = 1 - Math.sqrt(densityScale) + capped;
            }
            boolean inh = Cells.classOf(sp).inhibitory();
            double nu = refRatesHz[Pd14Tables.index(sl, inh)];
            double perSynapse = jPa * weightFactor(targetPop, sp) * tauMs(targetPop, sp, tauExMs) * 1e-3 * nu;
            // Plus the I → I input the interneuron rules leave out of LTS targets (fsToLts, ltsToLts < 1),
            // so that the rules change the fluctuations and the feedback loops, not the mean.
            out[inh ? 1 : 0] += (missing * k + removedInDegree[idx(targetPop, sp)]) * perSynapse;
        }
        return out;
    }
}
