package doka.engine.regions;

import doka.engine.atlas.Area;
import doka.engine.atlas.Hemisphere;
import doka.engine.atlas.NrrdVolume;
import doka.engine.atlas.StructureGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The voxels of the non-cortical regions of a member, in the cortex atlas's coordinates (µm, x
 * anterior→posterior, y dorsal→ventral, z left→right). Every voxel belongs to one region (an
 * {@link Area}: Allen acronym and hemisphere); cerebellar-cortex voxels also carry the virtual
 * potential φ and its gradient per µm ({@link CerebellarPotential}), from which cells get their
 * layer and the surface normal.
 */
public final class RegionAtlas {
    private final String name;
    private final double voxelUm;
    private final List<Area> areas;
    private final List<RegionKind> kinds;
    private final int[] voxelArea;
    private final float[] voxelPosUm;
    private final float[] potential;
    private final float[] gradientPerUm;
    private final List<String> notes;

    RegionAtlas(String name, double voxelUm, List<Area> areas, List<RegionKind> kinds, int[] voxelArea,
                float[] voxelPosUm, float[] potential, float[] gradientPerUm, List<String> notes) {
        this.name = name;
        this.voxelUm = voxelUm;
        this.areas = List.copyOf(areas);
        this.kinds = List.copyOf(kinds);
        this.voxelArea = voxelArea;
        this.voxelPosUm = voxelPosUm;
        this.potential = potential;
        this.gradientPerUm = gradientPerUm;
        this.notes = List.copyOf(notes);
    }

    public String name() {
        return name;
    }

    public double voxelUm() {
        return voxelUm;
    }

    public double voxelVolumeMm3() {
        return Math.pow(voxelUm * 1e-3, 3);
    }

    /** Regions, index = position (their own numbering, apart from the cortex's areas). */
    public List<Area> areas() {
        return areas;
    }

    public RegionKind kind(int area) {
        return kinds.get(area);
    }

    public int voxelCount() {
        return voxelArea.length;
    }

    public int voxelArea(int v) {
        return voxelArea[v];
    }

    public float voxelPosUm(int v, int axis) {
        return voxelPosUm[3 * v + axis];
    }

    /** φ at the voxel centre (NaN outside the cerebellar cortex). */
    public double potential(int v) {
        return potential[v];
    }

    /** ∂φ/∂axis per µm at the voxel. */
    public double gradientPerUm(int v, int axis) {
        return gradientPerUm[3 * v + axis];
    }

    public List<String> notes() {
        return notes;
    }

    /** The region named "VAL-L", or null. */
    public Area area(String name) {
        return areas.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    /** The atlas restricted to the named regions ("VAL-L", …), in the order given. */
    public RegionAtlas subset(List<String> names) {
        int[] newIndex = new int[areas.size()];
        Arrays.fill(newIndex, -1);
        List<Area> kept = new ArrayList<>();
        List<RegionKind> keptKinds = new ArrayList<>();
        for (String n : names) {
            Area a = area(n);
            if (a == null) {
                throw new IllegalArgumentException("region atlas " + name + " has no region '" + n + "'; it has "
                        + areas.stream().map(Area::name).toList());
            }
            if (newIndex[a.index()] >= 0) {
                throw new IllegalArgumentException("region '" + n + "' is named twice");
            }
            newIndex[a.index()] = kept.size();
            kept.add(new Area(kept.size(), a.acronym(), a.hemisphere(), a.structureId()));
            keptKinds.add(kinds.get(a.index()));
        }
        // Voxels grouped by region in the new order, each region's voxels in their old order.
        int count = 0;
        for (int v = 0; v < voxelArea.length; v++) {
            count += newIndex[voxelArea[v]] >= 0 ? 1 : 0;
        }
        int[] vArea = new int[count];
        float[] pos = new float[3 * count], pot = new float[count], grad = new float[3 * count];
        int k = 0;
        for (int r = 0; r < kept.size(); r++) {
            for (int v = 0; v < voxelArea.length; v++) {
                if (newIndex[voxelArea[v]] == r) {
                    vArea[k] = r;
                    System.arraycopy(voxelPosUm, 3 * v, pos, 3 * k, 3);
                    pot[k] = potential[v];
                    System.arraycopy(gradientPerUm, 3 * v, grad, 3 * k, 3);
                    k++;
                }
            }
        }
        return new RegionAtlas(name, voxelUm, kept, keptKinds, vArea, pos, pot, grad, notes);
    }

    // ---------------------------------------------------------------------------------------------
    // The synthetic default.

    /** A nominal region of the synthetic atlas: an ellipsoid (centre and radii in mm). */
    private record Nominal(String acronym, double apMm, double dvMm, double mlMm, double rAp, double rDv, double rMl) {
    }

    /** Cerebellar shell of the synthetic atlas: axis along z, behind the cortical sheet. */
    static final double CB_BEHIND_MM = 1.4;
    static final double CB_DV_MM = 2.0;
    static final double CB_INNER_MM = 0.75;
    static final double CB_OUTER_MM = 1.15;
    static final double CB_ML_FROM_MM = 0.3;
    static final double CB_ML_TO_MM = 2.3;

    /**
     * The synthetic regions for a synthetic cortical sheet of {@code apVoxels} × {@code mlVoxels}
     * voxels per hemisphere (100 µm): both hemispheres, placed plausibly below and behind the
     * sheet (forebrain nuclei at fractions of its length, pons and cerebellum behind it). Not
     * anatomy: positions set distances and so delays. The cerebellar cortex is a cylindrical shell
     * (white-matter core of radius 0.75 mm holding DN and IP, surface at 1.15 mm) about a
     * medio-lateral axis, split by angle into SIM (dorsal-anterior) and ANcr1.
     */
    public static RegionAtlas synthetic(int apVoxels, int mlVoxels) {
        double v = 100.0;
        double lengthMm = apVoxels * v / 1000, midUm = mlVoxels * v;
        List<Nominal> nominal = List.of(
                new Nominal("CP", 0.30 * lengthMm, 2.6, 1.8, 0.7, 0.7, 0.6),
                new Nominal("GPe", 0.48 * lengthMm, 3.1, 2.0, 0.35, 0.35, 0.3),
                new Nominal("GPi", 0.55 * lengthMm, 3.6, 1.6, 0.25, 0.2, 0.2),
                new Nominal("SNr", 0.70 * lengthMm, 4.4, 1.3, 0.3, 0.2, 0.35),
                new Nominal("VAL", 0.52 * lengthMm, 3.0, 1.0, 0.3, 0.3, 0.3),
                new Nominal("VM", 0.52 * lengthMm, 3.7, 0.6, 0.25, 0.25, 0.25),
                new Nominal("PG", lengthMm + 0.2, 5.3, 0.5, 0.4, 0.3, 0.4),
                new Nominal("DN", lengthMm + CB_BEHIND_MM, CB_DV_MM + 0.1, 1.7, 0.25, 0.25, 0.3),
                new Nominal("IP", lengthMm + CB_BEHIND_MM, CB_DV_MM + 0.1, 0.9, 0.25, 0.25, 0.3));
        List<Area> areas = new ArrayList<>();
        List<RegionKind> kinds = new ArrayList<>();
        List<String> order = new ArrayList<>();
        nominal.forEach(n -> order.add(n.acronym));
        order.add("SIM");
        order.add("ANcr1");
        for (Hemisphere h : Hemisphere.values()) {
            for (String acr : order) {
                areas.add(new Area(areas.size(), acr, h, -1));
                kinds.add(RegionKind.ofSyntheticAcronym(acr));
            }
        }
        int per = order.size();
        // Grid covering everything: x up to the cerebellum's back, y to the pons's bottom, z both sides.
        int nx = (int) Math.ceil((lengthMm + CB_BEHIND_MM + CB_OUTER_MM + 0.3) * 1000 / v);
        int ny = (int) Math.ceil(6.0 * 1000 / v);
        int nz = 2 * mlVoxels;
        int[] owner = new int[nx * ny * nz];
        Arrays.fill(owner, -1);
        byte[] cbKind = new byte[nx * ny * nz];
        double cx = (lengthMm + CB_BEHIND_MM) * 1000, cy = CB_DV_MM * 1000;
        for (int z = 0; z < nz; z++) {
            Hemisphere h = z < mlVoxels ? Hemisphere.LEFT : Hemisphere.RIGHT;
            double mlMm = Math.abs((z + 0.5) * v - midUm) / 1000;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int idx = x + nx * (y + ny * z);
                    double px = (x + 0.5) * v, py = (y + 0.5) * v;
                    double r = Math.hypot(px - cx, py - cy) / 1000;
                    double angle = Math.toDegrees(Math.atan2(-(py - cy), px - cx)); // dorsal positive
                    boolean inMl = mlMm >= CB_ML_FROM_MM && mlMm <= CB_ML_TO_MM;
                    if (r < CB_INNER_MM) {
                        cbKind[idx] = CerebellarPotential.WHITE_MATTER;
                    } else if (r > CB_OUTER_MM) {
                        cbKind[idx] = CerebellarPotential.SURFACE;
                    } else if (inMl && angle >= -60) {
                        cbKind[idx] = CerebellarPotential.CORTEX;
                        owner[idx] = h.ordinal() * per + order.indexOf(angle >= 60 ? "SIM" : "ANcr1");
                        continue;
                    }
                    for (int n = 0; n < nominal.size(); n++) {
                        Nominal nm = nominal.get(n);
                        double dx = (px / 1000 - nm.apMm) / nm.rAp, dy = (py / 1000 - nm.dvMm) / nm.rDv,
                                dz = (mlMm - nm.mlMm) / nm.rMl;
                        if (dx * dx + dy * dy + dz * dz <= 1) {
                            owner[idx] = h.ordinal() * per + n;
                            break;
                        }
                    }
                }
            }
        }
        CerebellarPotential phi = CerebellarPotential.solve(nx, ny, nz, cbKind, 1e-7);
        return collect("synthetic regions (" + apVoxels + "×" + mlVoxels + " sheet)", v, areas, kinds, owner, cbKind,
                phi, nx, ny, nz, List.of("synthetic regions: placed plausibly, not anatomy"));
    }

    /** Voxels per region, in region order then grid order. */
    private static RegionAtlas collect(String name, double voxelUm, List<Area> areas, List<RegionKind> kinds, int[] owner,
                                       byte[] cbKind, CerebellarPotential phi, int nx, int ny, int nz, List<String> notes) {
        int[] count = new int[areas.size() + 1];
        for (int o : owner) {
            if (o >= 0) {
                count[o + 1]++;
            }
        }
        for (int a = 0; a < areas.size(); a++) {
            count[a + 1] += count[a];
        }
        int n = count[areas.size()];
        int[] fill = Arrays.copyOf(count, areas.size());
        int[] vArea = new int[n];
        float[] pos = new float[3 * n], pot = new float[n], grad = new float[3 * n];
        for (int idx = 0; idx < owner.length; idx++) {
            int a = owner[idx];
            if (a < 0) {
                continue;
            }
            int k = fill[a]++;
            int x = idx % nx, y = (idx / nx) % ny, z = idx / (nx * ny);
            vArea[k] = a;
            pos[3 * k] = (float) ((x + 0.5) * voxelUm);
            pos[3 * k + 1] = (float) ((y + 0.5) * voxelUm);
            pos[3 * k + 2] = (float) ((z + 0.5) * voxelUm);
            if (cbKind[idx] == CerebellarPotential.CORTEX) {
                pot[k] = (float) phi.potential(x, y, z);
                double[] g = phi.gradient(x, y, z);
                for (int ax = 0; ax < 3; ax++) {
                    grad[3 * k + ax] = (float) (g[ax] / voxelUm);
                }
            } else {
                pot[k] = Float.NaN;
            }
        }
        return new RegionAtlas(name, voxelUm, areas, kinds, vArea, pos, pot, grad, notes);
    }

    // ---------------------------------------------------------------------------------------------
    // Allen CCF v3.

    /** The region kind of a structure by the ontology, or null when it is none of the modelled kinds. */
    static RegionKind kindInOntology(StructureGraph graph, int id) {
        String[][] tests = {{"CBX", "CEREBELLAR_CORTEX"}, {"CBN", "CEREBELLAR_NUCLEI"}, {"TH", "THALAMUS"}, {"P", "PONS"},
            {"STR", "STRIATUM"}, {"GPe", "GPE"}, {"GPi", "GPI_SNR"}, {"SNr", "GPI_SNR"}};
        for (String[] t : tests) {
            StructureGraph.Structure s = graph.byAcronym(t[0]);
            if (s != null && graph.isWithin(id, s.id())) {
                return RegionKind.valueOf(t[1]);
            }
        }
        return null;
    }

    /**
     * The named structures ("VAL", "PG", "SIM", "DN", "CP", …; Allen acronyms, each of a modelled
     * kind) of both hemispheres from an annotation volume. The cerebellar potential is solved over
     * every cerebellar-cortex voxel: white matter = arbor vitae, cerebellar fibre tracts and nuclei;
     * surface = unlabelled voxels and any other structure.
     */
    public static RegionAtlas fromAllen(NrrdVolume volume, StructureGraph graph, List<String> acronyms, String name) {
        int nx = volume.sizes()[0], ny = volume.sizes()[1], nz = volume.sizes()[2];
        double voxelUm = volume.spacingUm()[0];
        List<StructureGraph.Structure> wanted = new ArrayList<>();
        List<RegionKind> wantedKinds = new ArrayList<>();
        for (String acr : acronyms) {
            StructureGraph.Structure s = graph.byAcronym(acr);
            if (s == null) {
                throw new IllegalArgumentException("the structure graph has no structure '" + acr + "'");
            }
            RegionKind k = kindInOntology(graph, s.id());
            if (k == null) {
                throw new IllegalArgumentException("structure '" + acr + "' is not within a modelled kind of region"
                        + " (thalamus, pons, cerebellar cortex or nuclei, striatum, GPe, GPi, SNr)");
            }
            wanted.add(s);
            wantedKinds.add(k);
        }
        List<Area> areas = new ArrayList<>();
        List<RegionKind> kinds = new ArrayList<>();
        for (Hemisphere h : Hemisphere.values()) {
            for (int i = 0; i < wanted.size(); i++) {
                areas.add(new Area(areas.size(), wanted.get(i).acronym(), h, wanted.get(i).id()));
                kinds.add(wantedKinds.get(i));
            }
        }
        int[] labels = volume.ints();
        Map<Integer, Integer> slotOfLabel = new HashMap<>();
        Map<Integer, Byte> cbOfLabel = new HashMap<>();
        StructureGraph.Structure cbx = graph.byAcronym("CBX");
        int[] wmRoots = java.util.stream.Stream.of("arb", "cbf", "CBN").map(graph::byAcronym)
                .filter(java.util.Objects::nonNull).mapToInt(StructureGraph.Structure::id).toArray();
        int[] owner = new int[labels.length];
        byte[] cbKind = new byte[labels.length];
        for (int idx = 0; idx < labels.length; idx++) {
            int label = labels[idx];
            Integer slot = slotOfLabel.computeIfAbsent(label, l -> {
                for (int i = 0; i < wanted.size(); i++) {
                    if (graph.byId(l) != null && graph.isWithin(l, wanted.get(i).id())) {
                        return i;
                    }
                }
                return -1;
            });
            int z = idx / (nx * ny);
            owner[idx] = slot < 0 ? -1 : (z < nz / 2 ? 0 : 1) * wanted.size() + slot;
            cbKind[idx] = cbOfLabel.computeIfAbsent(label, l -> {
                if (l == 0 || graph.byId(l) == null) {
                    return CerebellarPotential.SURFACE;
                }
                if (cbx != null && graph.isWithin(l, cbx.id())) {
                    return CerebellarPotential.CORTEX;
                }
                for (int root : wmRoots) {
                    if (graph.isWithin(l, root)) {
                        return CerebellarPotential.WHITE_MATTER;
                    }
                }
                return CerebellarPotential.SURFACE;
            });
        }
        CerebellarPotential phi = CerebellarPotential.solve(nx, ny, nz, cbKind, 1e-6);
        List<String> notes = new ArrayList<>();
        RegionAtlas atlas = collect(name, voxelUm, areas, kinds, owner, cbKind, phi, nx, ny, nz, notes);
        int[] perArea = new int[areas.size()];
        for (int v = 0; v < atlas.voxelCount(); v++) {
            perArea[atlas.voxelArea(v)]++;
        }
        for (Area a : areas) {
            if (perArea[a.index()] == 0) {
                notes.add("region " + a.name() + " has no voxels in " + name);
            }
        }
        notes.add("cerebellar potential: " + phi.iterations() + " sweeps");
        return new RegionAtlas(name, voxelUm, areas, kinds, atlas.voxelArea, atlas.voxelPosUm, atlas.potential,
                atlas.gradientPerUm, notes);
    }
}
