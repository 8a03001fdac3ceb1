package doka.launcher.mpi;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads the classes of chosen packages itself (child first), from the bytes its parent can see,
 * and delegates every other class to its parent.
 *
 * <p>MPJ Express keeps a process's MPI state in static fields. Its multicore device therefore
 * runs each rank with its own copy of the {@code mpi} and {@code mpjdev} classes (and of the
 * classes that link to them), while the device classes ({@code xdev}, {@code mpjbuf}) are shared by
 * the ranks of one world and fresh for every world.
 */
final class IsolatingClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final String[] isolated;
    private final String[] delegated;

    /**
     * @param isolated  name prefixes of the classes this loader defines itself
     * @param delegated name prefixes, within those, still left to the parent
     */
    IsolatingClassLoader(String name, ClassLoader parent, String[] isolated, String[] delegated) {
        super(name, parent);
        this.isolated = isolated.clone();
        this.delegated = delegated.clone();
    }

    private boolean isolated(String className) {
        return startsWithAny(className, isolated) && !startsWithAny(className, delegated);
    }

    private static boolean startsWithAny(String className, String[] prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!isolated(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name + " (no " + resource + " on the class path)");
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
