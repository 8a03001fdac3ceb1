package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.atlas.Atlas;
import doka.engine.atlas.Kim2017;
import doka.engine.atlas.Layer;
import doka.engine.atlas.SharedData;
import doka.engine.atlas.SyntheticCortex;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestCells {
    private final Atlas atlas = SyntheticCortex.generate(SyntheticCortex.Spec.defaults(1));

    @Test
    void countsMatchDensitiesWithinBinomialNoise() {
        CellComposition comp = CellComposition.defaults();
        double s = 0.01;
        Cells cells = Cells.place(atlas, comp, s, 42);
        int[][] voxels = atlas.voxelsPerAreaLayer();
        for (int a = 0; a < atlas.areas().size(); a++) {
            String acr = atlas.areas().get(a).acronym();
            for (int l = 0; l < 4; l++) {
                for (CellClass c : CellClass.values()) {
                    double lambda = comp.expectedPerVoxel(acr, l, c, atlas.voxelVolumeMm3(), s);
                    double mean = voxels[a][l] * lambda;
                    double frac = lambda - Math.floor(lambda);
                    double sd = Math.sqrt(voxels[a][l] * frac * (1 - frac));
                    int got = cells.size(Cells.population(a, l, c));
                    assertTrue(Math.abs(got - mean) <= 5 * sd + 1e-9,
                            acr + " L" + l + " " + c + ": " + got + " vs " + mean + " ± " + sd);
                }
            }
        }
        int mop = atlas.area("MOp-L").index();
        for (CellClass c : CellClass.values()) {
            assertEquals(0, cells.size(Cells.population(mop, Layer.L4.modelledIndex(), c)), "agranular MOp has no L4");
        }
        // Density at s = 1 per voxel of L2/3 (closed form from PD14): 26517 / 0.324 mm³ · 0.001 mm³.
        assertEquals(26517 / 0.324 * 1e-3, comp.expectedPerVoxel("MOp", 0, CellClass.E, 1e-3, 1)
                + comp.expectedPerVoxel("MOp", 0, CellClass.FS, 1e-3, 1)
                + comp.expectedPerVoxel("MOp", 0, CellClass.LTS, 1e-3, 1), 1e-9);
    }

    @Test
    void placementIsDeterministicAndInsideVoxels() {
        Cells a = Cells.place(atlas, CellComposition.defaults(), 0.005, 9);
        Cells b = Cells.place(atlas, CellComposition.defaults(), 0.005, 9);
        Cells c = Cells.place(atlas, CellComposition.defaults(), 0.005, 10);
        assertEquals(a.count(), b.count());
        boolean differs = a.count() != c.count();
        for (int i = 0; i < a.count(); i++) {
            assertEquals(a.posUm(i, 0), b.posUm(i, 0));
            int v = a.voxel(i);
            for (int ax = 0; ax < 3; ax++) {
                assertTrue(Math.abs(a.posUm(i, ax) - atlas.voxelPosUm(v, ax)) <= 50.0001);
            }
            assertEquals(0f, a.tangentialUm(i, 1), 1e-3, "flat sheet: tangential points lie on the pia");
            assertEquals(a.posUm(i, 0), a.tangentialUm(i, 0), 1e-3);
            if (!differs && i < c.count()) {
                differs = a.posUm(i, 0) != c.posUm(i, 0);
            }
        }
        assertTrue(differs, "another seed places differently");
    }

    @Test
    void perAreaFsSharesFromKim2017() throws IOException {
        Map<String, double[]> shares = Kim2017.readFsShares(SharedData.allen("kim2017/mmc3_Sheet1.csv"));
        assertTrue(shares.size() >= 38, "most isocortex areas: " + shares.size());
        double[] mop = shares.get("MOp");
        // MOp2/3 PV 4055/3929, SST 3423/3709 (male/female means in mmc3).
        double pv = (4054.9687824470448 + 3929.157608762147) / 2, sst = (3422.9470029961399 + 3708.622665052244) / 2;
        assertEquals(pv / (pv + sst), mop[0], 1e-9);
        CellComposition comp = CellComposition.defaults().withFsShareByArea(shares);
        assertEquals(mop[0], comp.fsShare("MOp", 0));
        assertEquals(0.49, comp.fsShare("nonexistent", 0));
        // Sensory-motor areas are PV-dominated compared with association areas (Kim 2017).
        assertTrue(shares.get("SSp-bfd")[2] > shares.get("ORBl")[2]);
    }
}
