package doka.observation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import doka.observation.error.ErrorModel;

/**
 * The observations of one assimilation window: a grid of sample times × observed quantities.
 *
 * <p>Values, variances and the missing-data mask are row-major {@code [time][quantity]}: the entry
 * for time {@code t} and quantity {@code q} sits at {@code t * quantityCount() + q}. A missing entry
 * (no recording there) has its mask set and NaN value and variance. A present entry has a finite
 * value and a variance that is either finite and {@code > 0} or NaN, meaning "not given yet" (a CSV
 * without a sigma column): {@link #withErrors(ErrorModel)} fills it in.
 *
 * <p>Immutable: the constructor copies the arrays and the accessors return copies. Hot paths use
 * {@link #value(int, int)} and {@link #copyPresentValues(double[])}.
 *
 * @param source     where the data came from (a file name, or {@code synthetic:<seed>}), for messages
 * @param timesS     sample times or bin centres in seconds, strictly increasing
 * @param quantities what each column measures, distinct
 * @param values     observed values, {@code times × quantities}
 * @param variances  observation-error variances in the squared unit of the values
 * @param missing    true where nothing was recorded
 */
public record Observations(String source, double[] timesS, List<ObservedQuantity> quantities,
                           double[] values, double[] variances, boolean[] missing) {

    public Observations {
        Objects.requireNonNull(source, "source");
        quantities = List.copyOf(quantities);
        timesS = timesS.clone();
        values = values.clone();
        variances = variances.clone();
        missing = missing.clone();
        int n = timesS.length * quantities.size();
        if (values.length != n || variances.length != n || missing.length != n) {
            throw new IllegalArgumentException(source + ": " + timesS.length + " times × " + quantities.size()
                    + " quantities need " + n + " values, variances and mask entries; got " + values.length + ", "
                    + variances.length + ", " + missing.length);
        }
        for (int t = 0; t < timesS.length; t++) {
            if (!Double.isFinite(timesS[t]) || (t > 0 && timesS[t] <= timesS[t - 1])) {
                throw new IllegalArgumentException(source + ": times must be finite and strictly increasing; time "
                        + t + " is " + timesS[t] + (t > 0 ? " after " + timesS[t - 1] : ""));
            }
        }
        Set<ObservedQuantity> seen = new HashSet<>();
        for (ObservedQuantity q : quantities) {
            if (!seen.add(q)) {
                throw new IllegalArgumentException(source + ": quantity " + q + " appears twice");
            }
        }
        for (int i = 0; i < n; i++) {
            String at = source + ": time " + timesS[i / quantities.size()] + " s, " + quantities.get(i % quantities.size());
            if (missing[i]) {
                values[i] = Double.NaN;
                variances[i] = Double.NaN;
            } else if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(at + ": value " + values[i] + " is not finite (mark it missing instead)");
            } else if (!Double.isNaN(variances[i]) && !(variances[i] > 0 && variances[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(at + ": variance " + variances[i] + " must be finite and > 0");
            }
        }
    }

    /** A complete window: no entry missing. */
    public static Observations complete(String source, double[] timesS, List<ObservedQuantity> quantities,
                                        double[] values, double[] variances) {
        return new Observations(source, timesS, quantities, values, variances, new boolean[values.length]);
    }

    public int timeCount() {
        return timesS.length;
    }

    public int quantityCount() {
        return quantities.size();
    }

    public double timeS(int t) {
        return timesS[t];
    }

    public double value(int t, int q) {
        return values[t * quantities.size() + q];
    }

    public double variance(int t, int q) {
        return variances[t * quantities.size() + q];
    }

    public boolean isMissing(int t, int q) {
        return missing[t * quantities.size() + q];
    }

    /** Column of {@code quantity}, or -1. */
    public int indexOf(ObservedQuantity quantity) {
        return quantities.indexOf(quantity);
    }

    /** Number of entries that were recorded. */
    public int presentCount() {
        int n = 0;
        for (boolean m : missing) {
            n += m ? 0 : 1;
        }
        return n;
    }

    /** True when every present entry has a variance. */
    public boolean hasVariances() {
        for (int i = 0; i < values.length; i++) {
            if (!missing[i] && Double.isNaN(variances[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the present values, in row-major order, into {@code dst[0..presentCount())}: the
     * observation vector the filter sees. Returns {@code dst}.
     */
    public double[] copyPresentValues(double[] dst) {
        return gatherPresent(values, dst);
    }

    /** As {@link #copyPresentValues} for the variances (the diagonal of R). */
    public double[] copyPresentVariances(double[] dst) {
        return gatherPresent(variances, dst);
    }

    /** Gathers the entries of a full {@code times × quantities} array (e.g. a member's prediction) where data are present. */
    public double[] gatherPresent(double[] full, double[] dst) {
        if (full.length != values.length) {
            throw new IllegalArgumentException("expected " + values.length + " entries (times × quantities), got " + full.length);
        }
        int k = 0;
        for (int i = 0; i < full.length; i++) {
            if (!missing[i]) {
                dst[k++] = full[i];
            }
        }
        return dst;
    }

    /** A copy whose variances come from {@code model} (replacing any given ones). */
    public Observations withErrors(ErrorModel model) {
        double[] v = new double[values.length];
        int nq = quantities.size();
        for (int i = 0; i < v.length; i++) {
            v[i] = missing[i] ? Double.NaN : model.variance(i / nq, i % nq, values[i]);
        }
        return new Observations(source, timesS, quantities, values, v, missing);
    }

    @Override
    public double[] timesS() {
        return timesS.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] variances() {
        return variances.clone();
    }

    @Override
    public boolean[] missing() {
        return missing.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Observations other && source.equals(other.source) && quantities.equals(other.quantities)
                && Arrays.equals(timesS, other.timesS) && Arrays.equals(values, other.values)
                && Arrays.equals(variances, other.variances) && Arrays.equals(missing, other.missing);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, quantities, Arrays.hashCode(timesS), Arrays.hashCode(values),
                Arrays.hashCode(variances), Arrays.hashCode(missing));
    }

    @Override
    public String toString() {
        return "Observations[" + source + ": " + timesS.length + " times × " + quantities.size() + " quantities, "
                + presentCount() + " present]";
    }
}
