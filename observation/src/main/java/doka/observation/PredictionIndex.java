package doka.observation;

import java.util.List;

/**
 * Where each present observation of a window sits in an operator's output (PDAF-OMI's index array):
 * built once per window, then {@link #gather} turns every member's prediction into the vector that is
 * compared with {@link Observations#copyPresentValues}, in the same order, allocation-free.
 *
 * <p>The operator's output is row-major {@code [time][quantity]} over its own times and quantities
 * (e.g. {@code PopulationRateOperator.timesS()} and {@code quantities()}); they need not be in the
 * window's order, and the operator may predict more than is observed.
 */
public final class PredictionIndex {
    private final int[] index;
    private final int predictionLength;

    private PredictionIndex(int[] index, int predictionLength) {
        this.index = index;
        this.predictionLength = predictionLength;
    }

    /**
     * @param obs              the window
     * @param predTimesS       the operator's output times, seconds
     * @param predQuantities   the operator's output quantities
     * @param timeToleranceS   how far an observation time may be from the matching output time
     */
    public static PredictionIndex of(Observations obs, double[] predTimesS, List<ObservedQuantity> predQuantities,
                                     double timeToleranceS) {
        int nq = predQuantities.size();
        int[] column = new int[obs.quantityCount()];
        for (int q = 0; q < column.length; q++) {
            column[q] = predQuantities.indexOf(obs.quantities().get(q));
        }
        int[] row = new int[obs.timeCount()];
        for (int t = 0; t < row.length; t++) {
            row[t] = nearest(predTimesS, obs.timeS(t), timeToleranceS);
        }
        int[] index = new int[obs.presentCount()];
        int k = 0;
        for (int t = 0; t < row.length; t++) {
            for (int q = 0; q < column.length; q++) {
                if (obs.isMissing(t, q)) {
                    continue;
                }
                if (column[q] < 0) {
                    throw new IllegalArgumentException(obs.source() + ": observed quantity " + obs.quantities().get(q)
                            + " is not predicted by the operator (it predicts " + predQuantities + ")");
                }
                if (row[t] < 0) {
                    throw new IllegalArgumentException(obs.source() + ": observation time " + obs.timeS(t)
                            + " s has no operator output within " + timeToleranceS + " s");
                }
                index[k++] = row[t] * nq + column[q];
            }
        }
        return new PredictionIndex(index, predTimesS.length * nq);
    }

    private static int nearest(double[] times, double t, double tolerance) {
        int best = -1;
        for (int i = 0; i < times.length; i++) {
            if (Math.abs(times[i] - t) <= tolerance && (best < 0 || Math.abs(times[i] - t) < Math.abs(times[best] - t))) {
                best = i;
            }
        }
        return best;
    }

    /** Number of present observations (the length of the gathered vector). */
    public int size() {
        return index.length;
    }

    /** {@code dst[k] = prediction[index[k]]}; returns {@code dst}. */
    public double[] gather(double[] prediction, double[] dst) {
        if (prediction.length != predictionLength) {
            throw new IllegalArgumentException("prediction has " + prediction.length + " values; the operator output has "
                    + predictionLength);
        }
        for (int k = 0; k < index.length; k++) {
            dst[k] = prediction[index[k]];
        }
        return dst;
    }
}
