package doka.engine.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The virtual potential and the layers it gives, against closed forms. */
class TestCerebellarPotential {
    /** A flat slab, white matter below (y = −1), surface above (y = n): φ = (y + ½) / n exactly. */
    @Test
    void slabPotentialIsLinearAndLayersHaveYamauraThicknesses() {
        int nx = 4, nz = 3, n = 20, ny = n + 2;
        byte[] kind = new byte[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    kind[x + nx * (y + ny * z)] = y == 0 ? CerebellarPotential.WHITE_MATTER
                            : y == ny - 1 ? CerebellarPotential.SURFACE : CerebellarPotential.CORTEX;
                }
            }
        }
        CerebellarPotential p = CerebellarPotential.solve(nx, ny, nz, kind, 1e-12);
        int[] perLayer = new int[3];
        for (int y = 1; y <= n; y++) {
            double depthFromWhiteMatter = (y - 1 + 0.5) / n;
            assertEquals(depthFromWhiteMatter, p.potential(1, y, 1), 1e-9, "y = " + y);
            double[] g = p.gradient(2, y, 1);
            assertEquals(1.0 / n, g[1], 1e-9, "gradient at y = " + y);
            assertEquals(0, g[0], 1e-12);
            perLayer[CerebellarLayer.at(p.potential(1, y, 1)).ordinal()]++;
        }
        // 20 voxels: granular 0.50 → 10, Purkinje 0.05 → 1, molecular 0.45 → 9.
        assertEquals(10, perLayer[CerebellarLayer.GRANULAR.ordinal()]);
        assertEquals(1, perLayer[CerebellarLayer.PURKINJE.ordinal()]);
        assertEquals(9, perLayer[CerebellarLayer.MOLECULAR.ordinal()]);
    }

    /** A cylindrical shell: φ = ln(r / r_in) / ln(r_out / r_in), to the staircase's accuracy. */
    @Test
    void cylindricalShellFollowsTheLogarithm() {
        int n = 80;
        double c = n / 2.0, rIn = 12, rOut = 30;
        byte[] kind = new byte[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r = Math.hypot(x + 0.5 - c, y + 0.5 - c);
                kind[x + n * y] = r < rIn ? CerebellarPotential.WHITE_MATTER : r > rOut ? CerebellarPotential.SURFACE
                        : CerebellarPotential.CORTEX;
            }
        }
        CerebellarPotential p = CerebellarPotential.solve(n, n, 1, kind, 1e-10);
        double worst = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (kind[x + n * y] == CerebellarPotential.CORTEX) {
                    double r = Math.hypot(x + 0.5 - c, y + 0.5 - c);
                    worst = Math.max(worst, Math.abs(p.potential(x, y, 0) - Math.log(r / rIn) / Math.log(rOut / rIn)));
                }
            }
        }
        assertTrue(worst < 0.04, "largest deviation from the logarithm " + worst);
    }

    /** Cells placed in the synthetic cerebellum sit in their class's layer, and the layers are ordered by depth. */
    @Test
    void placedCerebellarCellsSitInTheirLayers() {
        RegionAtlas atlas = RegionAtlas.synthetic(40, 28).subset(java.util.List.of("SIM-L"));
        RegionCells cells = RegionCells.place(atlas, 0.01, 1);
        double[] meanPotential = new double[4];
        for (int p = 0; p < cells.populationCount(); p++) {
            RegionClass cls = cells.populations().get(p).cls();
            assertTrue(cells.size(p) > 0, cls.label() + " has cells");
            for (int i = cells.offset(p); i < cells.offset(p) + cells.size(p); i++) {
                assertEquals(cls.layer(), CerebellarLayer.at(Math.max(0, Math.min(1, cells.potential(i)))), cls.label());
                meanPotential[p] += cells.potential(i) / cells.size(p);
            }
        }
        // granule < Purkinje < MLI in potential (white matter → surface); Golgi with the granule cells.
        assertTrue(meanPotential[0] < meanPotential[2] && meanPotential[2] < meanPotential[3]);
        assertTrue(meanPotential[1] < CerebellarLayer.GRANULAR.thicknessFraction());
    }
}
