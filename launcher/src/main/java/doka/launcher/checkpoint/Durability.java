package doka.launcher.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fsync of a checkpoint's files in one batch instead of one after each write: a file system commits its
 * journal once for fsyncs that are in flight together, so {@code n} files synced in parallel cost about one
 * sync, where {@code n} in a row cost {@code n} (measured in docs/scaling.md). {@link CheckpointFile#write}
 * leaves its file {@linkplain #pending pending}; what is pending in this process is synced before a digest
 * leaves it ({@link FileDigest#toLongs}, a member's file on another node) and before a manifest is written
 * ({@link Manifest#writeAtomically}, which also syncs every file it lists): files, then directory, manifest last.
 */
final class Durability {
    /** At most this many fsyncs in flight: enough for a journal to group them. */
    private static final int PARALLEL = 16;
    private static final Set<Path> PENDING = new LinkedHashSet<>();

    private Durability() {
    }

    /** A file written and closed, not yet synced. */
    static void pending(Path file) {
        synchronized (PENDING) {
            PENDING.add(file.toAbsolutePath());
        }
    }

    /** Syncs every file left pending in this process. */
    static void syncPending() {
        List<Path> files;
        synchronized (PENDING) {
            files = List.copyOf(PENDING);
            PENDING.clear();
        }
        sync(files, false);
    }

    /** Syncs {@code files} (data and size: fdatasync), in parallel, and forgets them as pending. */
    static void sync(Collection<Path> files) {
        sync(files, true);
    }

    /** The same; a file gone since it was written (its checkpoint deleted) is an error only when {@code mustExist}. */
    private static void sync(Collection<Path> files, boolean mustExist) {
        synchronized (PENDING) {
            files.forEach(f -> PENDING.remove(f.toAbsolutePath()));
        }
        if (files.size() <= 1) {
            files.forEach(f -> sync(f, mustExist));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, files.size()), r -> {
            Thread t = new Thread(r, "checkpoint-fsync");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Path f : files) {
                done.add(pool.submit(() -> sync(f, mustExist)));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointException("interrupted while syncing the checkpoint's files", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private static void sync(Path file, boolean mustExist) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(false);
        } catch (java.nio.file.NoSuchFileException e) {
            if (mustExist) {
                throw new CheckpointException(file + ": missing when the checkpoint was to be synced", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the checkpoint file " + file, e);
        }
    }
}
