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
 * Parameters are cortex parameters, optionally scoped as in ensemble configurations ({@code weight_scale_J@VISp-L}).
 * Each run builds its own member; the loaded atlas and connectome are shared read-only.
 */
final class CortexForwardModel implements ForwardModel {
    static final List<String> KINDS = List.of("rate_hz", "cv_isi", "timescale_ms");

    private final CortexModel model;
    private final CortexNetwork.Inputs inputs;
    private final String[] parameters;
    private final CalibrateConfig.Protocol protocol;
    private final List<String> statistics;
    private final int[] statisticArea;
    private final int[] statisticKind;

    CortexForwardModel(CalibrateConfig c) {
        try {
            CortexModel m = CortexModel.read(Path.of(c.model().file()), c.model().dataPaths());
            this.model = c.model().densityScale() == null ? m : m.withDensityScale(c.model().densityScale());
            this.inputs = CortexNetwork.loadInputs(model);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("model.file: " + e.getMessage(), e);
        }
        this.parameters = c.parameterNames();
        this.protocol = c.protocol();
        this.statistics = c.protocol().statistics();
        Atlas atlas = inputs.atlas();
        for (String p : parameters) {
            try {
                inputs.checkParameter(p);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
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

    private static List<String> areaNames(Atlas atlas) {
        return atlas.areas().stream().map(Area::name).toList();
    }

    @Override
    public double[] run(double[] theta, long seed) {
        CortexModel.RunSpec r = model.run();
        CortexModel seeded = model.withRun(new CortexModel.RunSpec(r.dtMs(), r.tSimMs(), r.warmupMs(), r.binMs(), seed, 1));
        CortexMember member = CortexMember.build(seeded, inputs);
        try {
            for (int i = 0; i < parameters.length; i++) {
                int at = parameters[i].indexOf('@');
                member.setParameter(at < 0 ? parameters[i] : parameters[i].substring(0, at),
                        at < 0 ? "global" : parameters[i].substring(at + 1), theta[i]);
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
