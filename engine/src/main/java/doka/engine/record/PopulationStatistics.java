package doka.engine.record;

/**
 * Activity of one population over a measurement interval: mean rate per neuron (Hz), mean
 * coefficient of variation of inter-spike intervals over neurons with at least two intervals,
 * and synchrony (variance / mean of the population spike count in bins, 3 ms in PD14).
 */
public record PopulationStatistics(String name, double rateHz, double cvIsi, double synchrony, long spikes) {
}
