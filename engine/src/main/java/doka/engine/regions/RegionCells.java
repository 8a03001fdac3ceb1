package doka.engine.regions;

import doka.engine.kernel.Purpose;
import doka.engine.kernel.Rng;
import doka.engine.kernel.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * The placed cells of the regions, ordered by population (region, then its kind's classes), each
 * population's cells in voxel order. A voxel expects λ = ρ_class · V_voxel · s candidates per
 * class (⌊λ⌋, plus one with probability λ − ⌊λ⌋), placed uniformly in the voxel. In the
 * cerebellar cortex a candidate's potential is φ_voxel + ∇φ · (x − x_voxel), and it is kept only
 * when that falls in its class's layer ({@link CerebellarLayer#at}): layers thinner than a voxel
 * (the Purkinje layer) are resolved, and each class keeps ρ per volume of its own layer. Each
 * cerebellar cell also keeps the unit surface normal ∇φ/|∇φ| of its voxel.
 */
public final class RegionCells {
    /** One population: a region and one of its kind's classes. */
    public record PopulationInfo(int area, RegionClass cls) {
    }

    /** Negative stream ids keep the regions' placement apart from the cortex's (non-negative). */
    private static final long STREAM_BASE = -1L << 40;

    private final List<PopulationInfo> populations;
    private final int[] offset;
    private final float[] posUm;
    private final float[] normal;
    private final float[] potential;

    private RegionCells(List<PopulationInfo> populations, int[] offset, float[] posUm, float[] normal, float[] potential) {
        this.populations = List.copyOf(populations);
        this.offset = offset;
        this.posUm = posUm;
        this.normal = normal;
        this.potential = potential;
    }

    /** Places the cells of every region of the atlas at density scale {@code s}. */
    public static RegionCells place(RegionAtlas atlas, double densityScale, long seed) {
        List<PopulationInfo> pops = new ArrayList<>();
        int[] firstPop = new int[atlas.areas().size()];
        for (int a = 0; a < atlas.areas().size(); a++) {
            firstPop[a] = pops.size();
            for (RegionClass c : atlas.kind(a).classes()) {
                pops.add(new PopulationInfo(a, c));
            }
        }
        double half = atlas.voxelUm() / 2, vMm3 = atlas.voxelVolumeMm3();
        List<float[]> cells = new ArrayList<>(); // per population, growing arrays of {x,y,z,nx,ny,nz,φ}
        int[] size = new int[pops.size()];
        for (int p = 0; p < pops.size(); p++) {
            cells.add(new float[64 * 7]);
        }
        for (int v = 0; v < atlas.voxelCount(); v++) {
            int a = atlas.voxelArea(v);
            List<RegionClass> classes = atlas.kind(a).classes();
            double phi0 = atlas.potential(v);
            double[] g = {atlas.gradientPerUm(v, 0), atlas.gradientPerUm(v, 1), atlas.gradientPerUm(v, 2)};
            double gn = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
            for (int c = 0; c < classes.size(); c++) {
                RegionClass cls = classes.get(c);
                double lambda = cls.neuronsPerMm3() * vMm3 * densityScale;
                SplitMix64 r = new SplitMix64(Rng.key(seed, Purpose.PLACEMENT, STREAM_BASE + (long) v * 8 + c));
                int k = (int) Math.floor(lambda);
                if (r.nextDouble() < lambda - k) {
                    k++;
                }
                int p = firstPop[a] + c;
                for (int j = 0; j < k; j++) {
                    double[] d = new double[3];
                    double phi = phi0;
                    for (int ax = 0; ax < 3; ax++) {
                        d[ax] = (2 * r.nextDouble() - 1) * half;
                        phi += Double.isNaN(phi0) ? 0 : g[ax] * d[ax];
                    }
                    if (cls.layer() != null && CerebellarLayer.at(Math.max(0, Math.min(1, phi))) != cls.layer()) {
                        continue;
                    }
                    float[] arr = cells.get(p);
                    if ((size[p] + 1) * 7 > arr.length) {
                        arr = java.util.Arrays.copyOf(arr, 2 * arr.length);
                        cells.set(p, arr);
                    }
                    int o = 7 * size[p]++;
                    for (int ax = 0; ax < 3; ax++) {
                        arr[o + ax] = (float) (atlas.voxelPosUm(v, ax) + d[ax]);
                        arr[o + 3 + ax] = gn > 0 ? (float) (g[ax] / gn) : 0f;
                    }
                    arr[o + 6] = (float) phi;
                }
            }
        }
        int[] offset = new int[pops.size() + 1];
        for (int p = 0; p < pops.size(); p++) {
            offset[p + 1] = offset[p] + size[p];
        }
        int n = offset[pops.size()];
        float[] pos = new float[3 * n], nrm = new float[3 * n], pot = new float[n];
        for (int p = 0; p < pops.size(); p++) {
            float[] arr = cells.get(p);
            for (int j = 0; j < size[p]; j++) {
                int i = offset[p] + j;
                System.arraycopy(arr, 7 * j, pos, 3 * i, 3);
                System.arraycopy(arr, 7 * j + 3, nrm, 3 * i, 3);
                pot[i] = arr[7 * j + 6];
            }
        }
        return new RegionCells(pops, offset, pos, nrm, pot);
    }

    public int count() {
        return potential.length;
    }

    public List<PopulationInfo> populations() {
        return populations;
    }

    public int populationCount() {
        return populations.size();
    }

    public int offset(int population) {
        return offset[population];
    }

    public int size(int population) {
        return offset[population + 1] - offset[population];
    }

    /** The population of a region and class, or −1. */
    public int population(int area, RegionClass cls) {
        for (int p = 0; p < populations.size(); p++) {
            if (populations.get(p).area() == area && populations.get(p).cls() == cls) {
                return p;
            }
        }
        return -1;
    }

    public float posUm(int cell, int axis) {
        return posUm[3 * cell + axis];
    }

    /** Unit surface normal (towards the surface) of a cerebellar-cortex cell; zeros elsewhere. */
    public float normal(int cell, int axis) {
        return normal[3 * cell + axis];
    }

    /** The cell's virtual potential (NaN outside the cerebellar cortex). */
    public float potential(int cell) {
        return potential[cell];
    }
}
