package doka.engine.pd14;

import java.util.List;
import java.util.function.DoubleConsumer;

import doka.engine.bench.PeakMemory;
import doka.engine.kernel.Network;
import doka.engine.record.PopulationStatistics;
import doka.engine.record.SpikeRecorder;
import doka.engine.record.SpikeStatistics;

/**
 * The PD14 protocol: build, discard a warm-up, measure, and report rate, CV ISI and synchrony
 * (3 ms bins) per population, with timings for benchmarks.
 */
public final class Pd14Run {
    /** Synchrony bin, ms (the spec's 3 ms). */
    public static final double SYNCHRONY_BIN_MS = 3;

    /** What a run measured. Times in seconds of wall clock. */
    public record Result(List<PopulationStatistics> populations, int neurons, long synapses, double buildS,
                         double warmupS, double simulationS, long synapticEvents, long synapseBytes, int threads,
                         double simulationCpuS) {
    }

    private Pd14Run() {
    }

    public static Result run(Pd14.Config config, double warmupMs, double simulationMs) {
        return run(config, warmupMs, simulationMs, null);
    }

    /** The same, telling {@code simulatedMs} (when not null) the time simulated so far, warm-up included, once per slice. */
    public static Result run(Pd14.Config config, double warmupMs, double simulationMs, DoubleConsumer simulatedMs) {
        if (!(warmupMs >= 0)) {
            throw new IllegalArgumentException("t-warmup-ms must be >= 0, got " + warmupMs);
        }
        if (!(simulationMs > 0)) {
            throw new IllegalArgumentException("t-sim-ms must be > 0, got " + simulationMs);
        }
        long t0 = System.nanoTime();
        try (Network net = Pd14.build(config)) {
            long t1 = System.nanoTime();
            if (simulatedMs != null) {
                long first = net.step();
                net.addSpikeObserver((neuron, step, count) -> simulatedMs.accept((net.step() - first) * net.dtMs()));
            }
            net.simulate(net.steps(warmupMs));
            long t2 = System.nanoTime();
            SpikeRecorder spikes = new SpikeRecorder();
            net.addSpikeObserver(spikes);
            long from = net.step();
            long events0 = net.synapticEvents();
            long c2 = PeakMemory.processCpuNanos();
            net.simulate(net.steps(simulationMs));
            long t3 = System.nanoTime();
            long c3 = PeakMemory.processCpuNanos();
            List<PopulationStatistics> stats = SpikeStatistics.compute(net, spikes, from, net.step(),
                    (int) Math.round(SYNCHRONY_BIN_MS / net.dtMs()));
            return new Result(stats, net.neuronCount(), net.synapses().synapseCount(), (t1 - t0) * 1e-9,
                    (t2 - t1) * 1e-9, (t3 - t2) * 1e-9, net.synapticEvents() - events0, net.synapses().bytes(),
                    net.threads(), c2 < 0 ? Double.NaN : (c3 - c2) * 1e-9);
        }
    }
}
