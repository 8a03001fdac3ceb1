package doka.launcher.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import doka.engine.kernel.RankComm;
import doka.engine.member.Member;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.enkf.FilterRandom;
import doka.enkf.LocalDomains;
import doka.enkf.Observations;
import doka.enkf.ParameterTransform;
import doka.enkf.RandomStream;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.cycle.Experiment;
import doka.launcher.cycle.FilterLayout;
import doka.launcher.cycle.MemberFactory;
import doka.launcher.cycle.ObservationSource;
import doka.launcher.mpi.MpjRankComm;
import doka.launcher.simulate.MemberNwb;
import doka.observation.ObservedQuantity;
import doka.observation.ReadOptions;
import doka.observation.error.RelativeError;
import doka.observation.AreaMapping;
import doka.observation.io.AreaMappingReader;
import doka.observation.io.CsvObservations;
import doka.observation.io.NwbObservations;
import doka.observation.io.RecordingSummary;
import doka.observation.io.NwbReader;
import doka.observation.io.RecordedObservables;
import mpi.Intracomm;

/**
 * Parameter estimation for a spiking network (PD14 or the bilateral cortex): every member is a
 * network of its own with its own parameters; each window it simulates {@code windows.lengthMs},
 * and the binned population rate of each observed quantity (area or population) is its predicted
 * observation. The filter vector holds the estimated parameters only; the networks' dynamic state
 * carries on from window to window.
 *
 * <p>Observations come from a file (CSV with {@code time_s, area, group, value[, sigma]}; times
 * counted from the end of the warm-up) or, in a twin experiment, from the file {@link TwinTruth}
 * wrote into the run directory beforehand: the same reader either way.
 */
final class SpikingExperiment {

    private final EnsembleConfig config;
    private final Path runDir;
    private final SpikingModel model;
    private final List<EnsembleConfig.Parameter> parameters;
    private final ParameterTransform[] transforms;
    private final int binsPerWindow;

    SpikingExperiment(EnsembleConfig config, Path runDir, SpikingModel model) {
        this.config = config;
        this.runDir = runDir;
        this.model = model;
        this.parameters = config.parameters();
        this.transforms = parameters.stream().map(Experiments::transform).toArray(ParameterTransform[]::new);
        double bins = config.windows().lengthMs() / config.observations().binMs();
        if (Math.abs(bins - Math.rint(bins)) > 1e-9) {
            throw new ConfigException("field 'observations.binMs' is " + config.observations().binMs()
                    + "; expected a divisor of windows.lengthMs (" + config.windows().lengthMs() + ")");
        }
        this.binsPerWindow = (int) Math.rint(bins);
        if (parameters.isEmpty()) {
            throw new ConfigException("field 'parameters' is empty; expected at least one parameter to estimate");
        }
        for (int i = 0; i < parameters.size(); i++) {
            try {
                model.checkParameter(parameters.get(i).name());
            } catch (ConfigException e) {
                throw new ConfigException("field 'parameters[" + i + "].name': " + e.getMessage());
            }
        }
    }

    /** The observations file: the user's, or the twin's synthetic one in the run directory. */
    Path observationFile() {
        return config.observations().file() != null ? Path.of(config.observations().file())
                : runDir.resolve(TwinTruth.FILE);
    }

    SpikingModel model() {
        return model;
    }

    int binsPerWindow() {
        return binsPerWindow;
    }

    /**
     * The checks of the observations that need the model, run before any rank starts (by {@code validate} and
     * {@code run}): the recording (and its mapping) is read against the model's areas, so an area the model lacks,
     * units or a time range that select nothing, or a window without observations is an error naming the file; a
     * parameter that no observed quantity reaches under the LETKF's localization (Gaspari–Cohn taper 0, beyond
     * 2 × {@code filter.localization}) is returned as a warning. A twin's observations, written by the truth run
     * later, observe every quantity of the model and are checked for reach only.
     *
     * @return the warnings, one line each (empty: none)
     */
    List<String> checkBeforeStart() {
        List<ObservedQuantity> quantities = model.quantities();
        Set<Integer> observed = new java.util.TreeSet<>();
        if (config.observations().file() != null) {
            RecordedRates rates = new RecordedRates();
            doka.observation.Observations obs = rates.recorded();
            List<String> modelLabels = quantities.stream().map(ObservedQuantity::label).toList();
            for (int q = 0; q < quantities.size(); q++) {
                if (obs.indexOf(quantities.get(q)) >= 0) {
                    observed.add(q);
                }
            }
            if (observed.isEmpty()) {
                throw new ConfigException(observationFile() + ": observations.file: none of its quantities "
                        + obs.quantities().stream().map(ObservedQuantity::label).toList()
                        + " is one the model predicts; expected some of " + modelLabels);
            }
            for (int w = 0; w < config.windows().count(); w++) {
                rates.observations(w);
            }
        } else {
            for (int q = 0; q < quantities.size(); q++) {
                observed.add(q);
            }
        }
        List<String> warnings = new ArrayList<>();
        EnsembleConfig.Filter f = config.filter();
        if (f.localization() == null
                || doka.enkf.EnsembleFilter.Variant.parse("filter.kind", f.kind()) != doka.enkf.EnsembleFilter.Variant.LETKF) {
            return warnings;
        }
        double radius = f.localization();
        for (int i = 0; i < parameters.size(); i++) {
            String name = parameters.get(i).name();
            double nearest = Double.POSITIVE_INFINITY;
            boolean reached = false;
            for (int q : observed) {
                double d = model.distanceMm(name, q);
                nearest = Math.min(nearest, d);
                reached |= doka.enkf.GaspariCohn.taper(d, radius) > 0;
            }
            if (!reached) {
                warnings.add(Double.isInfinite(nearest)
                        ? String.format(Locale.ROOT, "parameters[%d] '%s' is out of reach of every observation: it acts"
                                + " on a hemisphere none of them is in, so it is never updated; observe an area it acts on",
                                i, name)
                        : String.format(Locale.ROOT, "parameters[%d] '%s' is out of reach of every observation: the"
                                + " nearest observed quantity is %.3g mm away, beyond the LETKF's cut-off 2 ×"
                                + " filter.localization = %.3g mm, so it is never updated; raise filter.localization above"
                                + " %.3g or observe an area nearer to it", i, name, nearest, 2 * radius, nearest / 2));
            }
        }
        return warnings;
    }

    /** The run: members built from the model, observations from the file, the truth when the configuration gives it. */
    Experiment experiment() {
        String[] names = parameters.stream().map(EnsembleConfig.Parameter::name).toArray(String[]::new);
        FilterLayout layout = new FilterLayout(names, transforms, 0, 0, this::timeLabel);
        Map<String, Double> truth = config.observations().truth();
        Experiment.TruthSource truthSource = config.observations().file() != null || truth.isEmpty() ? null
                : window -> parameters.stream().mapToDouble(p -> truth.get(p.name())).toArray();
        return new Experiment(layout, new Members(), new RecordedRates(), truthSource);
    }

    /** How members are read out: the estimated parameters, the window and the observation bin. */
    Readout readout() {
        return new Readout(parameters.stream().map(EnsembleConfig.Parameter::name).toList(), config.windows().lengthMs(),
                config.observations().binMs());
    }

    /** Member {@code index}'s initial parameters: the prior, sampled in the transformed space. */
    double[] priorSample(int index) {
        return doka.launcher.config.Priors.sample(parameters, transforms, config.seed(), index);
    }

    /**
     * The network seed of member {@code index} (-1: the twin's truth). One network for all (the
     * default, a perfect-model twin: members differ by their parameters only), or each its own
     * ({@code observations.twinNetworks = "independent"}: connectivity and noise differ too).
     */
    long networkSeed(int index) {
        long base = RandomStream.MEMBER_NETWORK.seed(config.seed());
        return "independent".equals(config.observations().twinNetworks()) ? FilterRandom.derive(base, index + 1L) : base;
    }

    private String timeLabel(int windowsDone) {
        return String.format(Locale.ROOT, "bio %.0f/%.0f ms", windowsDone * config.windows().lengthMs(),
                config.windows().count() * config.windows().lengthMs());
    }

    /**
     * The recorded (or synthetic) observations of every window, as binned rates of the model's
     * quantities; localized by the model's distance between a parameter and a quantity.
     */
    private final class RecordedRates implements ObservationSource {
        private doka.observation.Observations recorded;
        private int[] lastIndex;

        /**
         * The recorded (or synthetic) observations, read once on the analysis root, with times counted from
         * the start of the first window: a CSV file (areas, or channels through the mapping file), or an NWB
         * file whose units' spikes are binned into rates per area (units mapped to areas by the mapping file),
         * from {@code observations.recordingStartS} on.
         */
        private doka.observation.Observations recorded() {
            if (recorded == null) {
                Set<String> areas = new HashSet<>();
                model.quantities().forEach(q -> areas.add(q.area()));
                EnsembleConfig.Observations o = config.observations();
                double spanS = config.windows().count() * config.windows().lengthMs() / 1000;
                Path file = observationFile();
                AreaMapping mapping = o.mapping() == null ? null : AreaMappingReader.read(Path.of(o.mapping()), areas);
                doka.observation.Observations obs;
                if (RecordingSummary.isHdf5(file) && NwbObservations.isDokaObservations(file)) {
                    // doka's own observation HDF5 (what `observations inspect` calls doka-hdf5): areas already named
                    obs = NwbObservations.read(file, new ReadOptions(areas, 0, spanS));
                } else if (file.toString().toLowerCase(Locale.ROOT).endsWith(".nwb") && !o.operator().equals("area_rate")) {
                    obs = shifted(nwbOperatorObservations(file, mapping, areas, spanS), -o.recordingStartS());
                } else if (file.toString().toLowerCase(Locale.ROOT).endsWith(".nwb")) {
                    double startS = o.recordingStartS();
                    obs = RecordedObservables.binnedRates(file, NwbReader.readUnits(file), mapping,
                            new ReadOptions(areas, startS, startS + spanS), startS, o.binMs() / 1000,
                            config.windows().count() * binsPerWindow);
                    obs = shifted(obs, -startS);
                } else {
                    obs = CsvObservations.read(file, mapping, new ReadOptions(areas, 0, spanS));
                }
                if (!obs.hasVariances()) {
                    obs = obs.withErrors(new RelativeError(o.relativeError(), o.errorFloor()));
                }
                recorded = obs;
            }
            return recorded;
        }

        /**
         * An NWB file's observations for the calcium operator: the ΔF/F of its first RoiResponseSeries, averaged over
         * the ROIs of each area at the series' own frame times (each frame is compared with the prediction of the bin
         * it falls in). The LFP is not read from NWB files yet.
         */
        private doka.observation.Observations nwbOperatorObservations(Path file, AreaMapping mapping, Set<String> areas,
                                                                      double spanS) {
            EnsembleConfig.Observations o = config.observations();
            if (!o.operator().equals("calcium")) {
                throw new ConfigException(file + ": observations.operator '" + o.operator() + "' does not read NWB files yet;"
                        + " give the observations as a CSV file (time_s,area,value[,sigma])");
            }
            List<String> series = NwbReader.roiSeriesPaths(file);
            if (series.isEmpty()) {
                throw new ConfigException(file + ": observations.operator calcium needs a RoiResponseSeries (ΔF/F) in the"
                        + " NWB file; it has none");
            }
            double startS = o.recordingStartS();
            return RecordedObservables.roiAverages(file, NwbReader.readRoiSeries(file, series.get(0)), mapping,
                    new ReadOptions(areas, startS, startS + spanS), startS, startS + spanS);
        }

        private doka.observation.Observations shifted(doka.observation.Observations obs, double byS) {
            double[] times = obs.timesS();
            for (int t = 0; t < times.length; t++) {
                times[t] += byS;
            }
            return new doka.observation.Observations(obs.source(), times, obs.quantities(), obs.values(), obs.variances(),
                    obs.missing());
        }

        @Override
        public Observations observations(int window) {
            doka.observation.Observations obs = recorded();
            List<ObservedQuantity> quantities = model.quantities();
            int nq = quantities.size();
            int[] column = new int[nq];
            for (int q = 0; q < nq; q++) {
                column[q] = obs.indexOf(quantities.get(q));
            }
            List<Integer> index = new ArrayList<>();
            List<double[]> valueVariance = new ArrayList<>();
            double binS = config.observations().binMs() / 1000;
            double startS = window * config.windows().lengthMs() / 1000;
            for (int t = 0; t < obs.timeCount(); t++) {
                double time = obs.timeS(t);
                int bin = (int) Math.floor((time - startS) / binS + 1e-9);
                if (bin < 0 || bin >= binsPerWindow) {
                    continue;
                }
                for (int q = 0; q < nq; q++) {
                    if (column[q] >= 0 && !obs.isMissing(t, column[q])) {
                        index.add(bin * nq + q);
                        valueVariance.add(new double[] {obs.value(t, column[q]), obs.variance(t, column[q])});
                    }
                }
            }
            if (index.isEmpty()) {
                throw new ConfigException(observationFile() + ": no observation of the model's quantities falls in window "
                        + window + " [" + startS + ", " + (startS + config.windows().lengthMs() / 1000) + ") s");
            }
            lastIndex = index.stream().mapToInt(Integer::intValue).toArray();
            double[] values = valueVariance.stream().mapToDouble(v -> v[0]).toArray();
            double[] variances = valueVariance.stream().mapToDouble(v -> v[1]).toArray();
            return new Observations(values, variances);
        }

        @Override
        public int[] observedIndex(int window) {
            return lastIndex;
        }

        @Override
        public String observationName(int index) {
            int full = lastIndex == null ? index : lastIndex[index];
            int nq = model.quantities().size();
            return model.quantities().get(full % nq).label() + "@" + full / nq;
        }

        /**
         * One local domain per parameter; an observation's distance to it is the model's distance between
         * what the parameter acts on and the observed quantity (between areas, for the cortex).
         */
        @Override
        public LocalDomains domains(int filterDim) {
            int nq = model.quantities().size();
            return new LocalDomains() {
                @Override
                public int count() {
                    return filterDim;
                }

                @Override
                public int[] stateIndices(int domain) {
                    return new int[] {domain};
                }

                @Override
                public double distance(int domain, int obs) {
                    int full = lastIndex == null ? obs : lastIndex[obs];
                    return model.distanceMm(parameters.get(domain).name(), full % nq);
                }
            };
        }
    }

    /**
     * Members: a network each, with its prior sample, warmed up; member 0 writes its raster after the last window,
     * and with {@code output.nwb} every member its spikes and predictions ({@link MemberNwb}).
     */
    private final class Members implements MemberFactory {
        /** Time zero of the members' NWB files: when this rank started building them. */
        private final java.time.Instant startedAt = java.time.Instant.now();

        @Override
        public Member build(int index, Intracomm memberComm, int threads) {
            RankComm comm = memberComm.Size() > 1 ? new MpjRankComm(memberComm) : null;
            SpikingMember member = model.build("member " + index, networkSeed(index), threads, comm, readout());
            member.distribute(priorSample(index));
            member.simulateMs(config.windows().warmupMs());
            return member;
        }

        @Override
        public void windowDone(Member member, int index, int window) throws IOException {
            if (index == 0 && window == config.windows().count() - 1) {
                ((SpikingMember) member).writeRaster(runDir.resolve("raster-member0.csv"), 2000);
            }
            if (config.output().nwb() && window == config.windows().count() - 1) {
                writeNwb((SpikingMember) member, index);
            }
        }

        /** {@code output.nwb}: member {@code index}'s last window as {@code member-NNNN.nwb} (by its first rank). */
        private void writeNwb(SpikingMember member, int index) {
            doka.engine.member.WindowSpikes spikes = member.lastWindowSpikes();
            if (spikes == null) {
                return; // not the member's first rank, or a member that records no spikes
            }
            MemberNwb.write(runDir.resolve(String.format(Locale.ROOT, "member-%04d.nwb", index)), "Doka run "
                    + config.name() + ": member " + index + " (" + member.describe() + ") in its last window", index, spikes,
                    member.collect(), model.quantities().stream().map(ObservedQuantity::label).toList(),
                    config.observations().binMs(), startedAt);
        }
    }
}
