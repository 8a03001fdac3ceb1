package doka.observation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.observation.SharedData;

class TestNwbWriter {
    @TempDir
    Path dir;

    /** Three units, the middle one silent; two rate series. */
    static NwbWriter.Content content() {
        NwbWriter.Units units = new NwbWriter.Units("neurons of VISp", new int[] {10, 11, 12}, new int[] {3, 3, 7},
                new double[] {0.0125, 0.5, 0.9999, 0.001, 0.25, 0.2501, 1.5}, 1e-4,
                new String[] {"VISp", "VISp", "VISl"}, new String[] {"VISp/L2/3/E", "VISp/L5/FS", "VISl/L4/E"},
                new int[] {0, 0, 1});
        List<NwbWriter.RateSeries> rates = List.of(
                new NwbWriter.RateSeries("VISp", "population rate of VISp", 0.2, 1000, new double[] {1.5, 2.5, 0, 4}),
                new NwbWriter.RateSeries("VISl", "population rate of VISl", 0.2, 1000, new double[] {3, 2, 1, 0}));
        return new NwbWriter.Content("test-identifier", "a test", Instant.parse("2026-01-02T03:04:05.678Z"), units,
                "rates", "binned population rates", rates);
    }

    /** {@link #content()} written to out.nwb (skipped without the HDF5 binding). */
    private Path written() {
        String why = NwbWriter.unavailable();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        Path f = dir.resolve("out.nwb");
        NwbWriter.write(f, content());
        return f;
    }

    @Test
    void unitsReadBackThroughTheReaderOfRealRecordings() {
        Path f = written();
        NwbSummary s = NwbReader.inspect(f);
        assertEquals(NwbWriter.NWB_VERSION, s.nwbVersion());
        assertTrue(s.notes().isEmpty(), s.notes().toString());
        NwbUnits u = NwbReader.readUnits(f);
        NwbWriter.Units written = content().units();
        assertArrayEquals(new long[] {10, 11, 12}, u.unitIds());
        assertArrayEquals(written.spikeEnd(), u.spikeEnd());
        assertArrayEquals(written.spikeTimesS(), u.spikeTimesS(), 0.0, "doubles are stored as doubles");
        assertArrayEquals(written.locations(), u.locations(), "the location column is the reader's area");
        assertEquals(0, u.spikeCount(1));
        assertFalse(Files.exists(dir.resolve("out.nwb.partial")));
    }

    @Test
    void ratesAndRootDatasetsReadBackWithJhdf() {
        Path f = written();
        try (Hdf5Reader h = Hdf5Reader.open(f)) {
            assertArrayEquals(new double[] {1.5, 2.5, 0, 4}, h.doubles("/processing/rates/VISp/data"), 0.0);
            assertEquals("0.2", h.scalarString("/processing/rates/VISl/starting_time"));
            assertEquals("1000.0", Hdf5Reader.attributeString(h.node("/processing/rates/VISl/starting_time"), "rate"));
            assertEquals("Hz", Hdf5Reader.attributeString(h.node("/processing/rates/VISl/data"), "unit"));
            assertEquals("TimeSeries", Hdf5Reader.attributeString(h.node("/processing/rates/VISl"), "neurodata_type"));
            assertEquals("test-identifier", h.scalarString("/identifier"));
            assertEquals("2026-01-02T03:04:05.678Z", h.scalarString("/session_start_time"));
            assertArrayEquals(new String[] {"VISp/L2/3/E", "VISp/L5/FS", "VISl/L4/E"}, h.strings("/units/population"));
            assertArrayEquals(new long[] {0, 0, 1}, h.longs("/units/member"));
        }
    }

    /** pynwb's reading rules, checked by h5py: typed objects, the index's reference, ids, time series. */
    @Test
    void layoutFollowsTheRulesPynwbReadsBy() throws Exception {
        Path f = written();
        assertEquals("ok: 3 units, 7 spikes, 2 TimeSeries, 11 typed objects", run(f).strip());
    }

    /** The checker itself: it passes a file pynwb wrote and refuses an NWB 1 file, which pynwb cannot read. */
    @Test
    void theLayoutCheckPassesPynwbsOwnFileAndRefusesNwb1() throws Exception {
        assertTrue(run(SharedData.recording("pynapple_A8604-211122.nwb")).startsWith("ok: 3 units, 21354 spikes"));
        Path nwb1 = SharedData.recording("allen_brain_observatory_496908818s_skinny.nwb");
        String out = run(nwb1);
        assertTrue(out.contains("/: nwb_version must name NWB 2.x"), out);
        assertTrue(out.contains("/timestamps_reference_time: missing dataset"), out);
    }

    /** docs/python.md's example reads the file with h5py as the documentation says. */
    @Test
    void theDocumentedH5pyExampleReadsTheExport() throws Exception {
        Path f = written();
        var read = new com.fasterxml.jackson.databind.ObjectMapper().readTree(python(Path.of("../docs/examples/read_nwb.py"), f, 0));
        assertEquals(3, read.at("/units/units").asInt());
        assertEquals(7, read.at("/units/spikes").asInt());
        assertEquals(3, read.at("/units/spikes_per_location/VISp").asInt());
        assertEquals(4, read.at("/units/spikes_per_location/VISl").asInt());
        assertEquals(0.0125, read.at("/units/first_unit/spike_times_s/0").asDouble(), 0.0);
        assertEquals(2.0, read.at("/rates/VISp/mean").asDouble(), 1e-12);
        assertEquals(1000.0, read.at("/rates/VISl/rate_hz").asDouble(), 0.0);
    }

    @Test
    void badInputIsRefusedNamingWhatIsWrong() {
        var e = assertThrows(IllegalArgumentException.class, () -> new NwbWriter.Units("d", new int[] {1, 2},
                new int[] {2, 1}, new double[] {0, 1}, 1e-4, new String[2], new String[2], new int[2]));
        assertTrue(e.getMessage().contains("spike index 1 after 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NwbWriter.RateSeries("a/b", "", 0, 1, new double[0]));
        Path blocked = written().resolve("out.nwb");
        var io = assertThrows(RuntimeException.class, () -> NwbWriter.write(blocked, content()));
        assertTrue(io.getMessage().contains(blocked.toString()), io.getMessage());
    }

    @Test
    void aMissingBindingNamesTheDebianPackages() {
        String why = Hdf5Writer.unavailable(dir.resolve("no-such.jar"));
        assertTrue(why.contains("libhdf5-java libhdf5-jni") && why.contains("no-such.jar"), why);
    }

    /** Runs the h5py layout check, which prints "ok: …" and exits 0 exactly when it passes; its output. */
    static String run(Path file) throws IOException, InterruptedException {
        Path script = Files.createTempFile("nwb_layout", ".py");
        try (InputStream in = TestNwbWriter.class.getResourceAsStream("nwb_layout.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            return python(script, file, 1);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * Debian's python3 with h5py (skipped without python3-h5py) runs {@code script} on {@code file}; its standard
     * output, when it exits with 0 or {@code allowedCode} and writes nothing to standard error (no traceback).
     */
    static String python(Path script, Path file, int allowedCode) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "skipped: no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import h5py").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "skipped: h5py is not installed (Debian's python3-h5py)");
        Process p = new ProcessBuilder(python.toString(), script.toString(), file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (!err.isBlank() || (code != 0 && code != allowedCode) || (code == 0) != (allowedCode == 0 || out.startsWith("ok:"))) {
            throw new AssertionError(script.getFileName() + " exited with " + code + ": " + out + err);
        }
        return out;
    }
}
