package doka.engine.atlas;

/**
 * A 3-D (or n-D) volume read from an NRRD file. Integer types are held in {@code ints}, floating
 * types in {@code reals} (the other is null). Index order is the file's: first axis fastest.
 *
 * @param type canonical NRRD type ("uint32", "float", …)
 * @param sizes samples per axis
 * @param spacingUm sample spacing per axis (norm of the space direction), NaN when not given
 * @param ints integer samples, or null
 * @param reals floating samples, or null
 */
public record NrrdVolume(String type, int[] sizes, double[] spacingUm, int[] ints, double[] reals) {
    /** Number of samples. */
    public int length() {
        int n = 1;
        for (int s : sizes) {
            n *= s;
        }
        return n;
    }

    /** Linear index (first axis fastest) of a 3-D position. */
    public int index(int i, int j, int k) {
        return i + sizes[0] * (j + sizes[1] * k);
    }

    /** Sample at a linear index as a double, whatever the type. */
    public double value(int index) {
        return ints != null ? ints[index] : reals[index];
    }
}
