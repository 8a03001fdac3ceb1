package doka.enkf;

/**
 * The outcome of one analysis: the analysis ensemble (N×n, row-major, filter space), the filter state to
 * carry into the next window, and the statistics of this window.
 */
public record AnalysisResult(double[] ensemble, FilterState state, AnalysisStats stats) {
}
