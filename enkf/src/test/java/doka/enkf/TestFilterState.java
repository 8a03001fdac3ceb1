package doka.enkf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestFilterState {
    @Test
    void randomizedBinaryRoundTrips() {
        FilterRandom random = new FilterRandom(1);
        for (int i = 0; i < 1000; i++) {
            FilterRandom r = new FilterRandom(random.nextLong());
            if (random.nextDouble() < 0.5) {
                r.nextGaussian(); // leaves a spare deviate in the state
            }
            FilterState s = new FilterState(random.nextLong() >>> 1, 1 + random.nextDouble(), r.state());
            assertEquals(s, FilterState.fromBytes(s.toBytes()));
        }
    }

    @Test
    void restoredRandomStreamContinuesIdentically() {
        FilterRandom a = new FilterRandom(99);
        a.nextGaussian();
        FilterRandom b = new FilterRandom(FilterState.fromBytes(new FilterState(3, 1, a.state()).toBytes()).random());
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextGaussian(), b.nextGaussian());
        }
    }

    @Test
    void rejectsForeignOrTruncatedBytes() {
        byte[] good = FilterState.initial(1).toBytes();
        byte[] bad = good.clone();
        bad[0] ^= 1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FilterState.fromBytes(bad)).getMessage()
                .contains("magic"));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        assertThrows(IllegalArgumentException.class, () -> FilterState.fromBytes(truncated));
        byte[] newer = good.clone();
        newer[7] = 2;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FilterState.fromBytes(newer)).getMessage()
                .contains("version"));
        assertArrayEquals(good, FilterState.fromBytes(good).toBytes());
    }
}
