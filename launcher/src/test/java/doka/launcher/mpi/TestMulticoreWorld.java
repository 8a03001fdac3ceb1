package doka.launcher.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class TestMulticoreWorld {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void fourRanksSplitByColourRunCollectivesInsideEachCommunicator() {
        List<Object> results = new MulticoreWorld(4, TIMEOUT).run(SplitCollectivesProgram.class.getName());
        assertEquals(4, results.size());
        for (int worldRank = 0; worldRank < 4; worldRank++) {
            Object[] r = (Object[]) results.get(worldRank);
            int colour = worldRank % 2;
            assertEquals(worldRank, r[0]);
            assertEquals(4, r[1]);
            assertEquals(colour, r[2]);
            assertEquals(worldRank / 2, r[3], "rank in colour follows the world-rank key");
            assertEquals(2, r[4]);
            // colour 0 holds world ranks 0 and 2, colour 1 holds 1 and 3
            double expectedSum = (colour + 0.5) + (colour + 2 + 0.5);
            assertEquals(expectedSum, (double) r[5], 0.0);
            if (worldRank / 2 == 0) {
                assertArrayEquals(new int[] {colour, colour + 2}, (int[]) r[6]);
            } else {
                assertNull(r[6]);
            }
            assertEquals(1000L + colour, r[7], "Bcast carries the colour root's value");
        }
    }

    @Test
    void worldsCanRunOneAfterAnotherInOneJvm() {
        List<Object> first = new MulticoreWorld(2, TIMEOUT).run(SplitCollectivesProgram.class.getName());
        List<Object> second = new MulticoreWorld(3, TIMEOUT).run(SplitCollectivesProgram.class.getName());
        assertEquals(2, first.size());
        assertEquals(3, second.size());
        assertEquals(3, ((Object[]) second.get(2))[1]);
    }

    @Test
    void aFailingRankIsNamed() {
        MulticoreWorld.RankFailedException e = assertThrows(MulticoreWorld.RankFailedException.class,
                () -> new MulticoreWorld(2, TIMEOUT).run(FailOnRankOne.class.getName()));
        assertTrue(e.getMessage().contains("rank 1 of 2"), e.getMessage());
        assertTrue(e.getMessage().contains("boom on rank 1"), e.getMessage());
    }

    /** Rank program that fails on world rank 1 before any communication. */
    public static final class FailOnRankOne implements Function<String[], Object> {
        @Override
        public Object apply(String[] args) {
            if (mpi.MPI.COMM_WORLD.Rank() == 1) {
                throw new IllegalStateException("boom on rank 1");
            }
            return null;
        }
    }
}
