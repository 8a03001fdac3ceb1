package doka.launcher.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import doka.launcher.EnsembleRunner;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MPJ Express's native device over Debian's Open MPI: a world under {@code mpiexec}, as on Fugaku with
 * Fujitsu MPI. Needs Open MPI and {@code libnativempjdev}, which {@code ./doka test} installs and builds;
 * skipped, saying so, where they cannot be had.
 */
class TestNativeWorld {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    @BeforeAll
    static void nativeDevice() {
        String unavailable = NativeWorld.unavailable();
        assumeTrue(unavailable == null, "skipped: the native device cannot start here (./doka test installs Open MPI and"
                + " builds libnativempjdev where apt-get may be used): " + unavailable);
    }

    @Test
    void fourRanksInTwoMembersOfTwo() {
        List<String> lines = new NativeWorld(4, Duration.ofMinutes(2), JVM).run(WorldSplitCheck.class.getName(), "2");
        assertEquals(4, lines.size());
        assertEquals("world rank 0 -> member 0 rank 0: allreduce 1, bcast 1000: ok", lines.get(0));
        assertEquals("world rank 3 -> member 1 rank 1: allreduce 5, bcast 1001: ok", lines.get(3));
    }

    @Test
    void aFailingRankIsNamedWithItsError() {
        var e = assertThrows(MulticoreWorld.RankFailedException.class,
                () -> new NativeWorld(2, Duration.ofMinutes(1), JVM).run(TestMulticoreWorld.FailOnRankOne.class.getName()));
        assertTrue(e.getMessage().contains("rank 1 of 2"), e.getMessage());
        assertTrue(e.getMessage().contains("boom on rank 1"), e.getMessage());
    }

    /** A rank's process killed (a lost node): the world ends, and the message names the rank first. */
    @Test
    void aLostRankIsNamed() {
        var e = assertThrows(MulticoreWorld.RankFailedException.class,
                () -> new NativeWorld(2, Duration.ofMinutes(1), JVM).run(KilledOnRankOne.class.getName()));
        assertTrue(e.getMessage().startsWith("rank 1 of 2") && e.getMessage().contains("was lost: exited on signal 9"),
                e.getMessage());
        assertTrue(e.getMessage().contains("continue with ./doka resume"), e.getMessage());
    }

    /** Rank 1 kills its own JVM with SIGKILL; rank 0 waits for it in a barrier that never completes. */
    public static final class KilledOnRankOne implements java.util.function.Function<String[], Object> {
        @Override
        public Object apply(String[] args) {
            if (mpi.MPI.COMM_WORLD.Rank() == 1) {
                try {
                    new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            mpi.MPI.COMM_WORLD.Barrier();
            return null;
        }
    }

    /** {@code ./doka run ensembles/lorenz96-etkf.json --device native} writes the multicore device's files byte for byte. */
    @Test
    void lorenz96EtkfGivesTheMulticoreOutputsByteForByte(@TempDir Path dir) throws Exception {
        assertSameOutputsOnBothDevices(ROOT.resolve("ensembles/lorenz96-etkf.json"), dir);
    }

    /**
     * Tasks of unequal member counts (8 members, 3 per task: 3, 3 and 2) gather and scatter by
     * {@code Gatherv}/{@code Scatterv}, which MPJ runs as point-to-point messages through the native receive that
     * corrupted rank heaps before Doka's patch (launcher/src/main/native/natmpjdev.patch).
     */
    @Test
    void unequalTasksGatherAndScatterByteForByte(@TempDir Path dir) throws Exception {
        ObjectNode c = derived("ensembles/lorenz96-etkf.json");
        c.put("members", 8).put("membersPerRank", 3);
        ((ObjectNode) c.get("windows")).put("count", 100);
        assertSameOutputsOnBothDevices(write(c, dir.resolve("lorenz96-unequal.json")), dir);
    }

    /**
     * {@code ensembles/workstation-4.json} made small, 2 cortex members each split over 2 ranks: a member's ranks
     * exchange spikes point to point and sum rates with {@code Allreduce} over the native device.
     */
    @Test
    void membersSplitOverTwoRanksGiveTheMulticoreOutputsByteForByte(@TempDir Path dir) throws Exception {
        ObjectNode c = derived("ensembles/workstation-4.json");
        c.put("members", 2).put("ranksPerMember", 2);
        ObjectNode model = (ObjectNode) c.get("model");
        model.put("file", ROOT.resolve("ensembles").resolve(model.get("file").asText()).toString()).put("densityScale", 0.001);
        ((ObjectNode) c.get("observations")).put("binMs", 125);
        c.putObject("windows").put("lengthMs", 250).put("count", 2).put("warmupMs", 50);
        c.putObject("checkpoint").put("everyWindows", 1).put("keep", 2);
        assertSameOutputsOnBothDevices(write(c, dir.resolve("workstation-split.json")), dir);
    }

    private static ObjectNode derived(String shipped) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(ROOT.resolve(shipped).toFile());
    }

    private static Path write(ObjectNode config, Path file) throws Exception {
        new ObjectMapper().writeValue(file.toFile(), config);
        return file;
    }

    /** Runs {@code config} on the multicore and the native device: the same files, byte for byte, but for wall times. */
    private static void assertSameOutputsOnBothDevices(Path config, Path dir) throws Exception {
        Path multicore = dir.resolve("multicore");
        Path nativeRun = dir.resolve("native");
        String summaryMulticore = EnsembleRunner.run(EnsembleRunner.prepare(config, multicore, true), multicore,
                EnsembleRunner.Device.MULTICORE);
        EnsembleRunner.run(EnsembleRunner.prepare(config, nativeRun, true), nativeRun, EnsembleRunner.Device.NATIVE);
        List<String> files;
        try (Stream<Path> s = Files.list(multicore)) {
            files = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList();
        }
        assertTrue(files.containsAll(List.of("config.json", "diagnostics.csv", "observations.csv", "parameters.csv",
                "summary.json", "log.txt")), files.toString());
        for (String name : files) {
            switch (name) {
                // wall-clock times: the rest of the summary must agree
                case "summary.json" -> assertEquals(withoutTimes(summaryMulticore), withoutTimes(Files.readString(nativeRun.resolve(name))));
                case "log.txt" -> assertEquals(Files.readAllLines(multicore.resolve(name)).size(),
                        Files.readAllLines(nativeRun.resolve(name)).size());
                // rendered from these files and the wall times
                case "report.html" -> assertTrue(Files.exists(nativeRun.resolve(name)));
                default -> assertArrayEquals(Files.readAllBytes(multicore.resolve(name)),
                        Files.readAllBytes(nativeRun.resolve(name)), name + " differs between the devices");
            }
        }
    }

    /** The summary without its times and without the layout each device chooses (multicore shares ranks; native does not). */
    private static String withoutTimes(String summary) throws Exception {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(summary);
        node.remove(List.of("wall_s", "overhead_fraction", "timing_s", "members_per_rank"));
        if (node.get("checkpoint") instanceof ObjectNode checkpoint) {
            checkpoint.remove("seconds");
        }
        return node.toString();
    }
}
