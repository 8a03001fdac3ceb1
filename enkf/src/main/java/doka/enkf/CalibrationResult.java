package doka.enkf;

import java.util.List;

/**
 * What a calibration ends with.
 *
 * @param ensemble    the final N×d physical parameters
 * @param predictions their N×p predictions
 * @param steps       the diagnostics of every evaluated ensemble, the prior first
 * @param stoppedEarly true when the misfit stopped falling before the schedule ended
 * @param runs        forward runs done
 */
public record CalibrationResult(double[] ensemble, double[] predictions, List<CalibrationStep> steps,
                                boolean stoppedEarly, int runs) {
    public CalibrationStep last() {
        return steps.get(steps.size() - 1);
    }
}
