package doka.enkf;

/**
 * What one analysis saw and did. Innovations dⱼ = yⱼ − ȳⱼ are of the used observations against the forecast
 * mean; for a consistent filter, E[dⱼ²] = (HPHᵀ + R)ⱼⱼ, i.e. {@code innovationMeanSquare} ≈
 * {@code expectedInnovationVariance} and {@code normalizedInnovation} ≈ 1.
 *
 * @param observationsUsed           p after screening
 * @param observationsRejected       observations dropped by the innovation check
 * @param innovationMean             mean over used observations of dⱼ
 * @param innovationMeanSquare       mean of dⱼ²
 * @param expectedInnovationVariance mean of (HPᶠHᵀ)ⱼⱼ + Rⱼⱼ (ensemble estimate, before prior inflation)
 * @param normalizedInnovation       mean of dⱼ² / ((HPᶠHᵀ)ⱼⱼ + Rⱼⱼ)
 * @param adaptiveInflation          the prior variance factor λ used (1 when not adaptive)
 * @param forecastSpread             √(mean forecast variance) over the filter vector
 * @param analysisSpread             √(mean analysis variance) over the filter vector
 */
public record AnalysisStats(int observationsUsed, int observationsRejected, double innovationMean,
                            double innovationMeanSquare, double expectedInnovationVariance,
                            double normalizedInnovation, double adaptiveInflation, double forecastSpread,
                            double analysisSpread) {
}
