package doka.engine.cortex;

import doka.engine.atlas.Atlas;
import doka.engine.atlas.Layer;
import doka.engine.kernel.Purpose;
import doka.engine.kernel.Rng;
import doka.engine.kernel.SplitMix64;

/**
 * The placed cells of a cortex member, ordered by population: population p = (area · 4 + layer) ·
 * 3 + class holds cells [{@code offset(p)}, {@code offset(p+1)}), ordered by the position of
 * their column along the sheet's space-filling curve ({@link Tiling}), then by voxel, so that
 * a tile of the sheet is one range of every population. Each cell has
 * a voxel, a 3-D position and a tangential (pial) position, in µm.
 *
 * <p>Placement: a voxel of layer L in area a expects λ = ρ_L · V_voxel · s · f_class cells of a
 * class; it gets ⌊λ⌋ plus one with probability λ − ⌊λ⌋, each uniformly inside the voxel. The
 * draws use one counter-based stream per (voxel, class), so the result depends only on the seed.
 */
public final class Cells {
    public static final int LAYERS = Layer.MODELLED.length;
    public static final int CLASSES = CellClass.values().length;
    /** CellClass.values() once: values() copies the array on every call, and classOf is called per synapse. */
    private static final CellClass[] CLASS_BY_ORDINAL = CellClass.values();

    private final int areas;
    private final int[] offset;
    private final int[] voxel;
    private final float[] posUm;
    private final float[] tangentialUm;
    private final int[] curve;
    private final int[] columnOfVoxel;

    private Cells(int areas, int[] offset, int[] voxel, float[] posUm, float[] tangentialUm, int[] curve,
                  int[] columnOfVoxel) {
        this.areas = areas;
        this.offset = offset;
        this.voxel = voxel;
        this.posUm = posUm;
        this.tangentialUm = tangentialUm;
        this.curve = curve;
        this.columnOfVoxel = columnOfVoxel;
    }

    /** Population index of (area, modelled layer index, class). */
    public static int population(int area, int layer, CellClass c) {
        return (area * LAYERS + layer) * CLASSES + c.ordinal();
    }

    public static int areaOf(int population) {
        return population / (LAYERS * CLASSES);
    }

    public static int layerOf(int population) {
        return (population / CLASSES) % LAYERS;
    }

    public static CellClass classOf(int population) {
        return CLASS_BY_ORDINAL[population % CLASSES];
    }

    /** Places cells in every modelled voxel of the atlas. */
    public static Cells place(Atlas atlas, CellComposition comp, double densityScale, long seed) {
        if (!(densityScale > 0 && densityScale <= 1)) {
            throw new IllegalArgumentException("densityScale must be in (0, 1], got " + densityScale);
        }
        int nAreas = atlas.areas().size();
        int nPop = nAreas * LAYERS * CLASSES;
        int nv = atlas.voxelCount();
        double vMm3 = atlas.voxelVolumeMm3();
        // Count per (voxel, class) first, then lay out by population.
        int[] count = new int[nv * CLASSES];
        int[] popSize = new int[nPop];
        for (int v = 0; v < nv; v++) {
            int a = atlas.voxelArea(v);
            int l = atlas.voxelLayer(v).modelledIndex();
            String acr = atlas.areas().get(a).acronym();
            for (CellClass c : CellClass.values()) {
                double lambda = comp.expectedPerVoxel(acr, l, c, vMm3, densityScale);
                SplitMix64 r = new SplitMix64(Rng.key(seed, Purpose.PLACEMENT, (long) v * CLASSES + c.ordinal()));
                int k = (int) Math.floor(lambda);
                if (r.nextDouble() < lambda - k) {
                    k++;
                }
                count[v * CLASSES + c.ordinal()] = k;
                popSize[population(a, l, c)] += k;
            }
        }
        int[] offset = new int[nPop + 1];
        for (int p = 0; p < nPop; p++) {
            offset[p + 1] = offset[p] + popSize[p];
        }
        int n = offset[nPop];
        int[] cellVoxel = new int[n];
        float[] pos = new float[3 * n];
        float[] tang = new float[3 * n];
        int[] fill = java.util.Arrays.copyOf(offset, nPop);
        double half = atlas.voxelUm() / 2;
        int[] curve = Tiling.columnCurve(atlas);
        int[] columnOfVoxel = new int[nv];
        long[] voxelOrder = new long[nv];
        for (int v = 0; v < nv; v++) {
            columnOfVoxel[v] = atlas.voxelColumn(v);
            voxelOrder[v] = (long) curve[columnOfVoxel[v]] << 32 | v;
        }
        java.util.Arrays.sort(voxelOrder);
        for (long ordered : voxelOrder) {
            int v = (int) ordered;
            int a = atlas.voxelArea(v);
            int l = atlas.voxelLayer(v).modelledIndex();
            int col = atlas.voxelColumn(v);
            for (CellClass c : CellClass.values()) {
                int k = count[v * CLASSES + c.ordinal()];
                if (k == 0) {
                    continue;
                }
                // Same stream as the count draw, continued: positions follow the count.
                SplitMix64 r = new SplitMix64(Rng.key(seed, Purpose.PLACEMENT, (long) v * CLASSES + c.ordinal()));
                r.nextDouble();
                int p = population(a, l, c);
                double[] radial = new double[3];
                double norm = 0;
                for (int ax = 0; ax < 3; ax++) {
                    radial[ax] = atlas.voxelPosUm(v, ax) - atlas.columnPosUm(col, ax);
                    norm += radial[ax] * radial[ax];
                }
                norm = Math.sqrt(norm);
                double[] d = new double[3];
                for (int j = 0; j < k; j++) {
                    int i = fill[p]++;
                    cellVoxel[i] = v;
                    double along = 0;
                    for (int ax = 0; ax < 3; ax++) {
                        d[ax] = (2 * r.nextDouble() - 1) * half;
                        pos[3 * i + ax] = (float) (atlas.voxelPosUm(v, ax) + d[ax]);
                        along += norm > 0 ? d[ax] * radial[ax] / norm : 0;
                    }
                    // The pial point moves with the surface-parallel part of the in-voxel offset.
                    for (int ax = 0; ax < 3; ax++) {
                        double t = d[ax] - (norm > 0 ? along * radial[ax] / norm : 0);
                        tang[3 * i + ax] = (float) (atlas.columnPosUm(col, ax) + t);
                    }
                }
            }
        }
        return new Cells(nAreas, offset, cellVoxel, pos, tang, curve, columnOfVoxel);
    }

    public int count() {
        return voxel.length;
    }

    public int areaCount() {
        return areas;
    }

    public int populationCount() {
        return offset.length - 1;
    }

    public int offset(int population) {
        return offset[population];
    }

    public int size(int population) {
        return offset[population + 1] - offset[population];
    }

    /** First cell of an area (its cells, all layers and classes, are one range). */
    public int areaStart(int area) {
        return offset[population(area, 0, CellClass.E)];
    }

    /** End (exclusive) of an area's cells. */
    public int areaEnd(int area) {
        return offset[population(area, LAYERS - 1, CellClass.LTS) + 1];
    }

    /** All cells of an area, as a mask over the cells. */
    public boolean[] inArea(int area) {
        boolean[] in = new boolean[count()];
        java.util.Arrays.fill(in, areaStart(area), areaEnd(area), true);
        return in;
    }

    /** The cells of an area whose tangential position lies within {@code radiusUm} of a column, as a mask. */
    public boolean[] nearColumn(Atlas atlas, int area, int column, double radiusUm) {
        boolean[] in = new boolean[count()];
        for (int c = areaStart(area); c < areaEnd(area); c++) {
            double d2 = 0;
            for (int ax = 0; ax < 3; ax++) {
                double d = tangentialUm(c, ax) - atlas.columnPosUm(column, ax);
                d2 += d * d;
            }
            in[c] = d2 <= radiusUm * radiusUm;
        }
        return in;
    }

    public int voxel(int cell) {
        return voxel[cell];
    }

    /** Position of the cell's column along the sheet's space-filling curve. */
    public int curvePosition(int cell) {
        return curve[columnOfVoxel[voxel[cell]]];
    }

    public float posUm(int cell, int axis) {
        return posUm[3 * cell + axis];
    }

    public float tangentialUm(int cell, int axis) {
        return tangentialUm[3 * cell + axis];
    }

    /** Squared tangential distance between two cells, µm². */
    public double tangentialDistanceSqUm2(int a, int b) {
        double dx = tangentialUm[3 * a] - tangentialUm[3 * b];
        double dy = tangentialUm[3 * a + 1] - tangentialUm[3 * b + 1];
        double dz = tangentialUm[3 * a + 2] - tangentialUm[3 * b + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    /** Euclidean distance between two cells, µm. */
    public double distanceUm(int a, int b) {
        double dx = posUm[3 * a] - posUm[3 * b];
        double dy = posUm[3 * a + 1] - posUm[3 * b + 1];
        double dz = posUm[3 * a + 2] - posUm[3 * b + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
