package doka.observation.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import doka.observation.AreaMapping;
import doka.observation.ObservationException;
import doka.observation.Observations;
import doka.observation.ObservedQuantity;
import doka.observation.ReadOptions;
import doka.observation.operator.ObsOperators;

/**
 * Turns recordings into the observables the model operators predict: binned mean rate per area from
 * NWB units (the recorded counterpart of {@link doka.observation.operator.PopulationRateOperator}) and
 * mean ΔF/F per area from a RoiResponseSeries (the counterpart of
 * {@link doka.observation.operator.CalciumFluorescenceOperator}). Variances are left unset (NaN) for an
 * error model to fill.
 */
public final class RecordedObservables {
    private RecordedObservables() {
    }

    /**
     * Mean rate per unit of each area, Hz, in {@code binCount} bins of {@code binWidthS} from {@code startS}.
     * A unit's area is looked up by its id (kind {@code unit}), then its location ({@code location}), then
     * its electrode group ({@code electrode_group}); a unit none of them maps is an error.
     */
    public static Observations binnedRates(Path file, NwbUnits units, AreaMapping mapping, ReadOptions options,
                                           double startS, double binWidthS, int binCount) {
        double stopS = startS + binWidthS * binCount;
        if (!(binWidthS > 0) || binCount < 1 || !options.inRun(startS) || !options.inRun(stopS)) {
            throw new ObservationException(file + ": bins [" + startS + ", " + stopS + "] s (width " + binWidthS
                    + " s) must lie inside " + options.describeRun());
        }
        Map<ObservedQuantity, Integer> index = new LinkedHashMap<>();
        int[] slot = new int[units.unitCount()];
        List<Integer> counts = new ArrayList<>();
        for (int u = 0; u < units.unitCount(); u++) {
            ObservedQuantity q = unitQuantity(file, units, u, mapping);
            if (!options.knowsArea(q.area())) {
                throw ObservationException.atPath(file, "/units/id", "unit " + units.unitId(u) + " maps to unknown area '"
                        + q.area() + "' (mapping " + mapping.source() + "); the model has "
                        + new java.util.TreeSet<>(options.knownAreas()));
            }
            slot[u] = index.computeIfAbsent(q, k -> index.size());
            if (slot[u] == counts.size()) {
                counts.add(0);
            }
            counts.set(slot[u], counts.get(slot[u]) + 1);
        }
        int inBins = 0;
        for (double t : units.spikeTimesS()) {
            if (t >= startS && t < stopS) {
                inBins++;
            }
        }
        if (inBins == 0) {
            throw ObservationException.atPath(file, "/units/spike_times", "no spike of its " + units.unitCount()
                    + " units falls in the bins [" + startS + ", " + stopS + ") s; expected a start inside the recording's"
                    + " spikes, which span " + (units.spikeCount() == 0 ? "nothing"
                    : "[" + units.firstSpikeS() + ", " + units.lastSpikeS() + "] s"));
        }
        int[] cellsPerGroup = counts.stream().mapToInt(Integer::intValue).toArray();
        int[] source = new int[units.spikeCount()];
        for (int u = 0; u < units.unitCount(); u++) {
            java.util.Arrays.fill(source, units.spikeStart(u), units.spikeStart(u) + units.spikeCount(u), u);
        }
        double[] rates = ObsOperators.binnedGroupRates(units.spikeTimesS(), source, source.length, slot, cellsPerGroup,
                startS, binWidthS, binCount, 1.0, new double[binCount * cellsPerGroup.length]);
        double[] variances = new double[rates.length];
        java.util.Arrays.fill(variances, Double.NaN);
        return Observations.complete(file.toString(), ObsOperators.binCentres(startS, binWidthS, binCount, 1.0),
                new ArrayList<>(index.keySet()), rates, variances);
    }

    private static ObservedQuantity unitQuantity(Path file, NwbUnits units, int u, AreaMapping mapping) {
        ObservedQuantity q = mapping.find(AreaMapping.Kind.UNIT, Long.toString(units.unitId(u)));
        if (q == null && !units.location(u).isEmpty()) {
            q = mapping.find(AreaMapping.Kind.LOCATION, units.location(u));
        }
        if (q == null && !units.electrodeGroup(u).isEmpty()) {
            q = mapping.find(AreaMapping.Kind.ELECTRODE_GROUP, units.electrodeGroup(u));
        }
        if (q == null) {
            throw ObservationException.atPath(file, "/units", "unit " + units.unitId(u) + " (location '" + units.location(u)
                    + "', electrode group '" + units.electrodeGroup(u) + "') is not in the mapping " + mapping.source()
                    + "; add a 'unit', 'location' or 'electrode_group' row");
        }
        return q;
    }

    /**
     * Mean of the series' values over the ROIs of each area, at the series' own sample times inside
     * {@code [fromS, toS]}. An ROI's area comes from its key (kind {@code roi}), else the imaging plane
     * location ({@code location}). The window must lie inside the run and inside the recording.
     */
    public static Observations roiAverages(Path file, RoiSeries series, AreaMapping mapping, ReadOptions options,
                                           double fromS, double toS) {
        if (!options.inRun(fromS) || !options.inRun(toS) || !(toS >= fromS)) {
            throw new ObservationException(file + ": window [" + fromS + ", " + toS + "] s must lie inside " + options.describeRun());
        }
        if (series.timeCount() == 0 || fromS < series.timeS(0) || toS > series.timeS(series.timeCount() - 1)) {
            throw ObservationException.atPath(file, series.path() + "/timestamps", "the series spans ["
                    + (series.timeCount() == 0 ? "nothing" : series.timeS(0) + ", " + series.timeS(series.timeCount() - 1))
                    + "] s and does not cover the window [" + fromS + ", " + toS + "] s");
        }
        Map<ObservedQuantity, Integer> index = new LinkedHashMap<>();
        int[] slot = new int[series.roiCount()];
        for (int r = 0; r < series.roiCount(); r++) {
            ObservedQuantity q = mapping.find(AreaMapping.Kind.ROI, series.roiKey(r));
            if (q == null && !series.location().isEmpty()) {
                q = mapping.find(AreaMapping.Kind.LOCATION, series.location());
            }
            if (q == null) {
                throw ObservationException.atPath(file, series.path(), "ROI '" + series.roiKey(r) + "' (imaging plane location '"
                        + series.location() + "') is not in the mapping " + mapping.source() + "; add a 'roi' or 'location' row");
            }
            if (!options.knowsArea(q.area())) {
                throw ObservationException.atPath(file, series.path(), "ROI '" + series.roiKey(r) + "' maps to unknown area '" + q.area() + "'");
            }
            slot[r] = index.computeIfAbsent(q, k -> index.size());
        }
        int groups = index.size();
        int[] rois = new int[groups];
        for (int s : slot) {
            rois[s]++;
        }
        List<Double> times = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int t = 0; t < series.timeCount(); t++) {
            double time = series.timeS(t);
            if (time < fromS || time > toS) {
                continue;
            }
            double[] row = new double[groups];
            for (int r = 0; r < series.roiCount(); r++) {
                row[slot[r]] += series.value(t, r) / rois[slot[r]];
            }
            times.add(time);
            rows.add(row);
        }
        double[] values = new double[times.size() * groups];
        for (int t = 0; t < rows.size(); t++) {
            System.arraycopy(rows.get(t), 0, values, t * groups, groups);
        }
        double[] variances = new double[values.length];
        java.util.Arrays.fill(variances, Double.NaN);
        return Observations.complete(file + "#" + series.path(), times.stream().mapToDouble(Double::doubleValue).toArray(),
                new ArrayList<>(index.keySet()), values, variances);
    }
}
