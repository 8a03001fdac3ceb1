package doka.observation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.observation.AreaMapping;
import doka.observation.ObservationException;
import doka.observation.Observations;
import doka.observation.ObservedQuantity;
import doka.observation.ReadOptions;

class TestCsvObservations {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("obs.csv");
        Files.writeString(f, text);
        return f;
    }

    private static final ReadOptions MODEL = new ReadOptions(Set.of("MOp", "SSp"), 0, 10);

    @Test
    void readsAGridWithMissingEntriesAndSigmas() throws IOException {
        Path f = csv("""
                # two areas, three times; SSp missing at 0.3 s
                time_s,area,value,sigma
                0.1,MOp,5.0,0.5
                0.1,SSp,2.5,0.25
                0.3,MOp,6.0,0.5
                0.2,MOp,7.0,0.5

                0.2,SSp,NA,NA
                """);
        Observations o = CsvObservations.read(f, MODEL);
        assertEquals(List.of(ObservedQuantity.ofArea("MOp"), ObservedQuantity.ofArea("SSp")), o.quantities());
        assertEquals(3, o.timeCount());
        assertEquals(0.2, o.timeS(1), "times are sorted");
        assertEquals(7.0, o.value(1, 0));
        assertEquals(0.0625, o.variance(0, 1), 1e-15);
        assertTrue(o.isMissing(1, 1), "NA row");
        assertTrue(o.isMissing(2, 1), "no row at all");
        assertEquals(4, o.presentCount());
    }

    @Test
    void readsGroupsAndVarianceColumnAndNoErrorColumn() throws IOException {
        Observations withVariance = CsvObservations.read(csv("time_s,area,group,value,variance\n1,MOp,L23E,3,0.7\n"), MODEL);
        assertEquals(new ObservedQuantity("MOp", "L23E"), withVariance.quantities().get(0));
        assertEquals(0.7, withVariance.variance(0, 0));
        Observations bare = CsvObservations.read(csv("time_s,area,value\n1,MOp,3\n"), MODEL);
        assertFalse(bare.hasVariances());
    }

    @Test
    void mapsChannelsThroughAMappingFile() throws IOException {
        Path map = dir.resolve("map.csv");
        Files.writeString(map, "kind,key,area,group\nchannel,ch1,MOp,\nchannel,ch2,MOp,L5E\nunit,17,SSp,\n");
        AreaMapping mapping = AreaMappingReader.read(map, Set.of("MOp", "SSp"));
        Observations o = CsvObservations.read(csv("time_s,channel,value\n1,ch1,3\n1,ch2,4\n"), mapping, MODEL);
        assertEquals(List.of(new ObservedQuantity("MOp", "ch1"), new ObservedQuantity("MOp", "L5E")), o.quantities());
        ObservationException e = assertThrows(ObservationException.class,
                () -> CsvObservations.read(csv("time_s,channel,value\n1,ch9,3\n"), mapping, MODEL));
        assertMessage(e, "obs.csv:2:", "channel 'ch9'");
        assertMessage(assertThrows(ObservationException.class,
                () -> CsvObservations.read(csv("time_s,channel,value\n1,ch1,3\n"), MODEL)), "mapping file");
    }

    @Test
    void badInputNamesFileLineAndProblem() throws IOException {
        String header = "time_s,area,value,sigma\n";
        assertBad(header + "0.1,MOp,1,1\n0.2,MOp,1\n", "obs.csv:3:", "expected 4 fields");
        assertBad(header + "0.1,VISp,1,1\n", "obs.csv:2:", "unknown area 'VISp'");
        assertBad(header + "0.1,MOp,NaN,1\n", "obs.csv:2:", "value is NaN");
        assertBad(header + "0.1,MOp,Infinity,1\n", "obs.csv:2:", "value is Infinity");
        assertBad(header + "0.1,MOp,abc,1\n", "obs.csv:2:", "value 'abc' is not a number");
        assertBad(header + "11,MOp,1,1\n", "obs.csv:2:", "outside the run [0.0, 10.0] s");
        assertBad(header + "-0.5,MOp,1,1\n", "obs.csv:2:", "outside the run");
        assertBad(header + "0.1,MOp,1,-0.3\n", "obs.csv:2:", "sigma -0.3 must be > 0");
        assertBad(header + "0.1,MOp,1,NA\n", "obs.csv:2:", "sigma is missing");
        assertBad(header + "0.1,MOp,1,1\n0.1,MOp,2,1\n", "obs.csv:3:", "second row", "first on line 2");
        assertBad("time_s,area,value,colour\n", "obs.csv:1:", "unknown column 'colour'");
        assertBad("time_s,value\n1,2\n", "exactly one of the columns 'area' and 'channel'");
        assertBad("time_s,area,value,sigma,variance\n", "either 'sigma' or 'variance'");
        assertBad("", "empty file");
        assertBad(header + "0.1,\"MOp\",1,1\n", "obs.csv:2:", "quoted");
        assertMessage(assertThrows(ObservationException.class, () -> CsvObservations.read(dir.resolve("none.csv"), MODEL)),
                "none.csv", "cannot read");
    }

    private void assertBad(String text, String... fragments) throws IOException {
        Path f = csv(text);
        assertMessage(assertThrows(ObservationException.class, () -> CsvObservations.read(f, MODEL)), fragments);
    }

    static void assertMessage(Exception e, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void writeThenReadGivesTheSameWindow() {
        Observations o = new Observations("x", new double[] {0.05, 0.15}, List.of(new ObservedQuantity("MOp", "L23E"),
                ObservedQuantity.ofArea("SSp")), new double[] {1.0 / 3, 2e-7, 12345.678, 0},
                new double[] {0.01, 1e-14, 2.0 / 3, 0}, new boolean[] {false, false, false, true});
        Path f = dir.resolve("rt.csv");
        CsvObservations.write(o, f);
        Observations back = CsvObservations.read(f, MODEL);
        assertWindowsEqual(o, back, 1e-15);
    }

    /** Same grid, mask and values (exact: shortest round-trip decimals); variances to {@code relVar} (σ is stored). */
    static void assertWindowsEqual(Observations expected, Observations actual, double relVar) {
        assertEquals(expected.quantities(), actual.quantities());
        assertEquals(java.util.Arrays.toString(expected.timesS()), java.util.Arrays.toString(actual.timesS()));
        for (int t = 0; t < expected.timeCount(); t++) {
            for (int q = 0; q < expected.quantityCount(); q++) {
                assertEquals(expected.isMissing(t, q), actual.isMissing(t, q));
                if (!expected.isMissing(t, q)) {
                    assertEquals(expected.value(t, q), actual.value(t, q), 0.0);
                    assertEquals(expected.variance(t, q), actual.variance(t, q), relVar * expected.variance(t, q));
                }
            }
        }
    }
}
