package doka.launcher.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import doka.engine.kernel.StateIo;

/**
 * Checkpoint writes against the disk: {@code CheckpointSpeed <folder> [files] [total-MB] [writers] [rounds]} writes a
 * checkpoint of {@code files} state files (default 102, 31.5 MB in all, as 100 cortex members and the
 * filter) with {@code writers} threads (default 2), each file as a member writes its state (an array of
 * doubles through the engine's {@code StateIo} and {@link CheckpointFile#write}), then the manifest (files
 * synced, directory, manifest); and, just before it in the same folder,
 * {@code dd if=/dev/zero bs=1M count=<total> conv=fsync}. Prints both speeds and their ratio for each of
 * {@code rounds} rounds (default 9), then the median ratio of the rounds after the first (which runs cold code,
 * as a run's first checkpoint does).
 */
public final class CheckpointSpeed {
    private static final Pattern DD_SPEED = Pattern.compile("copied, ([0-9.,]+) s");

    private CheckpointSpeed() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : ".");
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 102;
        double totalMb = args.length > 2 ? Double.parseDouble(args[2]) : 31.5;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 9;
        long bytes = (long) (totalMb * 1e6);
        List<Double> warm = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double ddMbS = dd(folder, (int) Math.ceil(bytes / 1048576.0));
            double cpMbS = checkpoint(folder, files, bytes, writers);
            System.out.printf(Locale.ROOT, "round %d: dd conv=fsync %.1f MB/s; checkpoint (%d files, %.1f MB, %d writers)"
                    + " %.1f MB/s; ratio %.2f%n", round, ddMbS, files, bytes / 1e6, writers, cpMbS, cpMbS / ddMbS);
            if (round > 1) {
                warm.add(cpMbS / ddMbS);
            }
        }
        if (!warm.isEmpty()) {
            warm.sort(null);
            int n = warm.size();
            double median = n % 2 == 1 ? warm.get(n / 2) : (warm.get(n / 2 - 1) + warm.get(n / 2)) / 2;
            System.out.printf(Locale.ROOT, "median ratio of rounds 2-%d: %.2f (range %.2f-%.2f)%n", rounds, median,
                    warm.get(0), warm.get(n - 1));
        }
    }

    /** MB/s of dd writing {@code mib} MiB with a final fsync. */
    static double dd(Path folder, int mib) throws IOException, InterruptedException {
        Path target = folder.resolve("dd-speed.tmp");
        Process p = new ProcessBuilder("dd", "if=/dev/zero", "of=" + target, "bs=1M", "count=" + mib, "conv=fsync")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Files.deleteIfExists(target);
        Matcher m = DD_SPEED.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cannot read dd's speed from: " + out);
        }
        return mib * 1048576.0 / 1e6 / Double.parseDouble(m.group(1).replace(',', '.'));
    }

    /** MB/s of one checkpoint: every file written by {@code writers} threads, then the manifest. */
    static double checkpoint(Path folder, int files, long bytes, int writers) throws Exception {
        CheckpointStore store = new CheckpointStore(folder.resolve("checkpoint-speed"));
        Path dir = store.prepare(1);
        int doublesPerFile = (int) (bytes / files / Double.BYTES);
        byte[] id = new byte[FileHeader.ID_LENGTH];
        double[][] states = new double[files][doublesPerFile];
        for (int f = 0; f < files; f++) {
            for (int i = 0; i < doublesPerFile; i++) {
                states[f][i] = f + i * 1e-3;
            }
        }
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<FileDigest>> written = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            int member = f;
            double[] state = states[f];
            written.add(pool.submit(() -> CheckpointFile.write(dir.resolve(CheckpointStore.memberFile(member)),
                    new FileHeader(CheckpointFile.MEMBER_FORMAT, CheckpointFile.VERSION, id, member, 1),
                    out -> StateIo.writeDoubles(out, state))));
        }
        List<FileDigest> digests = new ArrayList<>();
        for (Future<FileDigest> w : written) {
            digests.add(w.get());
        }
        pool.shutdown();
        new Manifest(Manifest.FORMAT, Manifest.VERSION, 1, files, 1, "00", "-", "-", "-", 0, java.util.Map.of(), List.of(),
                digests).writeAtomically(dir);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        long total = digests.stream().mapToLong(FileDigest::size).sum();
        CheckpointStore.deleteTree(store.root());
        return total / 1e6 / seconds;
    }
}
