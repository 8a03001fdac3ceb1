package doka.engine.atlas;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an {@link Atlas} of the isocortex from an Allen CCF annotation volume (NRRD, axes
 * anterior→posterior, dorsal→ventral, left→right) and the Allen structure graph.
 *
 * <p>Each voxel label is resolved to one of the 43 CCF v3 isocortex summary areas by walking up
 * the ontology, and to a layer by the suffix of the label's acronym after the area acronym
 * ("MOp2/3" → L2/3, "MOp6b" → L6). Hemisphere: voxels with LR index below half the LR size are
 * LEFT. Tangential positions: every modelled voxel is assigned the nearest L1 voxel of the same
 * hemisphere (approximate Euclidean feature transform, propagated through the cortex), i.e. the
 * point of the pial layer it projects to; that L1 voxel is its column.
 */
public final class AllenAtlas {
    /** The 43 isocortex summary areas of CCF v3 (spec §1). */
    public static final List<String> ISOCORTEX_AREAS = List.of("FRP", "MOp", "MOs", "SSp-n", "SSp-bfd", "SSp-ll",
            "SSp-m", "SSp-ul", "SSp-tr", "SSp-un", "SSs", "GU", "VISC", "AUDd", "AUDp", "AUDpo", "AUDv", "VISal",
            "VISam", "VISl", "VISp", "VISpl", "VISpm", "VISli", "VISpor", "VISa", "VISrl", "ACAd", "ACAv", "PL",
            "ILA", "ORBl", "ORBm", "ORBvl", "AId", "AIp", "AIv", "RSPagl", "RSPd", "RSPv", "TEa", "PERI", "ECT");

    /** The atlas and what the import left out. */
    public record Result(Atlas atlas, List<String> notes) {
    }

    private AllenAtlas() {
    }

    /** Reads and builds in one call. */
    public static Result read(Path annotationNrrd, Path structureGraphJson) throws IOException {
        NrrdVolume volume = NrrdReader.read(annotationNrrd);
        StructureGraph graph = StructureGraph.read(structureGraphJson);
        try {
            return build(volume, graph, "Allen CCF v3 isocortex (" + annotationNrrd.getFileName() + ")");
        } catch (IllegalArgumentException e) {
            throw new IOException(annotationNrrd + ": " + e.getMessage());
        }
    }

    /** Builds the atlas from a labelled volume and an ontology. */
    public static Result build(NrrdVolume volume, StructureGraph graph, String name) {
        if (volume.sizes().length != 3 || volume.ints() == null) {
            throw new IllegalArgumentException("annotation must be a 3-D integer label volume, found "
                    + volume.sizes().length + "-D " + volume.type());
        }
        double[] sp = volume.spacingUm();
        for (double s : sp) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("annotation needs 'space directions' or 'spacings' (voxel size in µm)");
            }
        }
        List<String> notes = new ArrayList<>();
        Map<Integer, int[]> labelInfo = resolveLabels(volume, graph, notes); // label → {areaSlot, layerOrdinal}
        int nx = volume.sizes()[0], ny = volume.sizes()[1], nz = volume.sizes()[2];
        int[] labels = volume.ints();
        // Area slots present, per hemisphere, in ISOCORTEX_AREAS order.
        boolean[][] present = new boolean[2][ISOCORTEX_AREAS.size()];
        int n = labels.length;
        byte[] layerOf = new byte[n]; // 0 = not isocortex
        int[] areaSlot = new int[n];
        for (int idx = 0; idx < n; idx++) {
            int[] info = labelInfo.get(labels[idx]);
            if (info != null) {
                int h = (idx / (nx * ny)) < nz / 2 ? 0 : 1;
                layerOf[idx] = (byte) info[1];
                areaSlot[idx] = info[0];
                if (info[1] != Layer.L1.ordinal()) {
                    present[h][info[0]] = true;
                }
            }
        }
        List<Area> areas = new ArrayList<>();
        int[][] areaIndex = new int[2][ISOCORTEX_AREAS.size()];
        for (Hemisphere h : Hemisphere.values()) {
            for (int a = 0; a < ISOCORTEX_AREAS.size(); a++) {
                String acr = ISOCORTEX_AREAS.get(a);
                if (present[h.ordinal()][a]) {
                    areaIndex[h.ordinal()][a] = areas.size();
                    areas.add(new Area(areas.size(), acr, h, graph.byAcronym(acr).id()));
                } else {
                    areaIndex[h.ordinal()][a] = -1;
                    notes.add("area " + acr + "-" + h.tag() + " has no voxels in modelled layers");
                }
            }
        }
        int[] column = nearestPialVoxel(layerOf, nx, ny, nz, sp);
        Map<Integer, Integer> columnIds = new HashMap<>();
        List<Float> columnPos = new ArrayList<>();
        int count = 0;
        for (int idx = 0; idx < n; idx++) {
            if (layerOf[idx] > Layer.L1.ordinal()) {
                count++;
            }
        }
        int[] vArea = new int[count];
        byte[] vLayer = new byte[count];
        float[] vPos = new float[3 * count];
        int[] vCol = new int[count];
        int[] vGrid = new int[count];
        int v = 0;
        int orphans = 0;
        for (int idx = 0; idx < n; idx++) {
            if (layerOf[idx] <= Layer.L1.ordinal()) {
                continue;
            }
            int i = idx % nx, j = (idx / nx) % ny, k = idx / (nx * ny);
            int h = k < nz / 2 ? 0 : 1;
            vArea[v] = areaIndex[h][areaSlot[idx]];
            vLayer[v] = layerOf[idx];
            vPos[3 * v] = (float) ((i + 0.5) * sp[0]);
            vPos[3 * v + 1] = (float) ((j + 0.5) * sp[1]);
            vPos[3 * v + 2] = (float) ((k + 0.5) * sp[2]);
            int pial = column[idx] >= 0 ? column[idx] : idx;
            if (column[idx] < 0) {
                orphans++;
            }
            Integer c = columnIds.get(pial);
            if (c == null) {
                c = columnIds.size();
                columnIds.put(pial, c);
                int pi = pial % nx, pj = (pial / nx) % ny, pk = pial / (nx * ny);
                columnPos.add((float) ((pi + 0.5) * sp[0]));
                columnPos.add((float) ((pj + 0.5) * sp[1]));
                columnPos.add((float) ((pk + 0.5) * sp[2]));
            }
            vCol[v] = c;
            vGrid[v] = idx;
            v++;
        }
        if (orphans > 0) {
            notes.add(orphans + " voxels reach no L1 voxel through the cortex; they are their own columns");
        }
        float[] cPos = new float[columnPos.size()];
        for (int i = 0; i < cPos.length; i++) {
            cPos[i] = columnPos.get(i);
        }
        Atlas atlas = new Atlas(name, false, sp[0], areas, vArea, vLayer, vPos, vCol, cPos,
                volume.sizes(), vGrid);
        return new Result(atlas, List.copyOf(notes));
    }

    /** Label → {area slot in ISOCORTEX_AREAS, layer ordinal} for every isocortex layer label. */
    private static Map<Integer, int[]> resolveLabels(NrrdVolume volume, StructureGraph graph, List<String> notes) {
        Map<Integer, Integer> slotOfId = new HashMap<>();
        for (int a = 0; a < ISOCORTEX_AREAS.size(); a++) {
            StructureGraph.Structure s = graph.byAcronym(ISOCORTEX_AREAS.get(a));
            if (s == null) {
                notes.add("structure graph lacks isocortex area " + ISOCORTEX_AREAS.get(a));
                continue;
            }
            slotOfId.put(s.id(), a);
        }
        StructureGraph.Structure isocortex = graph.byAcronym("Isocortex");
        Map<Integer, int[]> out = new HashMap<>();
        Map<String, Integer> dropped = new TreeMap<>();
        Map<Integer, Integer> seen = new HashMap<>();
        for (int label : volume.ints()) {
            seen.merge(label, 1, Integer::sum);
        }
        for (Map.Entry<Integer, Integer> e : seen.entrySet()) {
            int label = e.getKey();
            if (label == 0) {
                continue;
            }
            StructureGraph.Structure s = graph.byId(label);
            if (s == null) {
                notes.add("label " + label + " (" + e.getValue() + " voxels) is not in the structure graph; ignored");
                continue;
            }
            if (isocortex == null || !graph.isWithin(label, isocortex.id())) {
                continue;
            }
            StructureGraph.Structure area = s;
            while (area != null && !slotOfId.containsKey(area.id())) {
                area = graph.byId(area.parentId());
            }
            Layer layer = null;
            if (area != null && s.acronym().startsWith(area.acronym())) {
                layer = Layer.fromAllenSuffix(s.acronym().substring(area.acronym().length()));
            }
            if (area == null || layer == null) {
                dropped.merge(s.acronym(), e.getValue(), Integer::sum);
                continue;
            }
            out.put(label, new int[] {slotOfId.get(area.id()), layer.ordinal()});
        }
        dropped.forEach((acr, c) -> notes.add("isocortex label " + acr + " (" + c
                + " voxels) names no summary area and layer; ignored"));
        return out;
    }

    /**
     * For every isocortex voxel, the linear index of the nearest L1 voxel of the same hemisphere
     * (−1 when none is connected). Breadth-first propagation from all L1 voxels through
     * 26-neighbours, each voxel keeping the closest seed offered by its neighbours: the usual
     * approximate Euclidean feature transform.
     */
    private static int[] nearestPialVoxel(byte[] layerOf, int nx, int ny, int nz, double[] sp) {
        int n = layerOf.length;
        int[] seed = new int[n];
        java.util.Arrays.fill(seed, -1);
        int[] queue = new int[n];
        int head = 0, tail = 0;
        for (int idx = 0; idx < n; idx++) {
            if (layerOf[idx] == Layer.L1.ordinal()) {
                seed[idx] = idx;
                queue[tail++] = idx;
            }
        }
        while (head < tail) {
            int idx = queue[head++];
            int i = idx % nx, j = (idx / nx) % ny, k = idx / (nx * ny);
            int s = seed[idx];
            int si = s % nx, sj = (s / nx) % ny, sk = s / (nx * ny);
            for (int dk = -1; dk <= 1; dk++) {
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int a = i + di, b = j + dj, c = k + dk;
                        if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz
                                || (c < nz / 2) != (k < nz / 2)) {
                            continue;
                        }
                        int m = a + nx * (b + ny * c);
                        if (layerOf[m] <= Layer.L1.ordinal()) {
                            continue;
                        }
                        double d = sq((a - si) * sp[0]) + sq((b - sj) * sp[1]) + sq((c - sk) * sp[2]);
                        if (seed[m] < 0) {
                            seed[m] = s;
                            queue[tail++] = m;
                        } else {
                            int t = seed[m];
                            int ti = t % nx, tj = (t / nx) % ny, tk = t / (nx * ny);
                            double old = sq((a - ti) * sp[0]) + sq((b - tj) * sp[1]) + sq((c - tk) * sp[2]);
                            if (d < old) {
                                seed[m] = s; // closer seed found; neighbours already queued keep theirs
                            }
                        }
                    }
                }
            }
        }
        return seed;
    }

    private static double sq(double x) {
        return x * x;
    }
}
