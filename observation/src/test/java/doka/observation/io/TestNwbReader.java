package doka.observation.io;

import static doka.observation.io.TestCsvObservations.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.observation.AreaMapping;
import doka.observation.ObservationException;
import doka.observation.Observations;
import doka.observation.ObservedQuantity;
import doka.observation.ReadOptions;
import doka.observation.SharedData;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

class TestNwbReader {
    @TempDir
    Path dir;

    // --- real files ---------------------------------------------------------------------------

    @Test
    void pynappleUnitsMatchTheFilesOwnMetadata() {
        Path f = SharedData.recording("pynapple_A8604-211122.nwb");
        NwbSummary s = NwbReader.inspect(f);
        assertEquals("2.4.0", s.nwbVersion());
        NwbUnits u = s.units();
        assertEquals(3, u.unitCount());
        assertEquals(21_354, u.spikeCount(), "the file's README and spike_times_index both say 21,354");
        assertArrayEquals(new long[] {6, 191, 206}, u.unitIds());
        assertArrayEquals(new int[] {11_020, 15_710, 21_354}, u.spikeEnd(), "spike_times_index as stored");
        assertEquals(11_020 + 4_690 + 5_644, u.spikeCount(0) + u.spikeCount(1) + u.spikeCount(2));
        // Time range against the file's own epoch table: [0, 1087.5289] s.
        assertEquals(0.0, s.epochStartS());
        assertEquals(1087.5289, s.epochStopS());
        assertTrue(u.firstSpikeS() >= s.epochStartS() && u.lastSpikeS() <= s.epochStopS(), u.firstSpikeS() + ".." + u.lastSpikeS());
        assertTrue(u.lastSpikeS() > 1080, "spikes run to the end of the ≈1087 s session: " + u.lastSpikeS());
        assertEquals(0.030333, u.spikeTimeS(0), 1e-12, "first stored spike time");
        // Locations are empty in this file; the electrode-group reference resolves to group0_psb.
        assertArrayEquals(new String[] {"group0_psb", "group0_psb", "group0_psb"}, u.electrodeGroups());
        assertTrue(s.ophys().isEmpty());
        assertTrue(s.notes().isEmpty(), s.notes().toString());
    }

    @Test
    void pynappleUnitsBecomeRateObservationsThroughAMapping() {
        Path f = SharedData.recording("pynapple_A8604-211122.nwb");
        NwbUnits u = NwbReader.readUnits(f);
        AreaMapping mapping = AreaMapping.builder("test").build();
        ObservationException unmapped = assertThrows(ObservationException.class,
                () -> RecordedObservables.binnedRates(f, u, mapping, ReadOptions.unchecked(), 0, 10, 1));
        assertMessage(unmapped, "unit 6", "group0_psb", "electrode_group");
        AreaMapping.Builder b = AreaMapping.builder("test");
        b.put(AreaMapping.Kind.ELECTRODE_GROUP, "group0_psb", ObservedQuantity.ofArea("PoS"));
        // One bin over the whole session: mean rate = total spikes / (3 units × duration).
        double duration = 1087.6;
        Observations rates = RecordedObservables.binnedRates(f, u, b.build(), new ReadOptions(Set.of("PoS"), 0, 1100), 0, duration, 1);
        assertEquals(21_354 / (3 * duration), rates.value(0, 0), 1e-9);
    }

    @Test
    void allenNwb1FileIsRecognisedAsStructureOnly() {
        Path f = SharedData.recording("allen_brain_observatory_496908818s_skinny.nwb");
        NwbSummary s = NwbReader.inspect(f);
        assertEquals("NWB-1.0.5", s.nwbVersion());
        assertEquals(1, s.majorVersion());
        assertNull(s.units());
        String dff = "/processing/brain_observatory_pipeline/DfOverF/imaging_plane_1";
        NwbSummary.SeriesInfo info = s.ophys().stream().filter(i -> i.path().equals(dff)).findFirst().orElseThrow();
        assertEquals("DfOverF", info.kind());
        assertEquals("VISp", info.location(), "from /general/optophysiology/imaging_plane_1/location");
        assertEquals(113_854, info.declaredSamples());
        assertEquals(1, info.timeCount());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains(dff) && n.contains("113854")), s.notes().toString());
        ObservationException e = assertThrows(ObservationException.class, () -> NwbReader.readRoiSeries(f, dff));
        assertMessage(e, "allen_brain_observatory", dff + "/data", "num_samples says 113854", "structure-only");
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readUnits(f)), "[/units]", "no units table");
    }

    // --- files written here -------------------------------------------------------------------

    private Path nwb(String name, Consumer<WritableHdfFile> body) {
        Path f = dir.resolve(name);
        try (WritableHdfFile h = HdfFile.write(f)) {
            h.putAttribute("nwb_version", "2.6.0");
            body.accept(h);
        }
        return f;
    }

    private static void units(WritableHdfFile h, long[] ids, double[] times, int[] index, String[] locations) {
        WritableGroup units = h.putGroup("units");
        units.putAttribute("neurodata_type", "Units");
        units.putDataset("id", ids);
        units.putDataset("spike_times", times);
        units.putDataset("spike_times_index", index);
        if (locations != null) {
            units.putDataset("location", locations);
        }
    }

    @Test
    void raggedSpikeTimesGiveAnalyticRates() {
        // Units 10, 11 in MOp; 12 in SSp. Bins of 0.5 s on [0, 1).
        double[] times = {0.1, 0.2, 0.6, /* 11 */ 0.7, /* 12 */ 0.05, 0.3, 0.4, 0.55, 1.2};
        Path f = nwb("units.nwb", h -> units(h, new long[] {10, 11, 12}, times, new int[] {3, 4, 9}, new String[] {"MOp", "MOp", "SSp"}));
        NwbUnits u = NwbReader.readUnits(f);
        assertEquals(3, u.spikeCount(0));
        assertEquals(1, u.spikeCount(1));
        assertEquals(5, u.spikeCount(2));
        Observations o = RecordedObservables.binnedRates(f, u, AreaMapping.identityLocations(), new ReadOptions(null, 0, 2), 0, 0.5, 2);
        assertEquals(List.of(ObservedQuantity.ofArea("MOp"), ObservedQuantity.ofArea("SSp")), o.quantities());
        // MOp bin 0: 2 spikes / (2 units × 0.5 s) = 2 Hz; bin 1: 2 spikes → 2 Hz. SSp: 3 → 6 Hz, 1 → 2 Hz (1.2 s is past the bins).
        assertArrayEquals(new double[] {2, 6, 2, 2}, o.values(), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.75}, o.timesS(), 1e-12);
        assertMessage(assertThrows(ObservationException.class, () -> RecordedObservables.binnedRates(f, u,
                AreaMapping.identityLocations(), new ReadOptions(Set.of("MOp"), 0, 2), 0, 0.5, 2)), "unknown area 'SSp'");
        assertMessage(assertThrows(ObservationException.class, () -> RecordedObservables.binnedRates(f, u,
                AreaMapping.identityLocations(), new ReadOptions(null, 0, 0.8), 0, 0.5, 2)), "inside the run");
    }

    @Test
    void unitLocationsFallBackToTheElectrodesTable() {
        Path f = nwb("own.nwb", h -> units(h, new long[] {0, 1}, new double[] {0.1, 0.2}, new int[] {1, 2}, new String[] {"", "CA1"}));
        Path g = nwb("electrodes2.nwb", h -> {
            WritableGroup units = h.putGroup("units");
            units.putDataset("id", new long[] {0, 1});
            units.putDataset("spike_times", new double[] {0.1, 0.2});
            units.putDataset("spike_times_index", new int[] {1, 2});
            units.putDataset("location", new String[] {"", "CA1"});
            units.putDataset("electrodes", new int[] {2, 0, 1});
            units.putDataset("electrodes_index", new int[] {1, 3});
            WritableGroup electrodes = h.putGroup("general").putGroup("extracellular_ephys").putGroup("electrodes");
            electrodes.putDataset("location", new String[] {"VISp", "VISl", "LGd"});
            electrodes.putDataset("group_name", new String[] {"shank0", "shank0", "shank1"});
        });
        NwbUnits u = NwbReader.readUnits(g);
        assertArrayEquals(new String[] {"LGd", "CA1"}, u.locations(), "unit 0 from its first electrode (row 2); unit 1 its own");
        assertArrayEquals(new String[] {"shank1", "shank0"}, u.electrodeGroups());
        assertArrayEquals(new String[] {"", "CA1"}, NwbReader.readUnits(f).locations(), "no electrodes column: only own locations");
    }

    @Test
    void brokenUnitsTablesNameTheHdf5Path() {
        Path shortIndex = nwb("a.nwb", h -> units(h, new long[] {1, 2}, new double[] {0.1, 0.2, 0.3}, new int[] {1, 2}, null));
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readUnits(shortIndex)),
                "a.nwb", "[/units/spike_times_index]", "ends at 2", "holds 3");
        Path decreasing = nwb("b.nwb", h -> units(h, new long[] {1, 2}, new double[] {0.1, 0.2, 0.3}, new int[] {2, 1}, null));
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readUnits(decreasing)),
                "[/units/spike_times_index]", "entry 1 is 1", "non-decreasing");
        Path nan = nwb("c.nwb", h -> units(h, new long[] {1}, new double[] {0.1, Double.NaN}, new int[] {2}, null));
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readUnits(nan)),
                "[/units/spike_times]", "element 1 is NaN");
        Path count = nwb("d.nwb", h -> units(h, new long[] {1, 2, 3}, new double[] {0.1}, new int[] {1}, null));
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readUnits(count)),
                "[/units/spike_times_index]", "1 entries but /units/id lists 3 units");
        Path notHdf5 = dir.resolve("e.nwb");
        assertMessage(assertThrows(ObservationException.class, () -> {
            java.nio.file.Files.writeString(notHdf5, "plain text");
            NwbReader.readUnits(notHdf5);
        }), "e.nwb", "not a readable HDF5 file");
    }

    @Test
    void truncatedFilesFailWithTheFileName() throws java.io.IOException {
        Path whole = nwb("whole.nwb", h -> units(h, new long[] {1, 2}, new double[] {0.1, 0.2, 0.3}, new int[] {1, 3}, null));
        byte[] bytes = java.nio.file.Files.readAllBytes(whole);
        for (int keep : new int[] {4, 100, bytes.length / 2, bytes.length - 200}) {
            Path cut = dir.resolve("cut" + keep + ".nwb");
            java.nio.file.Files.write(cut, java.util.Arrays.copyOf(bytes, keep));
            ObservationException e = assertThrows(ObservationException.class, () -> NwbReader.inspect(cut), "kept " + keep + " bytes");
            assertMessage(e, "cut" + keep + ".nwb");
            assertTrue(e.getMessage().matches(".*(truncated|not a readable|damaged).*"), e.getMessage());
        }
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readUnits(dir.resolve("cut100.nwb"))),
                "truncated HDF5 file", "the file has 100");
    }

    private static void roiSeries(WritableHdfFile h, float[][] data, double[] timestamps, double startingTime, double rateHz,
                                  int[] rois) {
        WritableGroup series = h.putGroup("processing").putGroup("ophys").putGroup("DfOverF").putGroup("plane0");
        series.putAttribute("neurodata_type", "RoiResponseSeries");
        series.putDataset("data", data).putAttribute("unit", "n.a.");
        if (timestamps != null) {
            series.putDataset("timestamps", timestamps);
        } else {
            series.putDataset("starting_time", new double[] {startingTime}).putAttribute("rate", rateHz);
        }
        series.putDataset("rois", rois);
        h.putGroup("general").putGroup("optophysiology").putGroup("plane0").putDataset("location", "VISp");
    }

    @Test
    void roiResponseSeriesAveragesPerArea() {
        float[][] dff = {{0.1f, 0.3f, 1.0f}, {0.2f, 0.4f, 2.0f}, {0.5f, 0.5f, 3.0f}};
        Path f = nwb("ophys.nwb", h -> roiSeries(h, dff, null, 2.0, 10.0, new int[] {0, 1, 2}));
        assertEquals(List.of("/processing/ophys/DfOverF/plane0"), NwbReader.roiSeriesPaths(f));
        RoiSeries s = NwbReader.readRoiSeries(f, "/processing/ophys/DfOverF/plane0");
        assertArrayEquals(new double[] {2.0, 2.1, 2.2}, s.timesS(), 1e-12, "starting_time + i / rate");
        assertEquals("VISp", s.location());
        assertEquals("DfOverF", s.kind());
        // ROI 2 belongs to VISl by its key; ROIs 0 and 1 take the plane's location.
        AreaMapping.Builder b = AreaMapping.builder("test");
        b.put(AreaMapping.Kind.LOCATION, "VISp", ObservedQuantity.ofArea("VISp"));
        b.put(AreaMapping.Kind.ROI, "2", ObservedQuantity.ofArea("VISl"));
        Observations o = RecordedObservables.roiAverages(f, s, b.build(), new ReadOptions(null, 0, 5), 2.05, 2.2);
        assertArrayEquals(new double[] {2.1, 2.2}, o.timesS(), 1e-12, "samples inside the window only");
        assertEquals(List.of(ObservedQuantity.ofArea("VISp"), ObservedQuantity.ofArea("VISl")), o.quantities());
        assertEquals((0.2f + 0.4f) / 2.0, o.value(0, 0), 1e-7);
        assertEquals(3.0, o.value(1, 1), 1e-7);
        assertMessage(assertThrows(ObservationException.class, () -> RecordedObservables.roiAverages(f, s, b.build(),
                new ReadOptions(null, 0, 5), 1.0, 2.2)), "/timestamps", "does not cover the window");
        NwbSummary summary = NwbReader.inspect(f);
        assertEquals(3, summary.ophys().get(0).timeCount());
        assertEquals(3, summary.ophys().get(0).roiCount());
        assertEquals(2.2, summary.ophys().get(0).tStopS(), 1e-12);
    }

    @Test
    void brokenRoiSeriesNameTheHdf5Path() {
        Path nan = nwb("nan.nwb", h -> roiSeries(h, new float[][] {{0.1f, Float.NaN}}, new double[] {1.0}, 0, 0, new int[] {0, 1}));
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readRoiSeries(nan, "/processing/ophys/DfOverF/plane0")),
                "[/processing/ophys/DfOverF/plane0/data]", "time 0, ROI 1 is NaN");
        Path stamps = nwb("ts.nwb", h -> roiSeries(h, new float[][] {{0.1f}, {0.2f}}, new double[] {1.0}, 0, 0, new int[] {0}));
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readRoiSeries(stamps, "/processing/ophys/DfOverF/plane0")),
                "plane0/timestamps]", "1 timestamps for 2 data rows");
        Path rois = nwb("rois.nwb", h -> roiSeries(h, new float[][] {{0.1f, 0.2f}}, new double[] {1.0}, 0, 0, new int[] {0}));
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readRoiSeries(rois, "/processing/ophys/DfOverF/plane0")),
                "2 ROI columns but 1");
        Path rate = nwb("rate.nwb", h -> roiSeries(h, new float[][] {{0.1f}}, null, 0, -5, new int[] {0}));
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readRoiSeries(rate, "/processing/ophys/DfOverF/plane0")),
                "starting_time]", "rate");
        assertMessage(assertThrows(ObservationException.class, () -> NwbReader.readRoiSeries(rate, "/processing/nothing")),
                "[/processing/nothing]", "missing");
    }
}
