package doka.observation.io;

import java.util.Arrays;

/**
 * The spike trains of an NWB {@code units} table, kept in NWB's ragged layout: unit {@code u} owns
 * {@code spikeTimesS[spikeEnd[u-1] .. spikeEnd[u])} (with {@code spikeEnd[-1] = 0}).
 *
 * @param unitIds        the table's {@code id} column
 * @param spikeEnd       {@code spike_times_index}: exclusive end of each unit's spikes
 * @param spikeTimesS    {@code spike_times}, seconds
 * @param locations      each unit's anatomical location: its own {@code location}, else its first
 *                       electrode's, else its electrode group's; "" when none is recorded
 * @param electrodeGroups each unit's electrode group name, "" when none is recorded
 */
public record NwbUnits(long[] unitIds, int[] spikeEnd, double[] spikeTimesS, String[] locations, String[] electrodeGroups) {
    public NwbUnits {
        unitIds = unitIds.clone();
        spikeEnd = spikeEnd.clone();
        spikeTimesS = spikeTimesS.clone();
        locations = locations.clone();
        electrodeGroups = electrodeGroups.clone();
    }

    public int unitCount() {
        return unitIds.length;
    }

    public int spikeCount() {
        return spikeTimesS.length;
    }

    public int spikeStart(int unit) {
        return unit == 0 ? 0 : spikeEnd[unit - 1];
    }

    public int spikeCount(int unit) {
        return spikeEnd[unit] - spikeStart(unit);
    }

    /** Earliest spike time in seconds (NaN without spikes). */
    public double firstSpikeS() {
        return Arrays.stream(spikeTimesS).min().orElse(Double.NaN);
    }

    /** Latest spike time in seconds (NaN without spikes). */
    public double lastSpikeS() {
        return Arrays.stream(spikeTimesS).max().orElse(Double.NaN);
    }

    @Override
    public long[] unitIds() {
        return unitIds.clone();
    }

    @Override
    public int[] spikeEnd() {
        return spikeEnd.clone();
    }

    @Override
    public double[] spikeTimesS() {
        return spikeTimesS.clone();
    }

    @Override
    public String[] locations() {
        return locations.clone();
    }

    @Override
    public String[] electrodeGroups() {
        return electrodeGroups.clone();
    }

    public double spikeTimeS(int i) {
        return spikeTimesS[i];
    }

    public String location(int unit) {
        return locations[unit];
    }

    public String electrodeGroup(int unit) {
        return electrodeGroups[unit];
    }

    public long unitId(int unit) {
        return unitIds[unit];
    }
}
