package doka.launcher.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fsync of a checkpoint's files, started as each file is closed and awaited in one batch, instead of one after
 * each write: a file system commits its journal once for fsyncs that are in flight together, so {@code n} files
 * synced in parallel cost about one sync, where {@code n} in a row cost {@code n}, and the syncs of the first files
 * run while the next ones are written (measured in docs/scaling.md). {@link CheckpointFile#write} leaves its file
 * {@linkplain #pending pending}; what is pending in this process is awaited before a digest leaves it
 * ({@link FileDigest#toLongs}, a member's file on another node) and before a manifest is written
 * ({@link Manifest#writeAtomically}, which also syncs every file it lists): files, then directory, manifest last.
 */
final class Durability {
    /** At most this many fsyncs in flight: enough for a journal to group them. */
    private static final int PARALLEL = 16;
    /** Files written and closed, with their fsync (started, perhaps done; false: the file was gone by then). */
    private static final Map<Path, Future<Boolean>> PENDING = new LinkedHashMap<>();
    private static final ThreadPoolExecutor SYNCS = new ThreadPoolExecutor(PARALLEL, PARALLEL, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "checkpoint-fsync");
                t.setDaemon(true);
                return t;
            });

    static {
        SYNCS.allowCoreThreadTimeOut(true);
    }

    private Durability() {
    }

    /** A file written and closed: its fsync starts now. */
    static void pending(Path file) {
        Path f = file.toAbsolutePath();
        Future<Boolean> sync = SYNCS.submit(() -> sync(f));
        synchronized (PENDING) {
            PENDING.put(f, sync);
        }
    }

    /** Waits until every file left pending in this process is synced. */
    static void syncPending() {
        List<Future<Boolean>> syncs;
        synchronized (PENDING) {
            syncs = new ArrayList<>(PENDING.values());
            PENDING.clear();
        }
        for (Future<Boolean> s : syncs) {
            await(s); // a file gone since it was written (its checkpoint deleted) needs no sync
        }
    }

    /**
     * Syncs {@code files} (data and size: fdatasync), in parallel; a file pending here is awaited, not synced again.
     * Each must exist.
     */
    static void sync(Collection<Path> files) {
        List<Path> paths = new ArrayList<>(files);
        List<Future<Boolean>> syncs = new ArrayList<>();
        synchronized (PENDING) {
            for (Path f : paths) {
                Future<Boolean> started = PENDING.remove(f.toAbsolutePath());
                syncs.add(started != null ? started : SYNCS.submit(() -> sync(f)));
            }
        }
        for (int i = 0; i < paths.size(); i++) {
            // a sync started at the file's close may have run before the file was deleted: check it is still there
            if (!await(syncs.get(i)) || !java.nio.file.Files.exists(paths.get(i))) {
                throw new CheckpointException(paths.get(i) + ": missing when the checkpoint was to be synced");
            }
        }
    }

    private static boolean await(Future<Boolean> sync) {
        try {
            return sync.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointException("interrupted while syncing the checkpoint's files", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Syncs one file; false when it does not exist. */
    private static boolean sync(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(false);
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the checkpoint file " + file, e);
        }
    }
}
