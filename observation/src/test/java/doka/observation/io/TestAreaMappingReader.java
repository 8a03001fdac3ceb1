package doka.observation.io;

import static doka.observation.io.TestCsvObservations.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.observation.AreaMapping;
import doka.observation.ObservationException;
import doka.observation.ObservedQuantity;

class TestAreaMappingReader {
    @TempDir
    Path dir;

    @Test
    void readsEveryKind() throws IOException {
        Path f = dir.resolve("map.csv");
        Files.writeString(f, """
                kind,key,area,group
                # comment
                unit,6,PoS,
                electrode_group,group0_psb,PoS,L5E
                location,VISp,VISp,
                roi,roi_0001,VISp,L23E
                channel,ch3,MOp,
                """);
        AreaMapping m = AreaMappingReader.read(f, null);
        assertEquals(ObservedQuantity.ofArea("PoS"), m.find(AreaMapping.Kind.UNIT, "6"));
        assertEquals(new ObservedQuantity("PoS", "L5E"), m.find(AreaMapping.Kind.ELECTRODE_GROUP, "group0_psb"));
        assertEquals(new ObservedQuantity("VISp", "L23E"), m.find(AreaMapping.Kind.ROI, "roi_0001"));
        assertNull(m.find(AreaMapping.Kind.UNIT, "7"));
        assertEquals(Set.of("ch3"), m.keys(AreaMapping.Kind.CHANNEL));
    }

    @Test
    void rejectsBadRows() throws IOException {
        Path f = dir.resolve("map.csv");
        Files.writeString(f, "kind,key,area\nprobe,1,MOp\n");
        assertMessage(assertThrows(ObservationException.class, () -> AreaMappingReader.read(f, null)), "map.csv:2:", "kind 'probe'");
        Files.writeString(f, "kind,key,area\nunit,1,MOp\nunit,1,SSp\n");
        assertMessage(assertThrows(ObservationException.class, () -> AreaMappingReader.read(f, null)), "map.csv:3:", "mapped twice");
        Files.writeString(f, "kind,key,area\nunit,1,XYZ\n");
        assertMessage(assertThrows(ObservationException.class, () -> AreaMappingReader.read(f, Set.of("MOp"))),
                "map.csv:2:", "unknown area 'XYZ'");
        Files.writeString(f, "kind,key\nunit,1\n");
        assertMessage(assertThrows(ObservationException.class, () -> AreaMappingReader.read(f, null)), "missing column 'area'");
    }
}
