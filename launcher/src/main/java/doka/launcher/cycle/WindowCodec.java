package doka.launcher.cycle;

/**
 * The messages of one window between the members and the analysis root, packed into the flat
 * {@code double} arrays MPI moves. Each member leader reports {estimated | predicted | simulation
 * seconds}; the reports are gathered over the couple communicator in member order. The root answers
 * each member with a directive {analysis | checkpoint flag | stop flag}, scattered back the same way
 * and broadcast within a member split over several ranks. A calibration's iterations use the same messages
 * ({@code doka.launcher.calibrate}): its members report parameters and statistics, the root answers with the next
 * parameters.
 */
public final class WindowCodec {
    /** What a member reports after a window. */
    public record Report(double[] estimated, double[] predicted, double simSeconds) {
    }

    /** Every member's report, member-major: {@code estimated[m·dim + i]}, {@code predicted[m·p + j]}. */
    public record Reports(double[] estimated, double[] predicted, double[] simSeconds) {
    }

    /** What the root tells a member: its analysis, and whether to checkpoint (and stop) after this window. */
    public record Directive(double[] analysis, boolean checkpoint, boolean stop) {
    }

    private final int members;
    private final int dim;
    private final int predictions;

    /**
     * @param dim         length of the filter vector
     * @param predictions predictions per member this window
     */
    public WindowCodec(int members, int dim, int predictions) {
        this.members = members;
        this.dim = dim;
        this.predictions = predictions;
    }

    public int reportLength() {
        return dim + predictions + 1;
    }

    public int directiveLength() {
        return dim + 2;
    }

    public double[] pack(Report r) {
        if (r.estimated().length != dim || r.predicted().length != predictions) {
            throw new IllegalArgumentException("a report of " + r.estimated().length + " estimated values and "
                    + r.predicted().length + " predictions; this window carries " + dim + " and " + predictions);
        }
        double[] out = new double[reportLength()];
        System.arraycopy(r.estimated(), 0, out, 0, dim);
        System.arraycopy(r.predicted(), 0, out, dim, predictions);
        out[dim + predictions] = r.simSeconds();
        return out;
    }

    /** Unpacks the gathered reports of all members. */
    public Reports unpackReports(double[] gathered) {
        int stride = reportLength();
        double[] estimated = new double[members * dim];
        double[] predicted = new double[members * predictions];
        double[] sim = new double[members];
        for (int m = 0; m < members; m++) {
            System.arraycopy(gathered, m * stride, estimated, m * dim, dim);
            System.arraycopy(gathered, m * stride + dim, predicted, m * predictions, predictions);
            sim[m] = gathered[m * stride + dim + predictions];
        }
        return new Reports(estimated, predicted, sim);
    }

    /** Packs the directives of all members: their rows of {@code analysis} (member-major) and the same flags. */
    public double[] packDirectives(double[] analysis, boolean checkpoint, boolean stop) {
        int stride = directiveLength();
        double[] out = new double[members * stride];
        for (int m = 0; m < members; m++) {
            System.arraycopy(analysis, m * dim, out, m * stride, dim);
            out[m * stride + dim] = checkpoint ? 1 : 0;
            out[m * stride + dim + 1] = stop ? 1 : 0;
        }
        return out;
    }

    public Directive unpackDirective(double[] row) {
        return new Directive(java.util.Arrays.copyOf(row, dim), row[dim] != 0, row[dim + 1] != 0);
    }
}
