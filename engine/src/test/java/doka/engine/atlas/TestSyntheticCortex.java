package doka.engine.atlas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestSyntheticCortex {
    private final Atlas atlas = SyntheticCortex.generate(SyntheticCortex.Spec.defaults(7));

    @Test
    void isLabelledSyntheticAndDeterministic() {
        assertTrue(atlas.synthetic());
        assertTrue(atlas.name().startsWith("synthetic"));
        Atlas again = SyntheticCortex.generate(SyntheticCortex.Spec.defaults(7));
        assertEquals(atlas.voxelCount(), again.voxelCount());
        for (int v = 0; v < atlas.voxelCount(); v += 97) {
            assertEquals(atlas.voxelArea(v), again.voxelArea(v));
        }
        Atlas other = SyntheticCortex.generate(SyntheticCortex.Spec.defaults(8));
        assertArrayEquals(atlas.gridSizes(), other.gridSizes());
        assertFalse(java.util.Arrays.equals(atlas.voxelsPerAreaLayer()[4], other.voxelsPerAreaLayer()[4])
                && java.util.Arrays.equals(atlas.voxelsPerAreaLayer()[2], other.voxelsPerAreaLayer()[2]),
                "another seed moves the area borders");
    }

    @Test
    void hasBothHemispheresAgranularMotorAreasAndLayerFractions() {
        assertEquals(2 * SyntheticCortex.acronyms().size(), atlas.areas().size());
        assertFalse(atlas.granular(atlas.area("MOp-L").index()));
        assertFalse(atlas.granular(atlas.area("MOs-R").index()));
        assertTrue(atlas.granular(atlas.area("VISp-L").index()));
        assertEquals(100.0, atlas.voxelUm());
        int[][] n = atlas.voxelsPerAreaLayer();
        int bfd = atlas.area("SSp-bfd-L").index();
        double total = n[bfd][0] + n[bfd][1] + n[bfd][2] + n[bfd][3];
        // 13 voxels deep: L1 1, L2/3 4 (0.27), L4 2 (0.15), L5 3 (0.22), L6 3 (0.25) → of 12 modelled.
        assertEquals(4 / 12.0, n[bfd][0] / total, 1e-9);
        assertEquals(2 / 12.0, n[bfd][1] / total, 1e-9);
        assertEquals(atlas.voxelsPerAreaLayer()[atlas.area("MOp-L").index()][0],
                atlas.voxelsPerAreaLayer()[atlas.area("MOp-R").index()][0], "mirror-symmetric hemispheres");
        // A column is vertical: its voxels share x and z with it and lie below the pia.
        for (int v = 0; v < atlas.voxelCount(); v += 31) {
            int c = atlas.voxelColumn(v);
            assertEquals(atlas.voxelPosUm(v, 0), atlas.columnPosUm(c, 0), 0);
            assertEquals(atlas.voxelPosUm(v, 2), atlas.columnPosUm(c, 2), 0);
            assertTrue(atlas.voxelPosUm(v, 1) > 100);
        }
    }

    @Test
    void layerBandsFollowFractions() {
        double[] f = {0.1, 0.3, 0.2, 0.2, 0.2};
        assertEquals(Layer.L1, SyntheticCortex.layerAt(0.05, f));
        assertEquals(Layer.L2_3, SyntheticCortex.layerAt(0.39, f));
        assertEquals(Layer.L4, SyntheticCortex.layerAt(0.41, f));
        assertEquals(Layer.L6, SyntheticCortex.layerAt(0.99, f));
    }

    @Test
    void aSubsetKeepsTheNamedAreasVoxelsAndColumns() {
        Atlas focused = atlas.subset(java.util.List.of("MOs-L", "MOp-L"));
        assertEquals(java.util.List.of("MOs-L", "MOp-L"), focused.areas().stream().map(Area::name).toList(),
                "areas keep the atlas's order");
        int[][] before = atlas.voxelsPerAreaLayer();
        int[][] after = focused.voxelsPerAreaLayer();
        for (int l = 0; l < after[0].length; l++) {
            assertEquals(before[atlas.area("MOs-L").index()][l], after[focused.area("MOs-L").index()][l]);
            assertEquals(before[atlas.area("MOp-L").index()][l], after[focused.area("MOp-L").index()][l]);
        }
        for (int v = 0; v < focused.voxelCount(); v++) {
            int c = focused.voxelColumn(v);
            assertTrue(c >= 0 && c < focused.columnCount());
        }
        assertTrue(focused.columnCount() < atlas.columnCount());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> atlas.subset(java.util.List.of("MOp-X")));
        assertTrue(e.getMessage().contains("no area 'MOp-X'") && e.getMessage().contains("MOp-L"), e.getMessage());
    }
}
