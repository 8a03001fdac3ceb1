package doka.engine.body;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * MuJoCo's C library (Debian's {@code libmujoco2.2.2}) through JNA: only the {@code mj_*}
 * functions the body needs. The library is {@code libmujoco.so} on the system path, or the file
 * named by the system property {@code doka.mujoco.library} or the environment variable
 * {@code DOKA_MUJOCO_LIBRARY}. Loaded once per class loader; a missing or wrong library is an
 * error that says how to install the right one.
 */
public final class MuJoCo {
    /** The system property naming the library file. */
    public static final String LIBRARY_PROPERTY = "doka.mujoco.library";
    /** The environment variable naming the library file. */
    public static final String LIBRARY_ENV = "DOKA_MUJOCO_LIBRARY";
    /** The version the struct offsets of {@link MjLayout} were derived for ({@code mj_version()}). */
    public static final int SUPPORTED_VERSION = 222;
    private static final String INSTALL = "install Debian's package: 'sudo apt-get install libmujoco2.2.2 libmujoco-dev'"
            + " (./doka does so for configurations with a body)";

    /** The C functions (mujoco.h of 2.2.2). Pointers are opaque {@code mjModel*} / {@code mjData*}. */
    interface Lib extends Library {
        int mj_version();

        Pointer mj_loadXML(String filename, Pointer vfs, byte[] error, int errorSize);

        Pointer mj_makeData(Pointer m);

        void mj_step(Pointer m, Pointer d);

        void mj_forward(Pointer m, Pointer d);

        void mj_resetData(Pointer m, Pointer d);

        void mj_deleteData(Pointer d);

        void mj_deleteModel(Pointer m);

        int mj_name2id(Pointer m, int type, String name);

        String mj_id2name(Pointer m, int type, int id);

        void mj_printData(Pointer m, Pointer d, String filename);
    }

    /** mjtObj values (mjmodel.h). */
    static final int OBJ_BODY = 1;
    static final int OBJ_JOINT = 3;
    static final int OBJ_ACTUATOR = 18;

    /** The libraries loaded, by configured name (one in practice; tests name a missing one). */
    private static final java.util.Map<String, MuJoCo> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    final Lib lib;
    private final int version;
    private final String origin;

    private MuJoCo(Lib lib, int version, String origin) {
        this.lib = lib;
        this.version = version;
        this.origin = origin;
    }

    /** Why the configured library cannot be loaded, or null when it can (tests skip with it). */
    public static String missing() {
        try {
            get();
            return null;
        } catch (MuJoCoException | UnsatisfiedLinkError e) {
            return e.getMessage();
        }
    }

    /** The configured library, loaded on first use. */
    public static MuJoCo get() {
        return LOADED.computeIfAbsent(configuredLibrary(), MuJoCo::load);
    }

    /** The library named by the property or environment variable, or "mujoco" (searched on the system path). */
    static String configuredLibrary() {
        String p = System.getProperty(LIBRARY_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(LIBRARY_ENV);
        }
        return p == null || p.isBlank() ? "mujoco" : p;
    }

    /** Loads {@code name} (a library name or a file), checking its version. */
    static MuJoCo load(String name) {
        NativeLibrary nl;
        try {
            nl = NativeLibrary.getInstance(name);
        } catch (UnsatisfiedLinkError e) {
            String where = name.contains("/") ? "the file " + name + " (from " + LIBRARY_PROPERTY + " or " + LIBRARY_ENV + ")"
                    : "libmujoco.so on the library path";
            String why = name.contains("/") && !Files.exists(Path.of(name)) ? "no such file"
                    : firstLine(e.getMessage()).replaceAll("[:\\s]+$", "");
            throw new MuJoCoException("MuJoCo is missing: cannot load " + where + ": " + why + "; " + INSTALL);
        }
        Lib lib = Native.load(name, Lib.class);
        int v = lib.mj_version();
        if (v != SUPPORTED_VERSION) {
            throw new MuJoCoException("MuJoCo " + versionString(v) + " at " + nl.getFile() + " is not the supported "
                    + versionString(SUPPORTED_VERSION) + " (Doka reads mjModel/mjData fields at that version's offsets); "
                    + INSTALL);
        }
        return new MuJoCo(lib, v, origin(nl.getFile()));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n")[0];
    }

    static String versionString(int v) {
        return String.format(Locale.ROOT, "%d.%d.%d", v / 100, v / 10 % 10, v % 10);
    }

    /**
     * The library file the process mapped (from /proc/self/maps: JNA only knows the name it was
     * given), and the Debian package that installed it when dpkg knows the file.
     */
    private static String origin(File given) {
        String path = given == null ? "unknown" : given.getAbsolutePath();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.substring(slash).contains("libmujoco")) {
                    path = line.substring(slash).trim();
                    break;
                }
            }
            Path real = Path.of(path).toRealPath();
            try (var lists = Files.newDirectoryStream(Path.of("/var/lib/dpkg/info"), "libmujoco*.list")) {
                for (Path list : lists) {
                    if (Files.readAllLines(list).contains(real.toString())) {
                        String pkg = list.getFileName().toString().replaceFirst("\\.list$", "");
                        return real + " (Debian package " + pkg + ")";
                    }
                }
            }
            return real.toString();
        } catch (IOException e) {
            return path;
        }
    }

    /** {@code mj_version()} as "2.2.2". */
    public String version() {
        return versionString(version);
    }

    /** Where the library came from: its file and, when dpkg knows it, the Debian package. */
    public String origin() {
        return origin;
    }
}
