package doka.observation.error;

/**
 * Relative error with an absolute floor: {@code σ = max(relative · |y|, floorSigma)}, variance
 * {@code σ²}. The floor keeps near-zero observations (a silent area) from claiming near-infinite
 * precision.
 *
 * @param relative   fractional standard deviation, {@code ≥ 0} (0.1 = 10 %)
 * @param floorSigma absolute lower bound on σ, in the unit of the values, {@code > 0}
 */
public record RelativeError(double relative, double floorSigma) implements ErrorModel {
    public RelativeError {
        if (!(relative >= 0 && Double.isFinite(relative))) {
            throw new IllegalArgumentException("relative error must be finite and >= 0, got " + relative);
        }
        ErrorModels.requirePositiveFinite(floorSigma, "absolute floor sigma");
    }

    @Override
    public double variance(int time, int quantity, double value) {
        double sigma = Math.max(relative * Math.abs(value), floorSigma);
        return sigma * sigma;
    }
}
