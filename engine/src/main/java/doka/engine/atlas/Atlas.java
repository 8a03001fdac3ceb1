package doka.engine.atlas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled voxels of the modelled cortical layers (L2/3–L6) of both hemispheres: the space a
 * cortex member is built in.
 *
 * <p>Every voxel belongs to one {@link Area} and one modelled {@link Layer}, has a centre position
 * and belongs to one <em>column</em>: the point of the pial surface it projects to. Column
 * positions are the tangential (surface-parallel) coordinates used for intra-area distances.
 * Positions are in µm: x anterior→posterior, y dorsal→ventral (depth in a flat sheet),
 * z left→right.
 */
public final class Atlas {
    private final String name;
    private final boolean synthetic;
    private final double voxelUm;
    private final List<Area> areas;
    private final int[] voxelArea;
    private final byte[] voxelLayer;
    private final float[] voxelPosUm;
    private final int[] voxelColumn;
    private final float[] columnPosUm;
    private final int[] gridSizes;
    private final int[] voxelGridIndex;
    private final Map<String, Area> byName = new HashMap<>();

    /**
     * @param name description shown in summaries (a synthetic atlas says so)
     * @param synthetic whether generated rather than read from data
     * @param voxelUm voxel edge length
     * @param areas areas, index = position
     * @param voxelArea area index per voxel
     * @param voxelLayer {@link Layer#ordinal()} per voxel (modelled layers only)
     * @param voxelPosUm voxel centres, 3 per voxel
     * @param voxelColumn column per voxel
     * @param columnPosUm tangential position per column, 3 per column
     * @param gridSizes sizes of the source grid (for rate maps)
     * @param voxelGridIndex linear index (x fastest) of each voxel in that grid
     */
    public Atlas(String name, boolean synthetic, double voxelUm, List<Area> areas, int[] voxelArea,
            byte[] voxelLayer, float[] voxelPosUm, int[] voxelColumn, float[] columnPosUm,
            int[] gridSizes, int[] voxelGridIndex) {
        int n = voxelArea.length;
        if (voxelLayer.length != n || voxelPosUm.length != 3 * n || voxelColumn.length != n
                || voxelGridIndex.length != n || columnPosUm.length % 3 != 0 || gridSizes.length != 3) {
            throw new IllegalArgumentException("atlas " + name + ": voxel arrays of inconsistent length");
        }
        for (int i = 0; i < areas.size(); i++) {
            if (areas.get(i).index() != i) {
                throw new IllegalArgumentException("atlas " + name + ": area " + areas.get(i).name() + " has index "
                        + areas.get(i).index() + ", expected " + i);
            }
            byName.put(areas.get(i).name(), areas.get(i));
        }
        for (int v = 0; v < n; v++) {
            if (voxelArea[v] < 0 || voxelArea[v] >= areas.size() || voxelLayer[v] <= 0
                    || voxelLayer[v] >= Layer.values().length || voxelColumn[v] < 0
                    || voxelColumn[v] >= columnPosUm.length / 3) {
                throw new IllegalArgumentException("atlas " + name + ": voxel " + v + " has an invalid area, layer or column");
            }
        }
        this.name = name;
        this.synthetic = synthetic;
        this.voxelUm = voxelUm;
        this.areas = List.copyOf(areas);
        this.voxelArea = voxelArea;
        this.voxelLayer = voxelLayer;
        this.voxelPosUm = voxelPosUm;
        this.voxelColumn = voxelColumn;
        this.columnPosUm = columnPosUm;
        this.gridSizes = gridSizes.clone();
        this.voxelGridIndex = voxelGridIndex;
    }

    /**
     * The atlas restricted to the named areas (kept in this atlas's order, re-indexed): their
     * voxels, in the same order, and the columns those voxels use. An unknown name is an error
     * that lists the atlas's areas.
     */
    public Atlas subset(List<String> names) {
        boolean[] keep = new boolean[areas.size()];
        for (String n : names) {
            Area a = byName.get(n);
            if (a == null) {
                throw new IllegalArgumentException("atlas " + name + " has no area '" + n + "'; it has "
                        + areas.stream().map(Area::name).toList());
            }
            keep[a.index()] = true;
        }
        int[] newArea = new int[areas.size()];
        List<Area> kept = new java.util.ArrayList<>();
        for (Area a : areas) {
            newArea[a.index()] = keep[a.index()] ? kept.size() : -1;
            if (keep[a.index()]) {
                kept.add(new Area(kept.size(), a.acronym(), a.hemisphere(), a.structureId()));
            }
        }
        int n = 0;
        for (int v = 0; v < voxelArea.length; v++) {
            n += keep[voxelArea[v]] ? 1 : 0;
        }
        int[] vArea = new int[n];
        byte[] vLayer = new byte[n];
        float[] vPos = new float[3 * n];
        int[] vColumn = new int[n];
        int[] vGrid = new int[n];
        int[] newColumn = new int[columnPosUm.length / 3];
        java.util.Arrays.fill(newColumn, -1);
        float[] cPos = new float[columnPosUm.length];
        int columns = 0;
        for (int v = 0, k = 0; v < voxelArea.length; v++) {
            if (!keep[voxelArea[v]]) {
                continue;
            }
            int c = voxelColumn[v];
            if (newColumn[c] < 0) {
                newColumn[c] = columns;
                System.arraycopy(columnPosUm, 3 * c, cPos, 3 * columns, 3);
                columns++;
            }
            vArea[k] = newArea[voxelArea[v]];
            vLayer[k] = voxelLayer[v];
            System.arraycopy(voxelPosUm, 3 * v, vPos, 3 * k, 3);
            vColumn[k] = newColumn[c];
            vGrid[k] = voxelGridIndex[v];
            k++;
        }
        return new Atlas(name + ", areas " + String.join(" ", names), synthetic, voxelUm, kept, vArea, vLayer, vPos, vColumn,
                java.util.Arrays.copyOf(cPos, 3 * columns), gridSizes, vGrid);
    }

    public String name() {
        return name;
    }

    public boolean synthetic() {
        return synthetic;
    }

    public double voxelUm() {
        return voxelUm;
    }

    /** Voxel volume in mm³. */
    public double voxelVolumeMm3() {
        return Math.pow(voxelUm * 1e-3, 3);
    }

    public List<Area> areas() {
        return areas;
    }

    /** The area named "ACRONYM-L"/"ACRONYM-R", or an exception listing what exists. */
    public Area area(String name) {
        Area a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException("atlas " + this.name + " has no area '" + name
                    + "' (names are acronym-hemisphere, e.g. MOp-L; " + areas.size() + " areas)");
        }
        return a;
    }

    public Area area(String acronym, Hemisphere h) {
        return area(acronym + "-" + h.tag());
    }

    public boolean hasArea(String name) {
        return byName.containsKey(name);
    }

    public int voxelCount() {
        return voxelArea.length;
    }

    public int columnCount() {
        return columnPosUm.length / 3;
    }

    public int voxelArea(int v) {
        return voxelArea[v];
    }

    public Layer voxelLayer(int v) {
        return Layer.values()[voxelLayer[v]];
    }

    public int voxelColumn(int v) {
        return voxelColumn[v];
    }

    /** Coordinate {@code axis} (0 x, 1 y, 2 z) of the centre of voxel v, µm. */
    public float voxelPosUm(int v, int axis) {
        return voxelPosUm[3 * v + axis];
    }

    /** Coordinate {@code axis} of the tangential (pial) position of column c, µm. */
    public float columnPosUm(int c, int axis) {
        return columnPosUm[3 * c + axis];
    }

    public int[] gridSizes() {
        return gridSizes.clone();
    }

    public int voxelGridIndex(int v) {
        return voxelGridIndex[v];
    }

    /** Voxels per area and modelled layer: [area][Layer.modelledIndex()]. */
    public int[][] voxelsPerAreaLayer() {
        int[][] count = new int[areas.size()][Layer.MODELLED.length];
        for (int v = 0; v < voxelArea.length; v++) {
            count[voxelArea[v]][voxelLayer(v).modelledIndex()]++;
        }
        return count;
    }

    /** Whether the area has L4 voxels (agranular areas have none). */
    public boolean granular(int area) {
        return voxelsPerAreaLayer()[area][Layer.L4.modelledIndex()] > 0;
    }

    /** Mean voxel centre of an area, µm (3 values). */
    public double[] areaCentreUm(int area) {
        double[] c = new double[3];
        int n = 0;
        for (int v = 0; v < voxelArea.length; v++) {
            if (voxelArea[v] == area) {
                for (int k = 0; k < 3; k++) {
                    c[k] += voxelPosUm[3 * v + k];
                }
                n++;
            }
        }
        for (int k = 0; k < 3; k++) {
            c[k] /= Math.max(1, n);
        }
        return c;
    }
}
