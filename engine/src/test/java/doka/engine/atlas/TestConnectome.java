package doka.engine.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConnectome {
    @TempDir
    Path dir;

    @Test
    void syntheticSpansDecadesDecaysWithDistanceAndFavoursHomotopy() {
        Atlas atlas = SyntheticCortex.generate(SyntheticCortex.Spec.defaults(3));
        Connectome c = SyntheticConnectome.generate(atlas, 3);
        int n = c.size();
        double min = Double.MAX_VALUE, max = 0;
        double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
        int m = 0;
        double homo = 0, hetero = 0;
        for (int s = 0; s < n; s++) {
            double[] cs = atlas.areaCentreUm(s);
            for (int t = 0; t < n; t++) {
                double w = c.ipsi()[s * n + t];
                if (s == t) {
                    assertEquals(0, w, "no within-area long-range strength");
                    homo += Math.log(c.contra()[s * n + t]) / n;
                    continue;
                }
                hetero += Math.log(c.contra()[s * n + t]) / (n * (n - 1));
                min = Math.min(min, w);
                max = Math.max(max, w);
                double[] ct = atlas.areaCentreUm(t);
                double d = Math.hypot(cs[0] - ct[0], cs[2] - ct[2]);
                double y = Math.log(w);
                sx += d; sy += y; sxx += d * d; syy += y * y; sxy += d * y; m++;
            }
        }
        double r = (m * sxy - sx * sy) / Math.sqrt((m * sxx - sx * sx) * (m * syy - sy * sy));
        assertTrue(Math.log10(max / min) > 4, "spans > 4 decades: " + Math.log10(max / min));
        assertTrue(r < -0.2, "log strength falls with distance, r = " + r);
        assertTrue(homo > hetero + Math.log(10), "homotopic contra ≫ heterotopic contra");
        double[] w = c.forAtlas(atlas);
        int ml = atlas.area("MOp-L").index(), mr = atlas.area("MOp-R").index(), sl = atlas.area("MOs-L").index();
        int na = atlas.areas().size();
        assertEquals(c.strength("MOp", "MOp", false), w[ml * na + mr]);
        assertEquals(c.strength("MOp", "MOs", true), w[ml * na + sl]);
        assertEquals(0, w[ml * na + ml]);
    }

    @Test
    void ohReaderMapsCcfV2AndReportsWhatDoesNotMap() throws IOException {
        Connectome c = ConnectomeReaders.readOh2014(SharedData.allen("connectivity/nature13186-s4_W_ipsi.csv"),
                SharedData.allen("connectivity/nature13186-s4_W_contra.csv"));
        assertEquals(43, c.size());
        assertEquals(0, c.strength("PTLp", "MOp", true), "PTLp is no CCF v3 summary area");
        assertEquals(c.strength("VISa", "MOs", true), c.strength("VISrl", "MOs", true), "both take PTLp's row");
        assertTrue(c.strength("MOp", "MOs", true) > 0);
        assertTrue(c.strength("MOp", "MOp", false) > 0, "homotopic callosal");
        String notes = String.join("\n", c.notes());
        for (String missing : new String[] {"AUDpo", "SSp-un", "VISli", "VISpor"}) {
            assertTrue(notes.contains(missing), missing + " reported: " + notes);
            assertEquals(0, c.strength(missing, "MOp", true));
        }
    }

    @Test
    void knoxReaderReadsTwoHeaderRowsKeyedByIds() throws IOException {
        StructureGraph g = StructureGraph.read(SharedData.allen("allen_structure_graph_1.json"));
        Connectome c = ConnectomeReaders.readKnox2019(SharedData.allen("connectivity/homogeneous-standard-model.csv"), g);
        assertEquals(43, c.size());
        int nonzero = 0;
        for (double w : c.ipsi()) {
            nonzero += w > 0 ? 1 : 0;
        }
        assertTrue(nonzero > 43 * 42 / 2, "dense isocortical model: " + nonzero);
        assertTrue(c.strength("MOp", "MOs", true) > c.strength("MOp", "VISp", true));
        assertTrue(c.strength("VISp", "VISp", false) > 0);
    }

    @Test
    void readerErrorsNameFileLineAndColumn() throws IOException {
        Path ipsi = dir.resolve("W_ipsi.csv");
        Files.writeString(ipsi, ",MOp,MOs\nMOp,0,1.5\nMOs,x,0\n");
        IOException e = assertThrows(IOException.class, () -> ConnectomeReaders.readOh2014(ipsi, ipsi));
        assertTrue(e.getMessage().contains("W_ipsi.csv: line 3, column 2 is 'x', expected a number"), e.getMessage());
        Files.writeString(ipsi, ",MOp,MOs\nMOp,0\n");
        e = assertThrows(IOException.class, () -> ConnectomeReaders.readOh2014(ipsi, ipsi));
        assertTrue(e.getMessage().contains("line 2 has 2 cells, expected 3"), e.getMessage());
        Path knox = dir.resolve("knox.csv");
        Files.writeString(knox, ",ipsi,both\n,985,993\n985,0,1\n");
        StructureGraph g = new StructureGraph(java.util.List.of(new StructureGraph.Structure(985, "MOp", "", -1)));
        e = assertThrows(IOException.class, () -> ConnectomeReaders.readKnox2019(knox, g));
        assertTrue(e.getMessage().contains("line 1, column 3 is 'both', expected ipsi or contra"), e.getMessage());
    }

    @Test
    void smallOhFileRoundTrips() throws IOException {
        Path ipsi = dir.resolve("i.csv"), contra = dir.resolve("c.csv");
        Files.writeString(ipsi, ",MOp,MOs,PTLp\nMOp,0,2,0.5\nMOs,3,0,0\nPTLp,0.25,0,0\n");
        Files.writeString(contra, ",MOp,MOs,PTLp\nMOp,1,0,0\nMOs,0,1,0\nPTLp,0,0,0.1\n");
        Connectome c = ConnectomeReaders.readOh2014(ipsi, contra);
        assertEquals(2, c.strength("MOp", "MOs", true));
        assertEquals(3, c.strength("MOs", "MOp", true));
        assertEquals(0.5, c.strength("MOp", "VISrl", true));
        assertEquals(0.25, c.strength("VISa", "MOp", true));
        assertEquals(0.1, c.strength("VISa", "VISrl", false));
        assertEquals(1, c.strength("MOp", "MOp", false));
        assertTrue(String.join(" ", c.notes()).contains("VISp"), "areas absent from the file are reported");
    }
}
