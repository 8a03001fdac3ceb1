package doka.engine.bench;

/**
 * A benchmark measurement: wall time of the simulation phase and of the build, synaptic events
 * delivered, bytes per synapse of the synapse store, peak resident memory of the process, and
 * the process CPU time of the simulation phase ({@code cpuS}, NaN if unknown).
 */
public record BenchResult(String name, int threads, double wallS, double buildS, long synapticEvents,
                          double eventsPerS, double bytesPerSynapse, double peakRssMb, long synapses, long spikes,
                          double biologicalS, double cpuS) {
}
