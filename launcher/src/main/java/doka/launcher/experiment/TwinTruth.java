package doka.launcher.experiment;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import doka.engine.kernel.Network;
import doka.engine.record.SpikeRecorder;
import doka.enkf.FilterRandom;
import doka.launcher.config.EnsembleConfig;
import doka.observation.error.RelativeError;
import doka.observation.io.CsvObservations;
import doka.observation.operator.ObsOperators;
import doka.observation.synthetic.SyntheticObservations;

/**
 * The truth run of a twin experiment: one network with the true parameters (and a seed of its own),
 * simulated over every window; its binned rates, with seeded noise from the configured error model,
 * become {@value #FILE} in the run directory, which the filter then reads like any recording.
 */
public final class TwinTruth {
    public static final String FILE = "observations-input.csv";

    private TwinTruth() {
    }

    /** Writes the synthetic observations of a spiking twin experiment; returns a one-line description. */
    public static String generate(EnsembleConfig config, Path runDir, int threads) {
        if (!(config.model() instanceof EnsembleConfig.Model.Lorenz96) && config.observations().file() == null) {
            SpikingExperiment exp = (SpikingExperiment) Experiments.create(config, runDir);
            return generate(config, exp, threads);
        }
        return null;
    }

    private static String generate(EnsembleConfig config, SpikingExperiment exp, int threads) {
        SpikingModel model = exp.model();
        long t0 = System.nanoTime();
        Network net = model.build(exp.networkSeed(-1), threads);
        Map<String, Double> truth = config.observations().truth();
        model.apply(net, truth);
        net.simulateMs(config.windows().warmupMs());
        SpikeRecorder spikes = new SpikeRecorder();
        net.addSpikeObserver(spikes);
        int windows = config.windows().count();
        int bins = exp.binsPerWindow();
        int nq = model.quantities().size();
        double binMs = config.observations().binMs();
        double[] values = new double[windows * bins * nq];
        for (int w = 0; w < windows; w++) {
            spikes.clear();
            double start = net.timeMs();
            net.simulateMs(config.windows().lengthMs());
            double[] rates = new SpikingExperiment.RateReadout(model, net, start, binMs, bins).rates(spikes, net.dtMs());
            System.arraycopy(rates, 0, values, w * bins * nq, bins * nq);
        }
        double[] times = ObsOperators.binCentres(0, binMs, windows * bins, 1e-3);
        var obs = SyntheticObservations.generate(config.name(), times, model.quantities(), values,
                new RelativeError(config.observations().relativeError(), config.observations().errorFloor()),
                FilterRandom.derive(config.seed(), SpikingExperiment.TRUTH_NOISE_STREAM));
        Path file = exp.observationFile();
        CsvObservations.write(obs, file);
        double mean = java.util.Arrays.stream(values).average().orElse(Double.NaN);
        String description = String.format(Locale.ROOT, "twin truth %s: %s; %d observations of %d quantities, mean rate"
                + " %.2f Hz, written to %s in %.1f s", truth, model.describe(net), values.length, nq, mean,
                file.getFileName(), (System.nanoTime() - t0) * 1e-9);
        net.close();
        return description;
    }

}
