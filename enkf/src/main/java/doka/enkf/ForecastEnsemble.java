package doka.enkf;

/**
 * What the filter receives from the members of one window: the filter vectors (state and/or transformed
 * parameters) and the predicted observations, one row per member.
 *
 * @param members    N ≥ 2
 * @param stateDim   n: length of each member's filter vector
 * @param states     N×n, row-major
 * @param obsDim     p: number of predicted observations per member
 * @param predicted  N×p, row-major: H(xₘ)
 */
public record ForecastEnsemble(int members, int stateDim, double[] states, int obsDim, double[] predicted) {
    public ForecastEnsemble {
        if (members < 2) {
            throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members);
        }
        if (stateDim < 1) {
            throw new IllegalArgumentException("state dimension must be ≥ 1, got " + stateDim);
        }
        if (states.length != (long) members * stateDim) {
            throw new IllegalArgumentException("ensemble states hold " + states.length + " values, expected members × "
                    + "state dimension = " + members + " × " + stateDim);
        }
        if (predicted.length != (long) members * obsDim) {
            throw new IllegalArgumentException("predicted observations hold " + predicted.length
                    + " values, expected members × observations = " + members + " × " + obsDim);
        }
        checkFinite(states, stateDim, "state");
        checkFinite(predicted, obsDim, "predicted observation");
    }

    private static void checkFinite(double[] x, int cols, String what) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(what + " " + (i % cols) + " of member " + (i / cols) + " is " + x[i]
                        + ", expected a finite number");
            }
        }
    }
}
