package doka.engine.cortex;

import doka.engine.atlas.Area;
import doka.engine.atlas.Atlas;
import doka.engine.atlas.Hemisphere;
import doka.engine.atlas.Layer;
import java.util.ArrayList;
import java.util.List;

/** Hand-made flat atlases for wiring tests: granular columns 12 voxels deep (L2/3 4, L4 2, L5 3, L6 3). */
final class FlatSheets {
    private FlatSheets() {
    }

    /**
     * A sheet of nx × nz columns in the left hemisphere; columns with x < split belong to "MOp",
     * the others to "MOs" (split ≥ nx: one area).
     */
    static Atlas sheet(int nx, int nz, int split) {
        Layer[] depth = {Layer.L2_3, Layer.L2_3, Layer.L2_3, Layer.L2_3, Layer.L4, Layer.L4, Layer.L5, Layer.L5,
            Layer.L5, Layer.L6, Layer.L6, Layer.L6};
        List<Area> areas = new ArrayList<>();
        areas.add(new Area(0, "MOp", Hemisphere.LEFT, -1));
        if (split < nx) {
            areas.add(new Area(1, "MOs", Hemisphere.LEFT, -1));
        }
        int n = nx * nz * depth.length;
        int[] area = new int[n], col = new int[n], grid = new int[n];
        byte[] layer = new byte[n];
        float[] pos = new float[3 * n], cpos = new float[3 * nx * nz];
        int v = 0;
        for (int x = 0; x < nx; x++) {
            for (int z = 0; z < nz; z++) {
                int c = x * nz + z;
                cpos[3 * c] = (x + 0.5f) * 100;
                cpos[3 * c + 2] = (z + 0.5f) * 100;
                for (int d = 0; d < depth.length; d++) {
                    area[v] = x < split ? 0 : 1;
                    layer[v] = (byte) depth[d].ordinal();
                    pos[3 * v] = cpos[3 * c];
                    pos[3 * v + 1] = (d + 1.5f) * 100;
                    pos[3 * v + 2] = cpos[3 * c + 2];
                    col[v] = c;
                    grid[v] = x + nx * (d + 13 * z);
                    v++;
                }
            }
        }
        return new Atlas("test sheet (synthetic)", true, 100, areas, area, layer, pos, col, cpos,
                new int[] {nx, 13, nz}, grid);
    }
}
