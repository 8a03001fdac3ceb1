package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The packing of one window's messages, as the gather and scatter lay them out. */
class TestWindowCodec {
    private final WindowCodec codec = new WindowCodec(3, 2, 4);

    @Test
    void reportsGatheredInMemberOrderUnpackMemberMajor() {
        double[] gathered = new double[3 * codec.reportLength()];
        for (int m = 0; m < 3; m++) {
            double[] r = codec.pack(new WindowCodec.Report(new double[] {m, 10 + m},
                    new double[] {100 + m, 200 + m, 300 + m, 400 + m}, 0.5 * m));
            System.arraycopy(r, 0, gathered, m * r.length, r.length);
        }
        WindowCodec.Reports all = codec.unpackReports(gathered);
        assertArrayEquals(new double[] {0, 10, 1, 11, 2, 12}, all.estimated(), 0);
        assertArrayEquals(new double[] {100, 200, 300, 400, 101, 201, 301, 401, 102, 202, 302, 402}, all.predicted(), 0);
        assertArrayEquals(new double[] {0, 0.5, 1}, all.simSeconds(), 0);
    }

    @Test
    void eachMemberGetsItsOwnAnalysisRowAndTheFlags() {
        double[] analysis = {1, 2, 3, 4, 5, 6};
        double[] packed = codec.packDirectives(analysis, true, false);
        assertEquals(3 * codec.directiveLength(), packed.length);
        double[] row = java.util.Arrays.copyOfRange(packed, 2 * codec.directiveLength(), 3 * codec.directiveLength());
        WindowCodec.Directive d = codec.unpackDirective(row);
        assertArrayEquals(new double[] {5, 6}, d.analysis(), 0);
        assertTrue(d.checkpoint());
        assertFalse(d.stop());
        assertTrue(codec.unpackDirective(java.util.Arrays.copyOf(codec.packDirectives(analysis, false, true),
                codec.directiveLength())).stop());
    }

    @Test
    void aReportOfTheWrongShapeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> codec.pack(new WindowCodec.Report(new double[3], new double[4], 0)));
        assertTrue(e.getMessage().contains("3 estimated values"), e.getMessage());
    }
}
