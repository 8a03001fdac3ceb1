package doka.observation.analysis;

/**
 * Phases of events (e.g. spikes) against a rhythm of a sampled signal (e.g. their population's
 * rate): the analytic-signal phase of the signal band-passed to [loHz, hiHz]
 * ({@link Spectra#bandPhase}; 0 at the band-passed signal's peaks), read at each event's sample,
 * per group of events (e.g. layer × class).
 *
 * @param bins         histogram bins over −π..π
 * @param fraction     [group][bin]: share of the group's events whose phase falls in the bin (0 for a group without events)
 * @param meanPhaseRad [group]: circular mean phase, NaN for a group without events
 * @param events       [group]: events counted
 */
public record PhaseHistogram(int bins, double[][] fraction, double[] meanPhaseRad, int[] events) {

    /**
     * Histograms of the phases of events at {@code eventSample} (indices into {@code signal},
     * sampled every {@code dtMs}), grouped by {@code eventGroup} (0 ≤ group < {@code groups}).
     */
    public static PhaseHistogram of(double[] signal, double dtMs, double loHz, double hiHz, int[] eventSample,
                                    int[] eventGroup, int groups, int bins) {
        if (eventSample.length != eventGroup.length) {
            throw new IllegalArgumentException(eventSample.length + " event samples but " + eventGroup.length + " groups");
        }
        double[] phase = Spectra.bandPhase(signal, dtMs, loHz, hiHz);
        double[][] fraction = new double[groups][bins];
        double[] sumCos = new double[groups], sumSin = new double[groups];
        int[] events = new int[groups];
        for (int i = 0; i < eventSample.length; i++) {
            int s = eventSample[i], g = eventGroup[i];
            if (s < 0 || s >= phase.length) {
                throw new IllegalArgumentException("event sample " + s + " outside the signal (0.." + (phase.length - 1) + ")");
            }
            double ph = phase[s];
            // min: a phase of exactly π belongs to the last bin
            fraction[g][Math.min(bins - 1, (int) ((ph + Math.PI) / (2 * Math.PI) * bins))]++;
            sumCos[g] += Math.cos(ph);
            sumSin[g] += Math.sin(ph);
            events[g]++;
        }
        double[] mean = new double[groups];
        for (int g = 0; g < groups; g++) {
            mean[g] = events[g] == 0 ? Double.NaN : Math.atan2(sumSin[g], sumCos[g]);
            for (int b = 0; b < bins; b++) {
                fraction[g][b] = events[g] == 0 ? 0 : fraction[g][b] / events[g];
            }
        }
        return new PhaseHistogram(bins, fraction, mean, events);
    }

    /** Centre of each bin, rad. */
    public double[] binCentresRad() {
        double[] c = new double[bins];
        for (int b = 0; b < bins; b++) {
            c[b] = -Math.PI + (b + 0.5) * 2 * Math.PI / bins;
        }
        return c;
    }
}
