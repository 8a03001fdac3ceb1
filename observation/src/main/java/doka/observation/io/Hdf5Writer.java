package doka.observation.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import doka.observation.ObservationException;

/**
 * Writes an HDF5 file through the HDF Group's own Java binding (Debian's {@code libhdf5-java}, with its JNI
 * library from {@code libhdf5-jni}). jHDF, which reads every HDF5 file here, cannot write object references,
 * and NWB's tables need them ({@code VectorIndex.target}).
 *
 * <p>The binding is loaded when a file is written, not linked at build time: the program builds and runs
 * without it, and only an NWB export asks for the package ({@link #JAR_PROPERTY} names another jar).
 * Numbers are written little-endian (the HDF5 file types); strings are variable-length UTF-8, as pynwb
 * writes them. Every failure names the file and the HDF5 path.
 */
final class Hdf5Writer implements AutoCloseable {
    /** Debian's jar of the binding. */
    static final Path DEBIAN_JAR = Path.of("/usr/share/java/jarhdf5.jar");
    /** System property naming another jar of the binding (its JNI library must be on java.library.path). */
    static final String JAR_PROPERTY = "doka.hdf5.jar";
    static final String PACKAGES = "libhdf5-java libhdf5-jni";

    private static Binding binding;

    private final Binding h5;
    private final Path file;
    private final long fileId;
    /** Objects opened to take an attribute, innermost first; any left open are closed with the file. */
    private final Deque<Long> open = new ArrayDeque<>();

    private Hdf5Writer(Binding h5, Path file, long fileId) {
        this.h5 = h5;
        this.file = file;
        this.fileId = fileId;
    }

    /** Creates (or truncates) {@code file}. */
    static Hdf5Writer create(Path file) {
        Binding b = binding();
        long id = (long) b.call(file, "/", b.fcreate, file.toString(), b.accTrunc, b.defaultList, b.defaultList);
        return new Hdf5Writer(b, file, id);
    }

    /** Why no file can be written here, or null when the binding loads. */
    static String unavailable() {
        try {
            binding();
            return null;
        } catch (ObservationException e) {
            return e.getMessage();
        }
    }

    /** Why the binding in {@code jar} cannot be used, or null when it loads (not kept: for the tests of the messages). */
    static String unavailable(Path jar) {
        try {
            Binding.load(jar);
            return null;
        } catch (ObservationException e) {
            return e.getMessage();
        }
    }

    private static synchronized Binding binding() {
        if (binding == null) {
            String named = System.getProperty(JAR_PROPERTY);
            binding = Binding.load(named == null || named.isBlank() ? DEBIAN_JAR : Path.of(named));
        }
        return binding;
    }

    /** Creates group {@code path} (its parent must exist). */
    void group(String path) {
        long id = (long) h5.call(file, path, h5.gcreate, fileId, path, h5.defaultList, h5.defaultList, h5.defaultList);
        h5.call(file, path, h5.gclose, id);
    }

    void doubles(String path, double[] values) {
        ByteBuffer b = buffer(8L * values.length);
        b.asDoubleBuffer().put(values);
        dataset(path, h5.f64, h5.nativeDouble, values.length, b.array());
    }

    void ints(String path, int[] values) {
        ByteBuffer b = buffer(4L * values.length);
        b.asIntBuffer().put(values);
        dataset(path, h5.i32, h5.nativeInt32, values.length, b.array());
    }

    /** Unsigned 32-bit integers (values must be 0 ≤ v < 2³²; NWB's index columns are unsigned). */
    void unsignedInts(String path, long[] values) {
        ByteBuffer b = buffer(4L * values.length);
        for (long v : values) {
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw ObservationException.atPath(file, path, v + " does not fit an unsigned 32-bit integer");
            }
            b.putInt((int) v);
        }
        dataset(path, h5.u32, h5.nativeUint32, values.length, b.array());
    }

    /** A one-dimensional dataset of strings. */
    void strings(String path, String[] values) {
        writeStrings(path, simpleSpace(path, values.length), values);
    }

    /** A scalar string dataset. */
    void string(String path, String value) {
        writeStrings(path, (long) h5.call(file, path, h5.screate, h5.scalar), new String[] {value});
    }

    private void writeStrings(String path, long space, String[] values) {
        long type = stringType(path);
        try {
            long ds = (long) h5.call(file, path, h5.dcreate, fileId, path, type, space, h5.defaultList, h5.defaultList,
                    h5.defaultList);
            if (values.length > 0) {
                h5.call(file, path, h5.dwriteStrings, ds, type, h5.all, h5.all, h5.defaultList, (Object[]) values);
            }
            h5.call(file, path, h5.dclose, ds);
        } finally {
            h5.call(file, path, h5.tclose, type);
            h5.call(file, path, h5.sclose, space);
        }
    }

    /** A scalar double dataset. */
    void scalar(String path, double value) {
        long space = (long) h5.call(file, path, h5.screate, h5.scalar);
        ByteBuffer b = buffer(8);
        b.putDouble(value);
        write(path, h5.f64, h5.nativeDouble, space, b.array());
    }

    /** A scalar string attribute on the object at {@code path}. */
    void attribute(String path, String name, String value) {
        stringAttribute(path, name, new String[] {value}, false);
    }

    /** A one-dimensional string attribute. */
    void attribute(String path, String name, String[] values) {
        stringAttribute(path, name, values, true);
    }

    /** A scalar 32-bit float attribute (NWB's {@code rate}, {@code conversion}, {@code resolution}). */
    void floatAttribute(String path, String name, float value) {
        ByteBuffer b = buffer(4);
        b.putFloat(value);
        scalarAttribute(path, name, h5.f32, h5.nativeFloat, b.array());
    }

    /** A scalar 64-bit float attribute. */
    void doubleAttribute(String path, String name, double value) {
        ByteBuffer b = buffer(8);
        b.putDouble(value);
        scalarAttribute(path, name, h5.f64, h5.nativeDouble, b.array());
    }

    /** An attribute holding an object reference to {@code target} (an absolute path in this file). */
    void referenceAttribute(String path, String name, String target) {
        byte[] ref = (byte[]) h5.call(file, target, h5.rcreate, fileId, target, h5.refObject, -1L);
        scalarAttribute(path, name, h5.refType, h5.refType, ref);
    }

    @Override
    public void close() {
        while (!open.isEmpty()) {
            h5.call(file, "/", h5.oclose, open.pop());
        }
        h5.call(file, "/", h5.fclose, fileId);
    }

    // --- the calls shared by the writes ---------------------------------------------------------------

    private static ByteBuffer buffer(long bytes) {
        return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
    }

    private long simpleSpace(String path, long length) {
        return (long) h5.call(file, path, h5.screateSimple, 1, new long[] {length}, null);
    }

    private long stringType(String path) {
        long type = (long) h5.call(file, path, h5.tcopy, h5.cString);
        h5.call(file, path, h5.tsetSize, type, h5.variable);
        h5.call(file, path, h5.tsetCset, type, h5.utf8);
        return type;
    }

    private void dataset(String path, long fileType, long memType, long length, byte[] bytes) {
        write(path, fileType, memType, simpleSpace(path, length), bytes);
    }

    /** Creates a dataset over {@code space} (closed here) and writes {@code bytes} into it. */
    private void write(String path, long fileType, long memType, long space, byte[] bytes) {
        try {
            long ds = (long) h5.call(file, path, h5.dcreate, fileId, path, fileType, space, h5.defaultList,
                    h5.defaultList, h5.defaultList);
            if (bytes.length > 0) {
                h5.call(file, path, h5.dwrite, ds, memType, h5.all, h5.all, h5.defaultList, bytes);
            }
            h5.call(file, path, h5.dclose, ds);
        } finally {
            h5.call(file, path, h5.sclose, space);
        }
    }

    private void stringAttribute(String path, String name, String[] values, boolean array) {
        String at = path + "@" + name;
        long space = array ? simpleSpace(at, values.length) : (long) h5.call(file, at, h5.screate, h5.scalar);
        long type = stringType(at);
        try {
            long attr = (long) h5.call(file, at, h5.acreate, object(path), name, type, space, h5.defaultList,
                    h5.defaultList);
            h5.call(file, at, h5.awriteStrings, attr, type, (Object[]) values);
            h5.call(file, at, h5.aclose, attr);
        } finally {
            h5.call(file, at, h5.tclose, type);
            h5.call(file, at, h5.sclose, space);
            closeObject(path);
        }
    }

    private void scalarAttribute(String path, String name, long fileType, long memType, byte[] bytes) {
        String at = path + "@" + name;
        long space = (long) h5.call(file, at, h5.screate, h5.scalar);
        try {
            long attr = (long) h5.call(file, at, h5.acreate, object(path), name, fileType, space, h5.defaultList,
                    h5.defaultList);
            h5.call(file, at, h5.awrite, attr, memType, bytes);
            h5.call(file, at, h5.aclose, attr);
        } finally {
            h5.call(file, at, h5.sclose, space);
            closeObject(path);
        }
    }

    private long object(String path) {
        long id = (long) h5.call(file, path, h5.oopen, fileId, path, h5.defaultList);
        open.push(id);
        return id;
    }

    private void closeObject(String path) {
        h5.call(file, path, h5.oclose, open.pop());
    }

    /** The binding's functions and constants, found by name in the jar (whose classes this build does not see). */
    private static final class Binding {
        final MethodHandle fcreate, fclose, gcreate, gclose, oopen, oclose, screate, screateSimple, sclose, tcopy, tsetSize,
                tsetCset, tclose, dcreate, dwrite, dwriteStrings, dclose, acreate, awrite, awriteStrings, aclose, rcreate;
        final int accTrunc, scalar, utf8, refObject;
        final long defaultList, all, cString, variable, f64, f32, i32, u32, nativeDouble, nativeFloat, nativeInt32,
                nativeUint32, refType;

        private Binding(Class<?> h5, Class<?> c) throws ReflectiveOperationException {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> L = long.class, I = int.class, S = String.class;
            fcreate = lookup.findStatic(h5, "H5Fcreate", MethodType.methodType(L, S, I, L, L));
            fclose = lookup.findStatic(h5, "H5Fclose", MethodType.methodType(I, L));
            gcreate = lookup.findStatic(h5, "H5Gcreate", MethodType.methodType(L, L, S, L, L, L));
            gclose = lookup.findStatic(h5, "H5Gclose", MethodType.methodType(I, L));
            oopen = lookup.findStatic(h5, "H5Oopen", MethodType.methodType(L, L, S, L));
            oclose = lookup.findStatic(h5, "H5Oclose", MethodType.methodType(I, L));
            screate = lookup.findStatic(h5, "H5Screate", MethodType.methodType(L, I));
            screateSimple = lookup.findStatic(h5, "H5Screate_simple", MethodType.methodType(L, I, long[].class, long[].class));
            sclose = lookup.findStatic(h5, "H5Sclose", MethodType.methodType(I, L));
            tcopy = lookup.findStatic(h5, "H5Tcopy", MethodType.methodType(L, L));
            tsetSize = lookup.findStatic(h5, "H5Tset_size", MethodType.methodType(I, L, L));
            tsetCset = lookup.findStatic(h5, "H5Tset_cset", MethodType.methodType(I, L, I));
            tclose = lookup.findStatic(h5, "H5Tclose", MethodType.methodType(I, L));
            dcreate = lookup.findStatic(h5, "H5Dcreate", MethodType.methodType(L, L, S, L, L, L, L, L));
            dwrite = lookup.findStatic(h5, "H5Dwrite", MethodType.methodType(I, L, L, L, L, L, byte[].class));
            dwriteStrings = lookup.findStatic(h5, "H5Dwrite_VLStrings", MethodType.methodType(I, L, L, L, L, L, Object[].class));
            dclose = lookup.findStatic(h5, "H5Dclose", MethodType.methodType(I, L));
            acreate = lookup.findStatic(h5, "H5Acreate", MethodType.methodType(L, L, S, L, L, L, L));
            awrite = lookup.findStatic(h5, "H5Awrite", MethodType.methodType(I, L, L, byte[].class));
            awriteStrings = lookup.findStatic(h5, "H5AwriteVL", MethodType.methodType(I, L, L, Object[].class));
            aclose = lookup.findStatic(h5, "H5Aclose", MethodType.methodType(I, L));
            rcreate = lookup.findStatic(h5, "H5Rcreate", MethodType.methodType(byte[].class, L, S, I, L));
            accTrunc = c.getField("H5F_ACC_TRUNC").getInt(null);
            scalar = c.getField("H5S_SCALAR").getInt(null);
            utf8 = c.getField("H5T_CSET_UTF8").getInt(null);
            refObject = c.getField("H5R_OBJECT").getInt(null);
            defaultList = c.getField("H5P_DEFAULT").getLong(null);
            all = c.getField("H5S_ALL").getLong(null);
            cString = c.getField("H5T_C_S1").getLong(null);
            variable = c.getField("H5T_VARIABLE").getLong(null);
            f64 = c.getField("H5T_IEEE_F64LE").getLong(null);
            f32 = c.getField("H5T_IEEE_F32LE").getLong(null);
            i32 = c.getField("H5T_STD_I32LE").getLong(null);
            u32 = c.getField("H5T_STD_U32LE").getLong(null);
            nativeDouble = c.getField("H5T_NATIVE_DOUBLE").getLong(null);
            nativeFloat = c.getField("H5T_NATIVE_FLOAT").getLong(null);
            nativeInt32 = c.getField("H5T_NATIVE_INT32").getLong(null);
            nativeUint32 = c.getField("H5T_NATIVE_UINT32").getLong(null);
            refType = c.getField("H5T_STD_REF_OBJ").getLong(null);
        }

        static Binding load(Path jar) {
            if (!Files.isRegularFile(jar)) {
                throw new ObservationException("writing NWB needs the HDF Group's Java binding of HDF5, " + jar
                        + " (not found): install Debian's packages " + PACKAGES + " (sudo apt-get install " + PACKAGES
                        + "; ./doka installs them when a command writes NWB), or name its jar with -D" + JAR_PROPERTY);
            }
            // the binding announces at INFO that it found its library; under SLF4J's simple logger that is noise
            String quiet = "org.slf4j.simpleLogger.log.hdf.hdf5lib";
            System.setProperty(quiet, System.getProperty(quiet, "warn"));
            try {
                // The binding's own loader, with ours as parent for the SLF4J it logs through.
                ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, Hdf5Writer.class.getClassLoader());
                Class<?> h5 = Class.forName("hdf.hdf5lib.H5", true, loader);
                return new Binding(h5, Class.forName("hdf.hdf5lib.HDF5Constants", true, loader));
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(new IOException(jar + ": not a file name", e));
            } catch (LinkageError e) {
                // the JNI library (libhdf5_java.so) is missing or does not match the jar
                throw new ObservationException("writing NWB: the HDF5 Java binding " + jar + " cannot load its native"
                        + " library (" + e + "): install Debian's package libhdf5-jni (sudo apt-get install " + PACKAGES
                        + ")", e);
            } catch (ReflectiveOperationException e) {
                throw new ObservationException("writing NWB: " + jar + " is not the HDF5 1.10 Java binding this program"
                        + " calls (" + e + "); expected Debian's " + PACKAGES + " 1.10", e);
            }
        }

        /** Calls {@code function}; a failure of the library becomes an error naming the file and HDF5 path. */
        Object call(Path file, String path, MethodHandle function, Object... args) {
            try {
                return function.invokeWithArguments(args);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                // the binding's HDF5LibraryException, which names the failing HDF5 function
                throw ObservationException.atPath(file, path, "HDF5 write failed: " + e);
            }
        }
    }
}
