package doka.observation.io;

import java.nio.file.Files;
import java.nio.file.Path;

import doka.observation.ObservationException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/**
 * Typed reads from an HDF5 file with errors that name the file and the HDF5 path. Wraps jHDF so that
 * its exceptions never escape without that context.
 */
final class Hdf5Reader implements AutoCloseable {
    final Path file;
    final HdfFile hdf;

    private Hdf5Reader(Path file, HdfFile hdf) {
        this.file = file;
        this.hdf = hdf;
    }

    static Hdf5Reader open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ObservationException(file + ": no such file");
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (HdfException | IllegalArgumentException e) {
            throw new ObservationException(file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
        // jHDF reads lazily and does not notice a cut-off file until it touches the missing bytes (if
        // ever); the superblock's end-of-file address says how long the file must be.
        io.jhdf.Superblock superblock = hdf.getHdfBackingStorage().getSuperblock();
        long expected = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
        long actual = hdf.size();
        if (actual < expected) {
            hdf.close();
            throw new ObservationException(file + ": truncated HDF5 file: the superblock says " + expected
                    + " bytes, the file has " + actual);
        }
        return new Hdf5Reader(file, hdf);
    }

    /**
     * Opens {@code file}, applies {@code body}, closes. jHDF failures on damaged or truncated files
     * (its own exceptions, or buffer errors from the bytes it finds) become an
     * {@link ObservationException} naming the file, so no reader leaks a bare library exception.
     */
    static <T> T withFile(Path file, java.util.function.Function<Hdf5Reader, T> body) {
        try (Hdf5Reader h = open(file)) {
            return body.apply(h);
        } catch (ObservationException e) {
            throw e;
        } catch (HdfException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                 | java.nio.BufferUnderflowException | NegativeArraySizeException | java.io.UncheckedIOException e) {
            throw new ObservationException(file + ": damaged or truncated HDF5 content (" + e + ")", e);
        }
    }

    ObservationException error(String path, String problem) {
        return ObservationException.atPath(file, path, problem);
    }

    boolean exists(String path) {
        try {
            hdf.getByPath(path);
            return true;
        } catch (HdfException e) {
            return false;
        }
    }

    Node node(String path) {
        try {
            return hdf.getByPath(path);
        } catch (HdfException e) {
            throw error(path, "missing (" + e.getMessage() + ")");
        }
    }

    Group group(String path) {
        Node n = node(path);
        if (!(n instanceof Group g)) {
            throw error(path, "expected a group, found a " + n.getType());
        }
        return g;
    }

    Dataset dataset(String path) {
        Node n = node(path);
        if (!(n instanceof Dataset d)) {
            throw error(path, "expected a dataset, found a " + n.getType());
        }
        return d;
    }

    int[] dimensions(String path) {
        return dataset(path).getDimensions();
    }

    /** Any numeric dataset, flattened row-major, as doubles. */
    double[] doubles(String path) {
        Object flat = flat(path);
        if (flat instanceof double[] d) {
            return d;
        }
        if (flat instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        long[] l = longsOf(path, flat);
        double[] d = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            d[i] = l[i];
        }
        return d;
    }

    /** An integer dataset, flattened, as longs. */
    long[] longs(String path) {
        return longsOf(path, flat(path));
    }

    private long[] longsOf(String path, Object flat) {
        if (flat instanceof long[] l) {
            return l;
        }
        Class<?> component = flat.getClass().getComponentType();
        if (component == int.class || component == short.class || component == byte.class) {
            // Index and id columns are small; reflection keeps one loop for every integer width.
            long[] l = new long[java.lang.reflect.Array.getLength(flat)];
            for (int i = 0; i < l.length; i++) {
                l[i] = java.lang.reflect.Array.getLong(flat, i);
            }
            return l;
        }
        throw error(path, "expected numbers, found " + flat.getClass().getSimpleName());
    }

    String[] strings(String path) {
        Object flat = flat(path);
        if (flat instanceof String[] s) {
            return s;
        }
        throw error(path, "expected strings, found " + flat.getClass().getSimpleName());
    }

    /** A scalar or one-element dataset as a string (numbers are formatted). */
    String scalarString(String path) {
        Object data = read(path);
        if (data != null && data.getClass().isArray()) {
            Object[] boxed = data instanceof Object[] o ? o : null;
            if (boxed != null && boxed.length == 1) {
                return String.valueOf(boxed[0]);
            }
            throw error(path, "expected a scalar");
        }
        return String.valueOf(data);
    }

    /** A scalar integer dataset (NWB 1.x {@code num_samples}). */
    long scalarLong(String path) {
        Object data = read(path);
        if (data instanceof Number n) {
            return n.longValue();
        }
        throw error(path, "expected a scalar integer, found " + (data == null ? "nothing" : data.getClass().getSimpleName()));
    }

    /** Attribute as a string, or null if absent. Arrays of one string are unwrapped. */
    static String attributeString(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return null;
        }
        Object data = a.getData();
        if (data instanceof String[] s) {
            return s.length == 1 ? s[0] : String.join(",", s);
        }
        return String.valueOf(data);
    }

    /** Attribute as a list of strings (NWB 1.x {@code ancestry}), empty if absent. */
    static java.util.List<String> attributeStrings(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return java.util.List.of();
        }
        Object data = a.getData();
        return data instanceof String[] s ? java.util.List.of(s) : java.util.List.of(String.valueOf(data));
    }

    private Object flat(String path) {
        Dataset d = dataset(path);
        try {
            return d.isScalar() ? wrapScalar(d.getData()) : d.getDataFlat();
        } catch (HdfException | UnsupportedOperationException e) {
            throw error(path, "cannot read (" + e.getMessage() + ")");
        }
    }

    private static Object wrapScalar(Object o) {
        if (o instanceof Double x) {
            return new double[] {x};
        }
        if (o instanceof Float x) {
            return new float[] {x};
        }
        if (o instanceof Long x) {
            return new long[] {x};
        }
        if (o instanceof Integer x) {
            return new int[] {x};
        }
        if (o instanceof String x) {
            return new String[] {x};
        }
        return o;
    }

    private Object read(String path) {
        Dataset d = dataset(path);
        try {
            return d.getData();
        } catch (HdfException | UnsupportedOperationException e) {
            throw error(path, "cannot read (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        hdf.close();
    }
}
