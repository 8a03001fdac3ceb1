package doka.engine.atlas;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The embedded default atlas: a <b>synthetic</b> bilateral cortex, generated deterministically from
 * a seed. Each hemisphere is a flat layered sheet of 100 µm voxels (x anterior→posterior, z
 * medial→lateral mirrored about the midline, y depth below the pia) divided into named areas by a
 * Voronoi partition of jittered nominal area centres. Agranular areas (MOs, MOp, ACAd, PL, ORBl,
 * RSPd) have no L4; their L2/3 and L5 absorb its share.
 *
 * <p>Layer thickness fractions (of the full depth, L1 included) are a modelling choice close to
 * CCF v3 measurements: granular L1 0.11, L2/3 0.27, L4 0.15, L5 0.22, L6 0.25; agranular L1 0.11,
 * L2/3 0.33, L5 0.29, L6 0.27. Area thicknesses 0.9–1.4 mm (motor thickest, visual thinnest).
 * The layout loosely follows a dorsal flat map of the mouse cortex; it is not anatomy.
 */
public final class SyntheticCortex {
    /** Nominal area: centre in mm (anterior-posterior, medio-lateral), agranular flag, thickness. */
    record Nominal(String acronym, double apMm, double mlMm, boolean agranular, double thicknessMm) {
    }

    static final List<Nominal> AREAS = List.of(
            new Nominal("PL", 0.6, 0.4, true, 1.1),
            new Nominal("ORBl", 0.5, 1.9, true, 1.1),
            new Nominal("MOs", 1.5, 1.1, true, 1.3),
            new Nominal("ACAd", 2.6, 0.35, true, 1.1),
            new Nominal("MOp", 2.8, 1.8, true, 1.4),
            new Nominal("SSp-ul", 3.1, 2.9, false, 1.3),
            new Nominal("SSp-m", 2.6, 4.1, false, 1.2),
            new Nominal("SSp-ll", 4.0, 1.7, false, 1.3),
            new Nominal("SSp-bfd", 4.4, 3.4, false, 1.3),
            new Nominal("SSs", 4.0, 4.6, false, 1.2),
            new Nominal("RSPd", 5.4, 0.4, true, 0.9),
            new Nominal("AUDp", 6.0, 4.6, false, 1.0),
            new Nominal("VISl", 6.6, 3.4, false, 0.9),
            new Nominal("VISp", 6.9, 2.1, false, 0.9));

    private static final double[] GRANULAR = {0.11, 0.27, 0.15, 0.22, 0.25};
    private static final double[] AGRANULAR = {0.11, 0.33, 0.0, 0.29, 0.27};

    /**
     * @param seed generator seed (jitter of the area centres)
     * @param apVoxels sheet length along x per hemisphere
     * @param mlVoxels sheet width along z per hemisphere
     */
    public record Spec(long seed, int apVoxels, int mlVoxels) {
        public Spec {
            if (apVoxels < 4 || mlVoxels < 4) {
                throw new IllegalArgumentException("synthetic cortex: sheet of " + apVoxels + " × " + mlVoxels
                        + " voxels is too small (at least 4 × 4)");
            }
        }

        /** The default sheet: 7.5 mm × 5 mm per hemisphere. */
        public static Spec defaults(long seed) {
            return new Spec(seed, 75, 50);
        }
    }

    public static final double VOXEL_UM = 100.0;

    private SyntheticCortex() {
    }

    /** The acronyms of the synthetic areas, in atlas order (the same in both hemispheres). */
    public static List<String> acronyms() {
        return AREAS.stream().map(Nominal::acronym).toList();
    }

    /** Generates the atlas. Deterministic in {@code spec}. */
    public static Atlas generate(Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        int nAreas = AREAS.size();
        double scaleAp = spec.apVoxels() / 75.0, scaleMl = spec.mlVoxels() / 50.0;
        double[] cAp = new double[nAreas];
        double[] cMl = new double[nAreas];
        for (int a = 0; a < nAreas; a++) {
            cAp[a] = (AREAS.get(a).apMm() + 0.2 * (2 * rng.nextDouble() - 1)) * scaleAp;
            cMl[a] = (AREAS.get(a).mlMm() + 0.2 * (2 * rng.nextDouble() - 1)) * scaleMl;
        }
        int maxDepth = 0;
        int[] depth = new int[nAreas];
        for (int a = 0; a < nAreas; a++) {
            depth[a] = (int) Math.round(AREAS.get(a).thicknessMm() * 1000 / VOXEL_UM);
            maxDepth = Math.max(maxDepth, depth[a]);
        }
        int nx = spec.apVoxels(), nml = spec.mlVoxels(), nz = 2 * nml;
        // Voronoi owner of each (x, ml) column, shared by both hemispheres (homotopic layout).
        int[] owner = new int[nx * nml];
        for (int x = 0; x < nx; x++) {
            for (int m = 0; m < nml; m++) {
                double ap = (x + 0.5) * VOXEL_UM / 1000, ml = (m + 0.5) * VOXEL_UM / 1000;
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int a = 0; a < nAreas; a++) {
                    double d = sq(ap - cAp[a]) + sq(ml - cMl[a]);
                    if (d < bestD) {
                        bestD = d;
                        best = a;
                    }
                }
                owner[x * nml + m] = best;
            }
        }
        List<Area> areas = new ArrayList<>();
        for (Hemisphere h : Hemisphere.values()) {
            for (int a = 0; a < nAreas; a++) {
                areas.add(new Area(areas.size(), AREAS.get(a).acronym(), h, -1));
            }
        }
        java.util.stream.IntStream.Builder vArea = java.util.stream.IntStream.builder();
        java.util.stream.IntStream.Builder vCol = java.util.stream.IntStream.builder();
        java.util.stream.IntStream.Builder vGrid = java.util.stream.IntStream.builder();
        List<Byte> vLayer = new ArrayList<>();
        java.util.stream.DoubleStream.Builder vPos = java.util.stream.DoubleStream.builder();
        java.util.stream.DoubleStream.Builder cPos = java.util.stream.DoubleStream.builder();
        int columns = 0;
        for (Hemisphere h : Hemisphere.values()) {
            for (int x = 0; x < nx; x++) {
                for (int m = 0; m < nml; m++) {
                    int a = owner[x * nml + m];
                    int z = h == Hemisphere.LEFT ? nml - 1 - m : nml + m;
                    int column = columns++;
                    cPos.add((float) ((x + 0.5) * VOXEL_UM));
                    cPos.add(0f);
                    cPos.add((float) ((z + 0.5) * VOXEL_UM));
                    double[] frac = AREAS.get(a).agranular() ? AGRANULAR : GRANULAR;
                    for (int d = 0; d < depth[a]; d++) {
                        Layer layer = layerAt((d + 0.5) / depth[a], frac);
                        if (layer == Layer.L1) {
                            continue;
                        }
                        vArea.add(h.ordinal() * nAreas + a);
                        vLayer.add((byte) layer.ordinal());
                        vPos.add((float) ((x + 0.5) * VOXEL_UM));
                        vPos.add((float) ((d + 0.5) * VOXEL_UM));
                        vPos.add((float) ((z + 0.5) * VOXEL_UM));
                        vCol.add(column);
                        vGrid.add(x + nx * (d + maxDepth * z));
                    }
                }
            }
        }
        byte[] layers = new byte[vLayer.size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = vLayer.get(i);
        }
        return new Atlas("synthetic bilateral cortex (seed " + spec.seed() + ", " + nx + "×" + nml
                + " voxels per hemisphere)", true, VOXEL_UM, areas, vArea.build().toArray(), layers, toFloats(vPos),
                vCol.build().toArray(), toFloats(cPos), new int[] {nx, maxDepth, nz}, vGrid.build().toArray());
    }

    /** Layer at relative depth {@code r} ∈ (0,1) for thickness fractions L1…L6. */
    static Layer layerAt(double r, double[] frac) {
        double cum = 0;
        for (int l = 0; l < frac.length; l++) {
            cum += frac[l];
            if (r < cum) {
                return Layer.values()[l];
            }
        }
        return Layer.L6;
    }

    private static double sq(double x) {
        return x * x;
    }

    private static float[] toFloats(java.util.stream.DoubleStream.Builder b) {
        double[] d = b.build().toArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
