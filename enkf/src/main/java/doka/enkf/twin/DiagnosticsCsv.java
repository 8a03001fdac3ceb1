package doka.enkf.twin;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Consumer;

/** Writes {@link CycleDiagnostics} as CSV, one row per cycle, header first. */
public final class DiagnosticsCsv implements Consumer<CycleDiagnostics>, Closeable {
    private final Writer out;
    private boolean headerWritten;

    public DiagnosticsCsv(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(CycleDiagnostics d) {
        try {
            if (!headerWritten) {
                out.write(header(d));
                headerWritten = true;
            }
            out.write(row(d));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write diagnostics CSV", e);
        }
    }

    static String header(CycleDiagnostics d) {
        StringBuilder sb = new StringBuilder("cycle,time,rmse_forecast,rmse_analysis,spread_forecast,spread_analysis,"
                + "spread_rmse_ratio,innovation_mean,innovation_mean_square,expected_innovation_variance,"
                + "normalized_innovation,observations_used,observations_rejected,adaptive_inflation");
        for (int i = 0; i < d.parameterMean().length; i++) {
            sb.append(",parameter_").append(i).append("_mean,parameter_").append(i).append("_spread");
        }
        for (int r = 0; r < d.rankCounts().length; r++) {
            sb.append(",rank_").append(r);
        }
        return sb.append('\n').toString();
    }

    static String row(CycleDiagnostics d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.cycle()).append(',').append(num(d.time()));
        for (double v : new double[] {d.rmseForecast(), d.rmseAnalysis(), d.spreadForecast(), d.spreadAnalysis(),
            d.spreadRmseRatio(), d.innovationMean(), d.innovationMeanSquare(), d.expectedInnovationVariance(),
            d.normalizedInnovation()}) {
            sb.append(',').append(num(v));
        }
        sb.append(',').append(d.observationsUsed()).append(',').append(d.observationsRejected());
        sb.append(',').append(num(d.adaptiveInflation()));
        for (int i = 0; i < d.parameterMean().length; i++) {
            sb.append(',').append(num(d.parameterMean()[i])).append(',').append(num(d.parameterSpread()[i]));
        }
        for (long c : d.rankCounts()) {
            sb.append(',').append(c);
        }
        return sb.append('\n').toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
