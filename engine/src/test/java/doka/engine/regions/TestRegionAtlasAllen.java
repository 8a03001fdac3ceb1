package doka.engine.regions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.atlas.NrrdReader;
import doka.engine.atlas.SharedData;
import doka.engine.atlas.StructureGraph;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The regions on the user's Allen CCF v3 files (skipped with a message when absent). */
class TestRegionAtlasAllen {
    @Test
    void regionsAndCerebellarLayersFromTheAnnotation() throws Exception {
        var volume = NrrdReader.read(SharedData.allen("annotation_100_ccf2017_derived_from_bbp25.nrrd"));
        var graph = StructureGraph.read(SharedData.allen("allen_structure_graph_1.json"));
        List<String> names = List.of("VAL-L", "PG-L", "SIM-L", "DN-L", "CP-L", "GPe-L", "SNr-L");
        RegionAtlas atlas = RegionAtlas.fromAllen(volume, graph, List.of("VAL", "PG", "SIM", "DN", "CP", "GPe", "SNr"),
                "test").subset(names);
        int[] voxels = new int[names.size()];
        for (int v = 0; v < atlas.voxelCount(); v++) {
            voxels[atlas.voxelArea(v)]++;
            double phi = atlas.potential(v);
            boolean cerebellar = atlas.kind(atlas.voxelArea(v)) == RegionKind.CEREBELLAR_CORTEX;
            assertTrue(cerebellar ? phi >= 0 && phi <= 1 : Double.isNaN(phi), "voxel " + v + " φ " + phi);
        }
        for (int a = 0; a < names.size(); a++) {
            assertTrue(voxels[a] > 50, names.get(a) + " has " + voxels[a] + " voxels");
        }
        // Every SIM layer gets cells; the granule cells lie deeper (lower φ) than the Purkinje cells.
        RegionCells cells = RegionCells.place(atlas, 0.01, 1);
        int sim = atlas.area("SIM-L").index();
        int granule = cells.population(sim, RegionClass.GRANULE), purkinje = cells.population(sim, RegionClass.PURKINJE),
                mli = cells.population(sim, RegionClass.MLI);
        assertTrue(cells.size(granule) > 100 && cells.size(purkinje) > 0 && cells.size(mli) > 10,
                "SIM cells " + cells.size(granule) + " / " + cells.size(purkinje) + " / " + cells.size(mli));
        double g = meanPotential(cells, granule), p = meanPotential(cells, purkinje), m = meanPotential(cells, mli);
        assertTrue(g < p && p < m, "mean potentials granule " + g + ", Purkinje " + p + ", MLI " + m);
    }

    /** The shipped whole-brain-style Allen file builds: every region population has cells and inputs. */
    @Test
    void wholeBrainAllenFileBuilds() throws Exception {
        java.nio.file.Path dir = SharedData.allen("connectivity/homogeneous-standard-model.csv").getParent().getParent();
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("user.dir")).getParent()
                .resolve("ensembles/models/whole-brain-allen.json");
        var model = doka.engine.cortex.CortexModel.read(file, java.util.Map.of("DOKA_ALLEN", dir.toString()));
        try (var net = doka.engine.cortex.CortexNetwork.build(model)) {
            Regions regions = net.regions();
            int[] inputs = new int[net.network().neuronCount()];
            net.network().synapses().forEach((src, tgt, w, d) -> inputs[tgt]++);
            for (int p = 0; p < regions.cells().populationCount(); p++) {
                int from = regions.base() + regions.cells().offset(p), n = regions.cells().size(p);
                assertTrue(n > 0, regions.populationName(p) + " has no cells");
                long in = 0;
                for (int i = from; i < from + n; i++) {
                    in += inputs[i];
                }
                assertTrue(in > 0, regions.populationName(p) + " receives no synapses");
            }
        }
    }

    private static double meanPotential(RegionCells cells, int population) {
        double sum = 0;
        for (int i = cells.offset(population); i < cells.offset(population) + cells.size(population); i++) {
            sum += cells.potential(i);
        }
        return sum / cells.size(population);
    }
}
