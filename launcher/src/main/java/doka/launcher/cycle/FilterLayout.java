package doka.launcher.cycle;

import java.util.function.IntFunction;

import doka.enkf.ParameterTransform;

/**
 * The filter vector of a run: the names of its components (model state, then parameters), the
 * transform of each into the space the analysis works in, and how the run's windows are labelled
 * and scored.
 *
 * @param names          the components' names
 * @param transforms     one per component
 * @param firstParameter index of the first parameter (= number of state components)
 * @param burnInWindows  windows left out of time-averaged scores (state estimation)
 * @param timeLabel      model time after a number of windows, for progress lines (e.g. "bio 600/4000 ms")
 */
public record FilterLayout(String[] names, ParameterTransform[] transforms, int firstParameter, int burnInWindows,
        IntFunction<String> timeLabel) {
    public FilterLayout {
        if (names.length != transforms.length) {
            throw new IllegalArgumentException(names.length + " names but " + transforms.length + " transforms");
        }
        names = names.clone();
        transforms = transforms.clone();
    }

    public int dim() {
        return names.length;
    }

    @Override
    public String[] names() {
        return names.clone();
    }

    @Override
    public ParameterTransform[] transforms() {
        return transforms.clone();
    }

    /** An ensemble (members × dim, natural units) mapped component-wise into the space the analysis works in. */
    public double[] toFilter(double[] natural) {
        double[] out = new double[natural.length];
        for (int i = 0; i < natural.length; i++) {
            out[i] = transforms[i % transforms.length].toFilter(natural[i]);
        }
        return out;
    }

    /** The inverse of {@link #toFilter}. */
    public double[] toPhysical(double[] filterSpace) {
        double[] out = new double[filterSpace.length];
        for (int i = 0; i < filterSpace.length; i++) {
            out[i] = transforms[i % transforms.length].toPhysical(filterSpace[i]);
        }
        return out;
    }
}
