package doka.engine.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AllenAtlas on a tiny hand-made volume and on the shared CCF v3 files. */
class TestAtlasImport {
    private static StructureGraph tinyGraph() {
        return new StructureGraph(List.of(
                new StructureGraph.Structure(997, "root", "root", -1),
                new StructureGraph.Structure(315, "Isocortex", "Isocortex", 997),
                new StructureGraph.Structure(500, "MO", "Somatomotor areas", 315),
                new StructureGraph.Structure(985, "MOp", "Primary motor area", 500),
                new StructureGraph.Structure(320, "MOp1", "L1", 985),
                new StructureGraph.Structure(943, "MOp2/3", "L2/3", 985),
                new StructureGraph.Structure(648, "MOp5", "L5", 985),
                new StructureGraph.Structure(844, "MOp6a", "L6a", 985),
                new StructureGraph.Structure(993, "MOs", "Secondary motor area", 500)));
    }

    @Test
    void resolvesAreasLayersHemispheresAndColumns() {
        // 2 (AP) × 4 (DV: L1, L2/3, L5, L6a) × 2 (LR) voxels; both hemispheres MOp.
        int[] labels = new int[16];
        int[] byDepth = {320, 943, 648, 844};
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 2; i++) {
                    labels[i + 2 * (j + 4 * k)] = byDepth[j];
                }
            }
        }
        NrrdVolume v = new NrrdVolume("uint32", new int[] {2, 4, 2}, new double[] {100, 100, 100}, labels, null);
        AllenAtlas.Result r = AllenAtlas.build(v, tinyGraph(), "tiny");
        Atlas a = r.atlas();
        assertEquals(12, a.voxelCount(), "L1 voxels hold no neurons");
        assertTrue(a.hasArea("MOp-L") && a.hasArea("MOp-R"));
        assertFalse(a.hasArea("MOs-L"), "MOs has no voxels");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("MOs-L")), r.notes().toString());
        assertFalse(a.granular(a.area("MOp-L").index()), "no L4 voxels");
        assertEquals(4, a.columnCount(), "one column per L1 voxel");
        for (int vox = 0; vox < a.voxelCount(); vox++) {
            int c = a.voxelColumn(vox);
            assertEquals(a.voxelPosUm(vox, 0), a.columnPosUm(c, 0), 0, "projects straight up");
            assertEquals(a.voxelPosUm(vox, 2), a.columnPosUm(c, 2), 0);
            assertEquals(50f, a.columnPosUm(c, 1), 0, "pial voxel is the top row");
            Hemisphere h = a.areas().get(a.voxelArea(vox)).hemisphere();
            assertEquals(a.voxelPosUm(vox, 2) < 100 ? Hemisphere.LEFT : Hemisphere.RIGHT, h);
        }
        assertEquals(Layer.L6, a.voxelLayer(a.voxelCount() - 1));
    }

    @Test
    void buildsThe86AreaIsocortexFromSharedFiles() throws IOException {
        AllenAtlas.Result r = AllenAtlas.read(SharedData.allen("annotation_100_ccf2017_derived_from_bbp25.nrrd"),
                SharedData.allen("allen_structure_graph_1.json"));
        Atlas a = r.atlas();
        assertEquals(86, a.areas().size(), r.notes().toString());
        assertFalse(a.synthetic());
        for (String agranular : List.of("MOp-L", "MOs-R", "ACAd-L", "PL-R")) {
            assertFalse(a.granular(a.area(agranular).index()), agranular + " has no L4");
        }
        for (String granular : List.of("SSp-bfd-L", "VISp-R", "AUDp-L")) {
            assertTrue(a.granular(a.area(granular).index()), granular + " has L4");
        }
        double[] left = a.areaCentreUm(a.area("MOp-L").index());
        double[] right = a.areaCentreUm(a.area("MOp-R").index());
        assertEquals(11400 - left[2], right[2], 300, "hemispheres mirror about the midline");
        assertTrue(left[2] < 5700 && right[2] > 5700);
        // Columns: tangential positions lie on L1, within ~ a cortical thickness of the voxel.
        double worst = 0;
        for (int v = 0; v < a.voxelCount(); v++) {
            int c = a.voxelColumn(v);
            double d = 0;
            for (int k = 0; k < 3; k++) {
                d += Math.pow(a.voxelPosUm(v, k) - a.columnPosUm(c, k), 2);
            }
            worst = Math.max(worst, Math.sqrt(d));
        }
        assertTrue(worst < 2500, "voxel to pial point ≤ 2.5 mm, found " + worst);
        assertTrue(a.columnCount() > 1000 && a.columnCount() < a.voxelCount());
    }

    @Test
    void readsTheStructureGraph() throws IOException {
        StructureGraph g = StructureGraph.read(SharedData.allen("allen_structure_graph_1.json"));
        assertEquals(1327, g.size());
        assertEquals(985, g.byAcronym("MOp").id());
        assertEquals(943, g.byAcronym("MOp2/3").id());
        assertTrue(g.isWithin(943, g.byAcronym("Isocortex").id()));
        assertEquals(985, g.byId(943).parentId());
    }
}
