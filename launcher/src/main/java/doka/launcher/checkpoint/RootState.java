package doka.launcher.checkpoint;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the analysis root carries from window to window besides the members: the payload of
 * {@value CheckpointStore#FILTER_FILE}.
 *
 * @param windowsDone      windows completed
 * @param filterState      {@code doka.enkf.FilterState#toBytes()}: the filter's window index, adaptive inflation, random stream
 * @param members          ensemble size
 * @param dim              filter-vector length
 * @param ensemble         the analysis ensemble after the last window, natural units (what the members hold;
 *                         the transformed values follow from it, and a round trip through the transforms is not
 *                         bit-exact, so the natural ones are the record)
 * @param observationState the experiment's observation stream (twin truth and its random stream; may be empty)
 * @param prior            the first window's forecast ensemble (the run summary's prior), or null
 * @param lastTruth        the truth after the last window, or null
 * @param windowScores     per window {rmse forecast, rmse analysis, spread analysis} (the summary's averages)
 */
public record RootState(int windowsDone, byte[] filterState, int members, int dim, double[] ensemble,
        byte[] observationState, double[] prior, double[] lastTruth, List<double[]> windowScores) {

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(windowsDone);
        bytes(out, filterState);
        out.writeInt(members);
        out.writeInt(dim);
        doubles(out, ensemble);
        bytes(out, observationState);
        doubles(out, prior);
        doubles(out, lastTruth);
        out.writeInt(windowScores.size());
        for (double[] s : windowScores) {
            doubles(out, s);
        }
    }

    public static RootState read(DataInputStream in) throws IOException {
        int windowsDone = in.readInt();
        byte[] filterState = bytes(in);
        int members = in.readInt();
        int dim = in.readInt();
        double[] ensemble = doubles(in);
        byte[] observationState = bytes(in);
        double[] prior = doubles(in);
        double[] lastTruth = doubles(in);
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative count of window scores");
        }
        List<double[]> scores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            scores.add(doubles(in));
        }
        if (ensemble == null || ensemble.length != (long) members * dim) {
            throw new IOException("the ensemble has " + (ensemble == null ? 0 : ensemble.length) + " values, expected "
                    + members + " × " + dim);
        }
        return new RootState(windowsDone, filterState, members, dim, ensemble, observationState, prior, lastTruth,
                scores);
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative byte count " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** A length (−1 for null) and the values. */
    private static void doubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v == null ? -1 : v.length);
        if (v != null) {
            for (double x : v) {
                out.writeDouble(x);
            }
        }
    }

    private static double[] doubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < -1) {
            throw new IOException("invalid array length " + n);
        }
        if (n == -1) {
            return null;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }
}
