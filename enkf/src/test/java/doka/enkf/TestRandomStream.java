package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The registry of stream ids. */
class TestRandomStream {
    @Test
    void everyPurposeHasItsOwnStream() {
        Set<Long> ids = new HashSet<>();
        Set<Long> seeds = new HashSet<>();
        for (RandomStream s : RandomStream.values()) {
            assertEquals(true, ids.add(s.id()), s + " shares id " + s.id());
            assertEquals(true, seeds.add(s.seed(7)), s + " shares its seed");
        }
    }

    @Test
    void idsAreTheOnesEarlierRunsUsed() {
        // Renumbering a stream changes every result drawn from it (and breaks resuming old checkpoints).
        Map<RandomStream, Long> used = Map.of(RandomStream.TRUTH, 1L, RandomStream.OBSERVATION, 2L,
                RandomStream.ENSEMBLE, 3L, RandomStream.FILTER, 4L, RandomStream.MEMBER_NETWORK, 11L,
                RandomStream.PRIOR, 12L, RandomStream.TRUTH_NOISE, 14L,
                RandomStream.CALIBRATION_RUN, 15L, RandomStream.REPLICATE, 16L, RandomStream.REPLACEMENT, 17L);
        assertEquals(used.size(), RandomStream.values().length, "a new stream needs its id recorded here");
        for (RandomStream s : RandomStream.values()) {
            assertEquals(used.get(s), s.id(), s.name());
            assertEquals(FilterRandom.derive(42, used.get(s)), s.seed(42), s.name());
        }
    }
}
