package doka.observation.analysis;

/**
 * Vector strength of events against a rhythm: |mean of e^{iφ}| over a group's events, φ the
 * band phase of the reference signal ({@link Spectra#bandPhase}) at each event's sample. 1 when
 * every event falls at the same phase, about 1/√n for n events at random phases.
 */
public final class PhaseLocking {
    private PhaseLocking() {
    }

    /** Per group: the vector strength, NaN for a group without events. */
    public static double[] vectorStrength(double[] signal, double dtMs, double loHz, double hiHz, int[] eventSample,
                                          int[] eventGroup, int groups) {
        double[] phase = Spectra.bandPhase(signal, dtMs, loHz, hiHz);
        double[] c = new double[groups], s = new double[groups];
        int[] n = new int[groups];
        for (int i = 0; i < eventSample.length; i++) {
            int k = eventSample[i];
            if (k < 0 || k >= phase.length) {
                continue;
            }
            int g = eventGroup[i];
            c[g] += Math.cos(phase[k]);
            s[g] += Math.sin(phase[k]);
            n[g]++;
        }
        double[] out = new double[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = n[g] == 0 ? Double.NaN : Math.hypot(c[g], s[g]) / n[g];
        }
        return out;
    }
}
