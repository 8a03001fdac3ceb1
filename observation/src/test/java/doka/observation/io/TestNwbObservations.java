package doka.observation.io;

import static doka.observation.io.TestCsvObservations.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.observation.ObservationException;
import doka.observation.Observations;
import doka.observation.ObservedQuantity;
import doka.observation.ReadOptions;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

class TestNwbObservations {
    @TempDir
    Path dir;

    @Test
    void writeThenReadIsExact() {
        Observations o = new Observations("x", new double[] {0.05, 0.15}, List.of(new ObservedQuantity("MOp", "L23E"),
                ObservedQuantity.ofArea("SSp")), new double[] {1.0 / 3, -2e-7, 12345.678, 0},
                new double[] {0.01, 1e-14, Double.NaN, 0}, new boolean[] {false, false, false, true});
        Path f = dir.resolve("o.h5");
        NwbObservations.write(o, f);
        assertTrue(NwbObservations.isDokaObservations(f));
        Observations back = NwbObservations.read(f, new ReadOptions(Set.of("MOp", "SSp"), 0, 1));
        assertEquals(new Observations(f.toString(), o.timesS(), o.quantities(), o.values(), o.variances(), o.missing()), back,
                "binary doubles round-trip bit for bit, including the unset variance");
        assertFalse(back.hasVariances());
    }

    private Path handWritten(double[][] data, double[][] variance, double[] times, String[] areas) {
        Path f = dir.resolve("bad.h5");
        try (WritableHdfFile h = HdfFile.write(f)) {
            h.putAttribute("doka_format", NwbObservations.FORMAT);
            h.putAttribute("doka_format_version", NwbObservations.FORMAT_VERSION);
            WritableGroup s = h.putGroup("processing").putGroup("doka").putGroup("observations");
            s.putDataset("data", data);
            s.putDataset("variance", variance);
            s.putDataset("timestamps", times);
            s.putDataset("area", areas);
            String[] groups = new String[areas.length];
            java.util.Arrays.fill(groups, "");
            s.putDataset("group", groups);
        }
        return f;
    }

    @Test
    void badContentNamesTheHdf5Path() {
        ReadOptions model = new ReadOptions(Set.of("MOp"), 0, 10);
        String series = "[" + NwbObservations.SERIES;
        Path negative = handWritten(new double[][] {{1}}, new double[][] {{-1}}, new double[] {1}, new String[] {"MOp"});
        assertMessage(assertThrows(ObservationException.class, () -> NwbObservations.read(negative, model)),
                "bad.h5", series + "/variance]", "row 0, column 0 is -1.0");
        Path inf = handWritten(new double[][] {{Double.POSITIVE_INFINITY}}, new double[][] {{1}}, new double[] {1}, new String[] {"MOp"});
        assertMessage(assertThrows(ObservationException.class, () -> NwbObservations.read(inf, model)),
                series + "/data]", "Infinity");
        Path area = handWritten(new double[][] {{1}}, new double[][] {{1}}, new double[] {1}, new String[] {"VISp"});
        assertMessage(assertThrows(ObservationException.class, () -> NwbObservations.read(area, model)),
                series + "/area]", "unknown area 'VISp'");
        Path late = handWritten(new double[][] {{1}}, new double[][] {{1}}, new double[] {12}, new String[] {"MOp"});
        assertMessage(assertThrows(ObservationException.class, () -> NwbObservations.read(late, model)),
                series + "/timestamps]", "outside the run");
        Path shape = handWritten(new double[][] {{1, 2}}, new double[][] {{1}}, new double[] {1}, new String[] {"MOp"});
        assertMessage(assertThrows(ObservationException.class, () -> NwbObservations.read(shape, model)),
                series + "/data]", "shape [1, 2]");
    }
}
