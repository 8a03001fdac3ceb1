package doka.observation.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import doka.observation.AreaMapping;
import doka.observation.ObservedQuantity;

/**
 * Reads a mapping file: CSV with header {@code kind,key,area[,group]}.
 * <ul>
 *   <li>{@code kind}: {@code channel}, {@code unit} (NWB unit id), {@code roi} (ROI id or name),
 *       {@code electrode_group} (NWB electrode group name) or {@code location} (NWB location string);</li>
 *   <li>{@code key}: the channel, id or name as it appears in the recording;</li>
 *   <li>{@code area}: the model area acronym;</li>
 *   <li>{@code group}: optional layer/class inside the area (e.g. {@code L23E}).</li>
 * </ul>
 */
public final class AreaMappingReader {
    private AreaMappingReader() {
    }

    /**
     * @param knownAreas the model's areas; an area outside it is an error. Null accepts any area.
     */
    public static AreaMapping read(Path file, Set<String> knownAreas) {
        CsvTable table = CsvTable.read(file, Set.of("kind", "key", "area", "group"));
        table.require("kind");
        table.require("key");
        table.require("area");
        AreaMapping.Builder builder = AreaMapping.builder(file.toString());
        for (int r = 0; r < table.rows.size(); r++) {
            String kindName = table.get(r, "kind");
            AreaMapping.Kind kind;
            try {
                kind = AreaMapping.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw table.error(r, "kind '" + kindName + "' is not one of channel, unit, roi, electrode_group, location");
            }
            String key = table.get(r, "key");
            String area = table.get(r, "area");
            if (key.isEmpty()) {
                throw table.error(r, "empty key");
            }
            if (area.isEmpty() || area.contains("/")) {
                throw table.error(r, "area '" + area + "' must be a non-empty acronym without '/'");
            }
            if (knownAreas != null && !knownAreas.contains(area)) {
                throw table.error(r, "unknown area '" + area + "'; the model has " + new java.util.TreeSet<>(knownAreas));
            }
            if (!builder.put(kind, key, new ObservedQuantity(area, table.get(r, "group")))) {
                throw table.error(r, kind.fileName() + " '" + key + "' is mapped twice");
            }
        }
        return builder.build();
    }
}
