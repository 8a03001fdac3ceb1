package doka.engine.bench;

import doka.engine.kernel.Network;
import doka.engine.pd14.Pd14;
import doka.engine.pd14.Pd14Run;
import doka.engine.record.SpikeRecorder;

/** Runs the named benchmarks: {@code b10k} and {@code pd14}. */
public final class Benchmarks {
    private Benchmarks() {
    }

    /**
     * B10k: build, then 1 s of biological time (timed). Before the timed run the JIT compiles the
     * engine's loops on a separate 2,000-neuron network (0.3 s of biological time), just as Brian
     * compiles its C++ before the run it times; the measured network is not touched by it.
     */
    public static BenchResult b10k(int threads, long seed, double simulationMs) {
        try (Network warmup = B10k.build(seed + 1, threads, 2000)) {
            warmup.simulate(3000);
        }
        long t0 = System.nanoTime();
        try (Network net = B10k.build(seed, threads)) {
            long t1 = System.nanoTime();
            SpikeRecorder spikes = new SpikeRecorder();
            net.addSpikeObserver(spikes);
            long c1 = PeakMemory.processCpuNanos();
            net.simulate(net.steps(simulationMs));
            long t2 = System.nanoTime();
            long c2 = PeakMemory.processCpuNanos();
            double wall = (t2 - t1) * 1e-9;
            long events = net.synapticEvents();
            long synapses = net.synapses().synapseCount();
            return new BenchResult("b10k", threads, wall, (t1 - t0) * 1e-9, events, events / wall,
                    net.synapses().bytes() / (double) synapses, PeakMemory.peakRssMb(), synapses, spikes.size(),
                    simulationMs * 1e-3, c1 < 0 ? Double.NaN : (c2 - c1) * 1e-9);
        }
    }

    /** PD14 at the given scale: build, warm-up (untimed), then the measured interval (timed). */
    public static BenchResult pd14(Pd14.Config config, double warmupMs, double simulationMs) {
        Pd14Run.Result r = Pd14Run.run(config, warmupMs, simulationMs);
        long spikes = 0;
        for (var p : r.populations()) {
            spikes += p.spikes();
        }
        return new BenchResult("pd14", r.threads(), r.simulationS(), r.buildS(), r.synapticEvents(),
                r.synapticEvents() / r.simulationS(), r.synapseBytes() / (double) r.synapses(), PeakMemory.peakRssMb(),
                r.synapses(), spikes, simulationMs * 1e-3, r.simulationCpuS());
    }
}
