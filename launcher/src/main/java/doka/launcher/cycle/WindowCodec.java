package doka.launcher.cycle;

import java.util.Arrays;

/**
 * The messages of one window between the members and the analysis root, packed into the flat
 * {@code double} arrays MPI moves. Each member reports {estimated | predicted | simulation seconds |
 * status}; the reports are gathered over the couple communicator in member order (a task that computes
 * several members sends theirs one after another). The root answers each member with a directive
 * {analysis | checkpoint flag | stop flag | donor | replacements flag}, scattered back the same way and
 * broadcast within a member split over several ranks: {@code donor} is the healthy member whose state
 * replaces this failed one (-1: none), the replacements flag says whether any member is replaced this
 * window. A calibration's iterations use the same messages ({@code doka.launcher.calibrate}): its members
 * report parameters and statistics, the root answers with the next parameters.
 */
public final class WindowCodec {
    /** A member's report status: it advanced. */
    public static final int OK = 0;
    /** A member's report status: it threw while it advanced; its values are not to be used. */
    public static final int THREW = 1;
    /** No donor: the member is not replaced. */
    public static final int NO_DONOR = -1;

    /** What a member reports after a window. */
    public record Report(double[] estimated, double[] predicted, double simSeconds, int status) {
        public Report(double[] estimated, double[] predicted, double simSeconds) {
            this(estimated, predicted, simSeconds, OK);
        }
    }

    /**
     * Every member's report, member-major: {@code estimated[m·dim + i]}, {@code predicted[m·p + j]}, and each
     * member's status ({@link #OK}, {@link #THREW}).
     */
    public record Reports(double[] estimated, double[] predicted, double[] simSeconds, int[] status) {
    }

    /**
     * What the root tells a member: its analysis, whether to checkpoint (and stop) after this window, the member
     * whose state replaces it ({@link #NO_DONOR}: none) and whether any member is replaced this window.
     */
    public record Directive(double[] analysis, boolean checkpoint, boolean stop, int donor, boolean replacements) {
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
        return dim + predictions + 2;
    }

    public int predictions() {
        return predictions;
    }

    public int directiveLength() {
        return dim + 4;
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
        out[dim + predictions + 1] = r.status();
        return out;
    }

    /** Unpacks the gathered reports of all members. */
    public Reports unpackReports(double[] gathered) {
        int stride = reportLength();
        double[] estimated = new double[members * dim];
        double[] predicted = new double[members * predictions];
        double[] sim = new double[members];
        int[] status = new int[members];
        for (int m = 0; m < members; m++) {
            System.arraycopy(gathered, m * stride, estimated, m * dim, dim);
            System.arraycopy(gathered, m * stride + dim, predicted, m * predictions, predictions);
            sim[m] = gathered[m * stride + dim + predictions];
            status[m] = (int) gathered[m * stride + dim + predictions + 1];
        }
        return new Reports(estimated, predicted, sim, status);
    }

    /** Packs the directives of all members: their rows of {@code analysis} (member-major) and the same flags. */
    public double[] packDirectives(double[] analysis, boolean checkpoint, boolean stop) {
        int[] none = new int[members];
        Arrays.fill(none, NO_DONOR);
        return packDirectives(analysis, checkpoint, stop, none);
    }

    /** The same, with each member's donor ({@link #NO_DONOR}: not replaced). */
    public double[] packDirectives(double[] analysis, boolean checkpoint, boolean stop, int[] donors) {
        boolean any = Arrays.stream(donors).anyMatch(d -> d != NO_DONOR);
        int stride = directiveLength();
        double[] out = new double[members * stride];
        for (int m = 0; m < members; m++) {
            System.arraycopy(analysis, m * dim, out, m * stride, dim);
            out[m * stride + dim] = checkpoint ? 1 : 0;
            out[m * stride + dim + 1] = stop ? 1 : 0;
            out[m * stride + dim + 2] = donors[m];
            out[m * stride + dim + 3] = any ? 1 : 0;
        }
        return out;
    }

    public Directive unpackDirective(double[] row) {
        return new Directive(Arrays.copyOf(row, dim), row[dim] != 0, row[dim + 1] != 0, (int) row[dim + 2],
                row[dim + 3] != 0);
    }
}
