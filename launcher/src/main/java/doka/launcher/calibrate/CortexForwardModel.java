package doka.launcher.calibrate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import doka.engine.atlas.Area;
import doka.engine.atlas.Atlas;
import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.engine.kernel.Network;
import doka.engine.member.MeasurableMember;
import doka.engine.record.SpikeRecorder;
import doka.enkf.ForwardModel;
import doka.launcher.config.ConfigException;
import doka.observation.ObservedQuantity;
import doka.observation.operator.NeuronGroups;
import doka.observation.operator.SpikeTrains;
import doka.observation.statistics.Estimates;
import doka.observation.statistics.SpikeStatistics;
import doka.observation.statistics.TimescaleStatistics;
import doka.observation.statistics.Window;

/**
 * A cortex model file as a calibration's forward model: the member is built at the parameters with the run's seed
 * (network, initial state and background all follow it), warms up for {@code protocol.warmupMs}, then rests for
 * {@code protocol.restMs} while every spike is recorded; the statistics are per area over all its cells:
 * <ul>
 *   <li>{@code rate_hz/<area>}: the mean rate (Hz);</li>
 *   <li>{@code cv_isi/<area>}: the mean CV of the inter-spike intervals;</li>
 *   <li>{@code timescale_ms/<area>}: the intrinsic timescale (ms) of counts in bins of {@code protocol.timescaleBinMs},
 *       fitted over lags 1 … {@code protocol.maxLag} ({@link TimescaleStatistics}); NaN for a failed fit.</li>
 * </ul>
 * Or, when every statistic is named {@code rest.…} or {@code stimulus.…}, the protocol is the model file's own stimulus
 * experiment: its warm-up, run and {@code stimulation}, read out as {@code simulate --json} reads it
 * ({@link StimulusStatistics}).
 * <p>
 * Parameters are cortex parameters, optionally scoped as in ensemble configurations ({@code weight_scale_J@VISp-L}),
 * or {@code model:<path>}: any number of the model file, by its dotted path ({@code model:background.inDegreeE.0},
 * {@code model:neurons.LTS.params.V_th}; missing object fields are created), which the run sets before it builds.
 * Each run builds its own member; the loaded atlas and connectome are shared read-only, so paths into {@code atlas}
 * and {@code connectome} are refused.
 */
final class CortexForwardModel implements ForwardModel {
    static final List<String> KINDS = List.of("rate_hz", "cv_isi", "timescale_ms");

    /** Prefix of a parameter that is a number of the model file. */
    static final String MODEL_PATH = "model:";

    private final CortexModel model;
    private final com.fasterxml.jackson.databind.JsonNode tree;
    private final CalibrateConfig.Model modelSpec;
    private final CortexNetwork.Inputs inputs;
    private final String[] parameters;
    private final StimulusStatistics stimulusStatistics;
    /** Threads of a forward run: this machine's cores shared by the ranks (the numbers do not depend on it). */
    private final int threads;
    private final CalibrateConfig.Protocol protocol;
    private final List<String> statistics;
    private final int[] statisticArea;
    private final int[] statisticKind;

    CortexForwardModel(CalibrateConfig c) {
        this.modelSpec = c.model();
        this.threads = Math.max(1, Runtime.getRuntime().availableProcessors() / c.rankCount());
        try {
            this.tree = CortexModel.readTree(Path.of(c.model().file()));
            this.model = scaled(CortexModel.of(tree, c.model().file(), c.model().dataPaths()));
            this.inputs = CortexNetwork.loadInputs(model);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("model.file: " + e.getMessage(), e);
        }
        this.parameters = c.parameterNames();
        this.protocol = c.protocol();
        this.statistics = c.protocol().statistics();
        Atlas atlas = inputs.atlas();
        double[] priorMean = new double[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            priorMean[i] = c.parameters().get(i).priorMean();
            try {
                if (parameters[i].startsWith(MODEL_PATH)) {
                    modelPath(parameters[i]);
                } else {
                    inputs.checkParameter(parameters[i]);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException("parameters[" + i + "]: " + e.getMessage(), e);
            }
        }
        if (java.util.Arrays.stream(parameters).anyMatch(p -> p.startsWith(MODEL_PATH))) {
            try {
                // a misspelt neuron parameter would otherwise fail only in the first run's build
                edited(priorMean).neurons().values().forEach(n -> doka.engine.model.NeuronModels.create(n.model(),
                        n.preset(), n.params()));
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("parameters at their prior means: " + e.getMessage(), e);
            }
        }
        try {
            stimulusStatistics = StimulusStatistics.of(statistics, model, atlas, c.model().file());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        if (stimulusStatistics != null) {
            statisticArea = null;
            statisticKind = null;
            return;
        }
        double bin = model.run().binMs();
        for (var e : List.of(java.util.Map.entry("protocol.warmupMs", protocol.warmupMs()),
                java.util.Map.entry("protocol.restMs", protocol.restMs()))) {
            if (!(e.getValue() > 0) || Math.abs(e.getValue() / bin - Math.rint(e.getValue() / bin)) > 1e-9) {
                throw new ConfigException(e.getKey() + " is " + e.getValue() + "; expected a positive multiple of the"
                        + " model's run.binMs, " + bin + " ms");
            }
        }
        statisticArea = new int[statistics.size()];
        statisticKind = new int[statistics.size()];
        for (int j = 0; j < statistics.size(); j++) {
            String s = statistics.get(j);
            int slash = s.indexOf('/');
            int kind = slash < 0 ? -1 : KINDS.indexOf(s.substring(0, slash));
            if (kind < 0 || !atlas.hasArea(s.substring(slash + 1))) {
                throw new ConfigException("protocol.statistics[" + j + "] is '" + s + "'; expected <kind>/<area> with a"
                        + " kind of " + KINDS + " and an area of the model " + areaNames(atlas));
            }
            statisticKind[j] = kind;
            statisticArea[j] = atlas.area(s.substring(slash + 1)).index();
        }
    }

    /**
     * A forward run's peak memory (its member built on this run's threads, without the JVM's own), by the capacity
     * planner's rules ({@code validate}); the parameters barely change it.
     */
    double memberBytes() {
        doka.launcher.experiment.MemberSize s = doka.launcher.experiment.MemberSize.ofCortex(model, inputs);
        return new doka.launcher.experiment.MemberEstimate(s.neurons(), s.synapses(), s, Double.NaN, false, Double.NaN,
                true).memberBytes(threads);
    }

    private CortexModel scaled(CortexModel m) {
        return modelSpec.densityScale() == null ? m : m.withDensityScale(modelSpec.densityScale());
    }

    /** The dotted path of a {@code model:} parameter, checked against the shared inputs. */
    private static String[] modelPath(String parameter) {
        String path = parameter.substring(MODEL_PATH.length());
        String[] parts = path.split("\\.");
        if (path.isEmpty() || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + parameter + "': expected model:<field>.<field>…, e.g."
                    + " model:neurons.LTS.params.V_th");
        }
        if (parts[0].equals("atlas") || parts[0].equals("connectome")) {
            throw new IllegalArgumentException("'" + parameter + "': the atlas and the connectome are loaded once for"
                    + " all runs; fit a number of cells, neurons, local, longRange, background, parameters, stimulation"
                    + " or regions");
        }
        return parts;
    }

    /** The model with the {@code model:} parameters set to {@code theta}; the model itself when there are none. */
    private CortexModel edited(double[] theta) throws IOException {
        com.fasterxml.jackson.databind.JsonNode copy = null;
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].startsWith(MODEL_PATH)) {
                copy = copy == null ? tree.deepCopy() : copy;
                set(copy, modelPath(parameters[i]), theta[i], parameters[i]);
            }
        }
        return copy == null ? model : scaled(CortexModel.of(copy, modelSpec.file() + " with the calibrated parameters",
                modelSpec.dataPaths()));
    }

    /**
     * The model file with the parameters at {@code values} written in (as {@code fitted-model.json}, a model file that
     * {@code simulate} and ensemble configurations take): {@code model:} paths where they point, cortex parameters as
     * {@code parameters.<name>.value}, {@code .hemisphere.<L|R>} or {@code .area.<area>} by their scope, and the
     * configuration's {@code densityScale} as {@code cells.densityScale}.
     */
    com.fasterxml.jackson.databind.JsonNode fittedModel(double[] values) {
        com.fasterxml.jackson.databind.JsonNode copy = tree.deepCopy();
        if (modelSpec.densityScale() != null) {
            set(copy, new String[] {"cells", "densityScale"}, modelSpec.densityScale(), "model.densityScale");
        }
        for (int i = 0; i < parameters.length; i++) {
            String p = parameters[i];
            int at = p.indexOf('@');
            String[] path = p.startsWith(MODEL_PATH) ? modelPath(p)
                    : at < 0 ? new String[] {"parameters", p, "value"}
                    : new String[] {"parameters", p.substring(0, at),
                            p.substring(at + 1).equals("L") || p.substring(at + 1).equals("R") ? "hemisphere" : "area",
                            p.substring(at + 1)};
            set(copy, path, values[i], p);
        }
        return copy;
    }

    /** Sets the number at {@code path}, creating missing object fields; array elements must exist. */
    static void set(com.fasterxml.jackson.databind.JsonNode root, String[] path, double value, String parameter) {
        com.fasterxml.jackson.databind.JsonNode node = root;
        for (int k = 0; k < path.length; k++) {
            boolean last = k == path.length - 1;
            String where = "'" + parameter + "': " + String.join(".", java.util.Arrays.copyOf(path, k + 1));
            if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
                int index = path[k].matches("\\d+") ? Integer.parseInt(path[k]) : -1;
                if (index < 0 || index >= array.size()) {
                    throw new IllegalArgumentException(where + " is not an element of an array of " + array.size());
                }
                if (last) {
                    array.set(index, com.fasterxml.jackson.databind.node.DoubleNode.valueOf(value));
                } else {
                    node = array.get(index);
                }
            } else if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                com.fasterxml.jackson.databind.JsonNode child = object.get(path[k]);
                if (last) {
                    if (child != null && !child.isNumber()) {
                        throw new IllegalArgumentException(where + " is " + child + ", not a number");
                    }
                    object.put(path[k], value);
                } else {
                    node = child != null ? child : object.putObject(path[k]);
                }
            } else {
                throw new IllegalArgumentException(where + " is inside " + node + ", which has no fields");
            }
        }
    }

    private static List<String> areaNames(Atlas atlas) {
        return atlas.areas().stream().map(Area::name).toList();
    }

    @Override
    public double[] run(double[] theta, long seed) {
        CortexModel m;
        try {
            m = edited(theta);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CortexModel.RunSpec r = m.run();
        CortexModel seeded = m.withRun(new CortexModel.RunSpec(r.dtMs(), r.tSimMs(), r.warmupMs(), r.binMs(), seed,
                threads));
        CortexMember member = CortexMember.build(seeded, inputs);
        try {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i].startsWith(MODEL_PATH)) {
                    continue;
                }
                int at = parameters[i].indexOf('@');
                member.setParameter(at < 0 ? parameters[i] : parameters[i].substring(0, at),
                        at < 0 ? "global" : parameters[i].substring(at + 1), theta[i]);
            }
            if (stimulusStatistics != null) {
                return stimulusStatistics.of(doka.launcher.simulate.CortexRun.readout(seeded, member));
            }
            member.advance(protocol.warmupMs());
            Network network = member.network().network();
            SpikeRecorder spikes = new SpikeRecorder();
            network.addSpikeObserver(spikes);
            long start = network.step();
            member.advance(protocol.restMs());
            return statistics(spikes, start, member.cellLabels(), r.dtMs());
        } finally {
            member.close();
        }
    }

    private double[] statistics(SpikeRecorder spikes, long startStep, MeasurableMember.CellLabels labels, double dtMs) {
        double[] times = new double[spikes.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = (spikes.step(i) - startStep) * dtMs;
        }
        SpikeTrains trains = SpikeTrains.of(times, spikes.neurons());
        NeuronGroups groups = new NeuronGroups(labels.areas().stream().map(ObservedQuantity::ofArea).toList(),
                labels.areaOf(), labels.excitatory());
        Window rest = new Window(0, protocol.restMs());
        Estimates[] byKind = new Estimates[KINDS.size()];
        double[] out = new double[statistics.size()];
        for (int j = 0; j < out.length; j++) {
            int k = statisticKind[j];
            if (byKind[k] == null) {
                byKind[k] = switch (k) {
                    case 0 -> SpikeStatistics.rates(trains, groups, rest);
                    case 1 -> SpikeStatistics.cvIsi(trains, groups, rest);
                    default -> TimescaleStatistics.intrinsicTimescaleMs(trains, groups, rest, protocol.timescaleBinMs(),
                            protocol.maxLag());
                };
            }
            out[j] = byKind[k].value()[statisticArea[j]];
        }
        return out;
    }
}
