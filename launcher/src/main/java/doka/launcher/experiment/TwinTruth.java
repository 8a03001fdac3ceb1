package doka.launcher.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.enkf.RandomStream;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.cycle.Progress;
import doka.observation.error.RelativeError;
import doka.observation.io.CsvObservations;
import doka.observation.operator.ObsOperators;
import doka.observation.synthetic.SyntheticObservations;

/**
 * The truth run of a twin experiment: one network with the true parameters (and a seed of its own),
 * simulated over every window; its predictions (binned rates, or what {@code observations.operator} computes
 * from its spikes or currents), with seeded noise from the configured error model,
 * become {@value #FILE} in the run directory, which the filter then reads like any recording.
 */
public final class TwinTruth {
    public static final String FILE = "observations-input.csv";

    private TwinTruth() {
    }

    /** Writes the synthetic observations of a spiking twin experiment; returns a one-line description. */
    public static String generate(EnsembleConfig config, Path runDir, int threads) {
        if (!(config.model() instanceof EnsembleConfig.Model.Lorenz96) && config.observations().file() == null) {
            return generate(config, Experiments.spiking(config, runDir), threads);
        }
        return null;
    }

    private static String generate(EnsembleConfig config, SpikingExperiment exp, int threads) {
        SpikingModel model = exp.model();
        long t0 = System.nanoTime();
        int windows = config.windows().count();
        int nq = model.quantities().size();
        double binMs = config.observations().binMs();
        double[] values = new double[windows * exp.binsPerWindow() * nq];
        String describe;
        Map<String, Double> truth = config.observations().truth();
        Readout readout = new Readout(List.copyOf(truth.keySet()), config.windows().lengthMs(), binMs);
        double warmupMs = config.windows().warmupMs();
        double lengthMs = config.windows().lengthMs();
        try (SpikingMember member = model.build("truth", exp.networkSeed(-1), threads, null, readout);
             Progress progress = Progress.onStandardError(config.output().quiet())) {
            Progress.Simulation simulated = progress.simulation("twin truth", warmupMs + windows * lengthMs);
            member.distribute(truth.values().stream().mapToDouble(Double::doubleValue).toArray());
            simulated.at(0);
            member.simulateMs(warmupMs);
            for (int w = 0; w < windows; w++) {
                member.advance();
                simulated.at(warmupMs + (w + 1) * lengthMs);
                double[] rates = member.collect();
                System.arraycopy(rates, 0, values, w * rates.length, rates.length);
            }
            describe = member.describe();
        }
        double[] times = ObsOperators.binCentres(0, binMs, windows * exp.binsPerWindow(), 1e-3);
        var obs = SyntheticObservations.generate(config.name(), times, model.quantities(), values,
                new RelativeError(config.observations().relativeError(), config.observations().errorFloor()),
                RandomStream.TRUTH_NOISE.seed(config.seed()));
        Path file = exp.observationFile();
        CsvObservations.write(obs, file);
        double mean = java.util.Arrays.stream(values).average().orElse(Double.NaN);
        String meanOf = switch (config.observations().operator()) {
            case "calcium" -> String.format(Locale.ROOT, "mean ΔF/F %.4f", mean);
            case "lfp" -> String.format(Locale.ROOT, "mean LFP proxy %.3g", mean);
            default -> String.format(Locale.ROOT, "mean rate %.2f Hz", mean);
        };
        return String.format(Locale.ROOT, "twin truth %s: %s; %d observations of %d quantities, %s, written to %s in"
                + " %.1f s", config.observations().truth(), describe, values.length, nq, meanOf, file.getFileName(),
                (System.nanoTime() - t0) * 1e-9);
    }

}
