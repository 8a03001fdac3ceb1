package doka.launcher.cycle;

/**
 * What one kind of run supplies to the cycle: a member factory plus an observation source, the
 * layout of the filter vector, and the truth where it is known (twin experiments).
 *
 * @param layout       the filter vector's components, transforms and how windows are labelled and scored
 * @param members      builds each member on its ranks
 * @param observations the observations of every window (on the analysis root)
 * @param truth        the true filter vector at the end of a window (natural units), or null when unknown
 */
public record Experiment(FilterLayout layout, MemberFactory members, ObservationSource observations, TruthSource truth) {
    /** The true filter vector at the end of {@code window}, or null when it is not known. */
    public double[] truthAt(int window) {
        return truth == null ? null : truth.truth(window);
    }

    /** The true filter vector at the end of a window (natural units), or null for a window it does not know. */
    @FunctionalInterface
    public interface TruthSource {
        double[] truth(int window);
    }
}
