package doka.launcher.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A world of separate JVM processes on niodev, as on a cluster. */
class TestProcessWorld {
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    @Test
    void twoJvmsSplitIntoMembersAndRunCollectives() {
        List<String> lines = new ProcessWorld(2, Duration.ofMinutes(2), JVM).run(WorldSplitCheck.class.getName(), "1");
        assertEquals(2, lines.size());
        assertEquals("world rank 0 -> member 0 rank 0: allreduce 0, bcast 1000: ok", lines.get(0));
        assertEquals("world rank 1 -> member 1 rank 0: allreduce 1, bcast 1001: ok", lines.get(1));
    }

    @Test
    void fourJvmsInTwoMembersOfTwo() {
        List<String> lines = new ProcessWorld(4, Duration.ofMinutes(2), JVM).run(WorldSplitCheck.class.getName(), "2");
        for (String line : lines) {
            assertTrue(line.endsWith(": ok"), line);
        }
        assertTrue(lines.get(3).startsWith("world rank 3 -> member 1 rank 1: allreduce 5"), lines.get(3));
    }

    @Test
    void aFailingProcessIsNamedWithItsErrorOutput() {
        var e = assertThrows(MulticoreWorld.RankFailedException.class,
                () -> new ProcessWorld(2, Duration.ofMinutes(1), JVM).run(TestMulticoreWorld.FailOnRankOne.class.getName()));
        assertTrue(e.getMessage().contains("rank 1 of 2"), e.getMessage());
        assertTrue(e.getMessage().contains("boom on rank 1"), e.getMessage());
    }
}
