package doka.observation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which model area (and optionally which layer/class inside it) a recorded channel, unit, ROI,
 * electrode group or location string belongs to.
 *
 * <p>File format ({@link doka.observation.io.AreaMappingReader}): CSV with header
 * {@code kind,key,area[,group]}, e.g. {@code unit,6,PoS} or {@code electrode_group,group0_psb,PoS,L5E}.
 */
public final class AreaMapping {

    /** What a mapping key names. */
    public enum Kind {
        CHANNEL, UNIT, ROI, ELECTRODE_GROUP, LOCATION;

        /** The lower-case name used in mapping files. */
        public String fileName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<Kind, Map<String, ObservedQuantity>> entries;
    private final String source;

    private AreaMapping(String source, Map<Kind, Map<String, ObservedQuantity>> entries) {
        this.source = source;
        this.entries = entries;
    }

    /** An empty mapping; {@link Builder#put} adds entries. */
    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** The mapping in which every location string names its own area (for files whose locations are model acronyms). */
    public static AreaMapping identityLocations() {
        return new AreaMapping("identity", new EnumMap<>(Kind.class));
    }

    /** Where the mapping came from, for messages. */
    public String source() {
        return source;
    }

    /** The quantity {@code key} of {@code kind} maps to, or null. */
    public ObservedQuantity find(Kind kind, String key) {
        Map<String, ObservedQuantity> m = entries.get(kind);
        if (m == null) {
            return "identity".equals(source) && kind == Kind.LOCATION && !key.isBlank() ? ObservedQuantity.ofArea(key) : null;
        }
        return m.get(key);
    }

    /** All keys of one kind. */
    public Set<String> keys(Kind kind) {
        return Collections.unmodifiableSet(entries.getOrDefault(kind, Map.of()).keySet());
    }

    /** Collects entries, rejecting a key mapped twice. */
    public static final class Builder {
        private final String source;
        private final Map<Kind, Map<String, ObservedQuantity>> entries = new EnumMap<>(Kind.class);

        private Builder(String source) {
            this.source = source;
        }

        /** Returns false if {@code key} of {@code kind} was already mapped (the caller reports where). */
        public boolean put(Kind kind, String key, ObservedQuantity target) {
            return entries.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(key, target) == null;
        }

        public AreaMapping build() {
            Map<Kind, Map<String, ObservedQuantity>> copy = new EnumMap<>(Kind.class);
            entries.forEach((k, m) -> copy.put(k, Map.copyOf(m)));
            return new AreaMapping(source, copy);
        }
    }
}
