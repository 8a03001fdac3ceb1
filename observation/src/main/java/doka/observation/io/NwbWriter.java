package doka.observation.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import doka.observation.ObservationException;

/**
 * Writes simulated spike trains and rates as an NWB 2.6 file, in the layout pynwb reads: the root's
 * required datasets and groups, {@code /units} a {@code Units} table (a hdmf-common {@code DynamicTable}:
 * {@code id}, ragged {@code spike_times} with its {@code spike_times_index} pointing at it by object reference,
 * and a {@code location}, {@code population} and {@code member} column per unit), and each rate a
 * {@code TimeSeries} ({@code data} in Hz, {@code starting_time} with its sampling {@code rate}) in one
 * {@code ProcessingModule}. Every typed object carries {@code namespace}, {@code neurodata_type} and a fresh
 * {@code object_id}. The schema itself is not cached in the file: readers use their own copy of NWB core.
 *
 * <p>Times are seconds from the start of the simulation, which is {@code session_start_time}. The file is
 * written beside its destination and moved into place, so it is never seen half-written.
 */
public final class NwbWriter {
    /** The NWB core version whose layout this writes. */
    public static final String NWB_VERSION = "2.6.0";
    static final String CORE = "core";
    static final String HDMF_COMMON = "hdmf-common";

    /**
     * The spike trains of a units table, in NWB's ragged layout ({@link NwbUnits}): unit {@code u} owns
     * {@code spikeTimesS[spikeEnd[u-1] .. spikeEnd[u])}.
     *
     * @param description    what the units are
     * @param unitIds        the {@code id} column (neuron numbers)
     * @param spikeEnd       exclusive end of each unit's spikes, non-decreasing
     * @param spikeTimesS    spike times, seconds
     * @param resolutionS    the smallest difference between two spike times (the time step), seconds
     * @param locations      each unit's area
     * @param populations    each unit's population
     * @param members        each unit's ensemble member
     */
    public record Units(String description, int[] unitIds, int[] spikeEnd, double[] spikeTimesS, double resolutionS,
                        String[] locations, String[] populations, int[] members) {
        public Units {
            int n = unitIds.length;
            if (spikeEnd.length != n || locations.length != n || populations.length != n || members.length != n) {
                throw new IllegalArgumentException("units: " + n + " ids but " + spikeEnd.length + " index entries, "
                        + locations.length + " locations, " + populations.length + " populations, " + members.length
                        + " members");
            }
            int previous = 0;
            for (int end : spikeEnd) {
                if (end < previous || end > spikeTimesS.length) {
                    throw new IllegalArgumentException("units: spike index " + end + " after " + previous
                            + "; expected non-decreasing ends up to " + spikeTimesS.length + " spikes");
                }
                previous = end;
            }
            if (n > 0 && previous != spikeTimesS.length) {
                throw new IllegalArgumentException("units: the index ends at " + previous + " of " + spikeTimesS.length
                        + " spikes");
            }
        }
    }

    /**
     * The units {@code firstId}, {@code firstId + 1}, … (one per entry of {@code populations}), from spikes in
     * time order: spike {@code i} of unit {@code spikeUnit[i]} (counted from 0) at {@code spikeTimeS[i]}.
     */
    public static Units units(String description, int firstId, String[] populations, String[] locations, int member,
                              int[] spikeUnit, double[] spikeTimeS, double resolutionS) {
        int n = populations.length;
        int[] end = new int[n];
        for (int unit : spikeUnit) {
            end[unit]++;
        }
        int[] next = new int[n];
        for (int u = 0, sum = 0; u < n; u++) {
            next[u] = sum;
            sum += end[u];
            end[u] = sum;
        }
        // each spike goes to its unit's next slot, so every train keeps the time order
        double[] times = new double[spikeTimeS.length];
        for (int i = 0; i < spikeUnit.length; i++) {
            times[next[spikeUnit[i]]++] = spikeTimeS[i];
        }
        int[] ids = new int[n];
        int[] members = new int[n];
        for (int u = 0; u < n; u++) {
            ids[u] = firstId + u;
            members[u] = member;
        }
        return new Units(description, ids, end, times, resolutionS, locations, populations, members);
    }

    /**
     * A regularly sampled rate.
     *
     * @param name        the series' name in its module (no '/')
     * @param description what it is the rate of
     * @param startS      time of the first sample, seconds
     * @param samplingHz  samples per second
     * @param valuesHz    the rate, Hz
     */
    public record RateSeries(String name, String description, double startS, double samplingHz, double[] valuesHz) {
        public RateSeries {
            if (name.isEmpty() || name.contains("/") || name.equals(".")) {
                throw new IllegalArgumentException("rate series name '" + name + "': expected a name without '/'");
            }
        }
    }

    /**
     * What the file holds.
     *
     * @param identifier          unique for the file
     * @param sessionDescription  what was simulated
     * @param sessionStart        when the simulation started (time zero)
     * @param units               the spike trains, or null
     * @param ratesModule         the processing module of the rates
     * @param ratesDescription    its description
     * @param rates               the rate series (may be empty)
     */
    public record Content(String identifier, String sessionDescription, Instant sessionStart, Units units,
                          String ratesModule, String ratesDescription, List<RateSeries> rates) {
    }

    private NwbWriter() {
    }

    /** Why NWB cannot be written on this machine (the HDF5 binding is missing), or null when it can. */
    public static String unavailable() {
        return Hdf5Writer.unavailable();
    }

    /** Writes {@code content} into {@code file} (replacing it). */
    public static void write(Path file, Content content) {
        Path absolute = file.toAbsolutePath();
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            Files.createDirectories(absolute.getParent());
            try (Hdf5Writer h = Hdf5Writer.create(tmp)) {
                root(h, content);
                if (content.units() != null) {
                    units(h, content.units());
                }
                if (!content.rates().isEmpty()) {
                    rates(h, content);
                }
            }
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the NWB file " + absolute, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // the failure that brought us here says more
            }
        }
    }

    private static void root(Hdf5Writer h, Content c) {
        typed(h, "/", CORE, "NWBFile");
        h.attribute("/", "nwb_version", NWB_VERSION);
        String start = isoTime(c.sessionStart());
        h.strings("/file_create_date", new String[] {isoTime(Instant.now())});
        h.string("/identifier", c.identifier());
        h.string("/session_description", c.sessionDescription());
        h.string("/session_start_time", start);
        h.string("/timestamps_reference_time", start);
        for (String group : new String[] {"/acquisition", "/analysis", "/processing", "/stimulus", "/stimulus/presentation",
            "/stimulus/templates", "/general"}) {
            h.group(group);
        }
    }

    private static void units(Hdf5Writer h, Units u) {
        String table = "/units";
        h.group(table);
        typed(h, table, CORE, "Units");
        h.attribute(table, "description", u.description());
        h.attribute(table, "colnames", new String[] {"spike_times", "location", "population", "member"});
        h.ints(table + "/id", u.unitIds());
        typed(h, table + "/id", HDMF_COMMON, "ElementIdentifiers");
        h.doubles(table + "/spike_times", u.spikeTimesS());
        column(h, table + "/spike_times", "the spike times of each unit, seconds");
        h.doubleAttribute(table + "/spike_times", "resolution", u.resolutionS());
        long[] end = new long[u.spikeEnd().length];
        for (int i = 0; i < end.length; i++) {
            end[i] = u.spikeEnd()[i];
        }
        h.unsignedInts(table + "/spike_times_index", end);
        typed(h, table + "/spike_times_index", HDMF_COMMON, "VectorIndex");
        h.attribute(table + "/spike_times_index", "description", "index into the spike_times dataset");
        h.referenceAttribute(table + "/spike_times_index", "target", table + "/spike_times");
        h.strings(table + "/location", u.locations());
        column(h, table + "/location", "the brain area of the unit");
        h.strings(table + "/population", u.populations());
        column(h, table + "/population", "the model population of the unit (area, layer, class)");
        h.ints(table + "/member", u.members());
        column(h, table + "/member", "the ensemble member the unit belongs to");
    }

    private static void rates(Hdf5Writer h, Content c) {
        String module = "/processing/" + c.ratesModule();
        h.group(module);
        typed(h, module, CORE, "ProcessingModule");
        h.attribute(module, "description", c.ratesDescription());
        List<String> seen = new ArrayList<>();
        for (RateSeries r : c.rates()) {
            if (seen.contains(r.name())) {
                throw new ObservationException("NWB export: two rate series named '" + r.name() + "' in " + module);
            }
            seen.add(r.name());
            String series = module + "/" + r.name();
            h.group(series);
            typed(h, series, CORE, "TimeSeries");
            h.attribute(series, "description", r.description());
            h.attribute(series, "comments", "simulated");
            h.doubles(series + "/data", r.valuesHz());
            h.attribute(series + "/data", "unit", "Hz");
            h.floatAttribute(series + "/data", "conversion", 1f);
            h.floatAttribute(series + "/data", "offset", 0f);
            h.floatAttribute(series + "/data", "resolution", -1f);
            h.scalar(series + "/starting_time", r.startS());
            h.floatAttribute(series + "/starting_time", "rate", (float) r.samplingHz());
            h.attribute(series + "/starting_time", "unit", "seconds");
        }
    }

    /** A hdmf-common VectorData column with its description. */
    private static void column(Hdf5Writer h, String path, String description) {
        typed(h, path, HDMF_COMMON, "VectorData");
        h.attribute(path, "description", description);
    }

    /** The attributes by which readers map an HDF5 object to its type in the schema. */
    private static void typed(Hdf5Writer h, String path, String namespace, String type) {
        h.attribute(path, "namespace", namespace);
        h.attribute(path, "neurodata_type", type);
        h.attribute(path, "object_id", UUID.randomUUID().toString());
    }

    /** ISO 8601 in UTC to the millisecond, as the schema asks ("…Z"). */
    static String isoTime(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
