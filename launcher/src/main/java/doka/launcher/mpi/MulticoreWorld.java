package doka.launcher.mpi;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Runs an MPI world of {@code n} ranks as threads of this JVM on MPJ Express's multicore device
 * ({@code smpdev}), as MPJ's own {@code MulticoreStarter} does, without its launcher scripts.
 *
 * <p>A rank program is a class with a public no-argument constructor that implements
 * {@code Function<String[], Object>}. Every rank gets a fresh instance loaded by its own class
 * loader; {@code MPI.Init} has run before {@code apply} and {@code MPI.Finalize} runs after it.
 * Since the ranks have their own copies of every {@code doka.*} class, results cross back only as
 * JDK types (numbers, arrays, strings, collections).
 */
public final class MulticoreWorld {
    /**
     * Classes each rank loads for itself: MPI state lives in their static fields, and the launcher's classes
     * link to them. The engine, the filter and the observations know no MPI and hold no static state, so the
     * ranks share them: loaded and JIT-compiled once, not once per rank.
     */
    private static final String[] RANK_CLASSES = {"mpi.", "mpjdev.", "doka.launcher."};
    /**
     * Classes shared by the ranks of one world, fresh for each world: the device, its buffers, and
     * the few MPI classes that the device's own signatures name.
     */
    private static final String[] WORLD_CLASSES = {"xdev.", "mpjbuf.", "mpjdev.Request", "mpjdev.Status",
        "mpjdev.CompletionHandler", "mpjdev.Constants", "mpjdev.MPJDevException", "mpjdev.MPJException",
        "mpi.ProcTree", "mpi.MPIException"};
    private static final String[] NONE = {};

    private final int size;
    private final Duration timeout;

    /**
     * @param size    number of ranks, at least 1
     * @param timeout how long the whole world may run before it is abandoned as hung
     */
    public MulticoreWorld(int size, Duration timeout) {
        if (size < 1) {
            throw new IllegalArgumentException("an MPI world needs at least 1 rank, got " + size);
        }
        this.size = size;
        this.timeout = timeout;
    }

    /**
     * Runs {@code programClass} on every rank and returns each rank's result, indexed by world rank.
     *
     * @throws RankFailedException when a rank throws, naming the rank; or when the world does not
     *                             finish within the timeout
     */
    public List<Object> run(String programClass, String... args) {
        MpjHome.require();
        ClassLoader app = MulticoreWorld.class.getClassLoader();
        ClassLoader world = new IsolatingClassLoader("mpj-world", app, WORLD_CLASSES, NONE);
        String[] rankClasses = withPluginPackages(app);
        AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(size);
        AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(size);
        CountDownLatch done = new CountDownLatch(size);
        List<Thread> threads = new ArrayList<>(size);
        for (int rank = 0; rank < size; rank++) {
            ThreadGroup process = newSmpProcess(world, "mpj-rank-" + rank);
            ClassLoader loader = new IsolatingClassLoader("mpj-rank-" + rank, world, rankClasses, WORLD_CLASSES);
            int r = rank;
            Thread t = new Thread(process, () -> {
                try {
                    results.set(r, runRank(loader, r, programClass, args));
                } catch (Throwable e) {
                    failures.set(r, e);
                } finally {
                    done.countDown();
                }
            }, "mpj-rank-" + rank);
            t.setContextClassLoader(loader);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!done.await(50, TimeUnit.MILLISECONDS)) {
                if (firstFailure(failures) >= 0 || System.nanoTime() > deadline) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.forEach(Thread::interrupt);
            throw new RankFailedException("interrupted while waiting for the " + size + "-rank world", e);
        }
        int failed = firstFailure(failures);
        if (failed >= 0 || done.getCount() > 0) {
            // Ranks blocked in a collective that will never complete: wake them so they end.
            threads.forEach(Thread::interrupt);
            if (failed >= 0) {
                Throwable cause = failures.get(failed);
                throw new RankFailedException("rank " + failed + " of " + size + " failed in " + programClass
                        + ": " + cause, cause);
            }
            throw new RankFailedException("the " + size + "-rank world running " + programClass
                    + " did not finish within " + timeout, null);
        }
        Object[] out = new Object[size];
        for (int rank = 0; rank < size; rank++) {
            out[rank] = results.get(rank);
        }
        return Arrays.asList(out);
    }

    private static int firstFailure(AtomicReferenceArray<Throwable> failures) {
        for (int i = 0; i < failures.length(); i++) {
            if (failures.get(i) != null) {
                return i;
            }
        }
        return -1;
    }

    private static ThreadGroup newSmpProcess(ClassLoader world, String name) {
        try {
            Class<?> smp = Class.forName("xdev.smpdev.SMPDevProcess", true, world);
            return (ThreadGroup) smp.getConstructor(String.class).newInstance(name);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("MPJ Express's multicore device (smpdev) is not on the class path:"
                    + " install Debian's libmpj-java (./doka does it) and build again", e);
        }
    }

    @SuppressWarnings("unchecked")
    /**
     * {@link #RANK_CLASSES} and the packages of the member plug-ins on the class path: a plug-in implements
     * a rank's own {@code doka} interfaces, so each rank must load it too.
     */
    private static String[] withPluginPackages(ClassLoader app) {
        java.util.Set<String> prefixes = new java.util.LinkedHashSet<>(List.of(RANK_CLASSES));
        try {
            for (java.net.URL url : java.util.Collections.list(app.getResources("META-INF/services/doka.launcher.plugin.MemberPlugin"))) {
                try (var in = url.openStream()) {
                    for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                        String name = line.replaceAll("#.*", "").trim();
                        if (name.lastIndexOf('.') > 0) {
                            prefixes.add(name.substring(0, name.lastIndexOf('.') + 1));
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the member plug-ins' service files", e);
        }
        return prefixes.toArray(String[]::new);
    }

    private Object runRank(ClassLoader loader, int rank, String programClass, String[] args) throws Throwable {
        Class<?> mpi = Class.forName("mpi.MPI", true, loader);
        Method init = mpi.getMethod("Init", String[].class);
        Method finish = mpi.getMethod("Finalize");
        Class<?> program = Class.forName(programClass, true, loader);
        if (!Function.class.isAssignableFrom(program)) {
            throw new IllegalArgumentException(programClass + " must implement java.util.function.Function<String[], Object>");
        }
        Constructor<?> constructor = program.getConstructor();
        try {
            init.invoke(null, (Object) new String[] {Integer.toString(rank), Integer.toString(size), "smpdev"});
            Object result = ((Function<String[], Object>) constructor.newInstance()).apply(args.clone());
            finish.invoke(null);
            return result;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A rank of a multicore world failed or the world hung. */
    public static final class RankFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RankFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
