package doka.launcher.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;

/** When a checkpoint is due: by window count, by wall time since the last one, at the end, on a stop request. */
class TestCheckpointPolicy {
    private static final long MINUTE = 60_000_000_000L;

    private static EnsembleConfig config(int everyWindows, double everyMinutes) {
        return ConfigReader.parse("test", """
                {"name": "p", "members": 2, "model": {"kind": "lorenz96"}, "observations": {},
                 "windows": {"count": 20}, "checkpoint": {"everyWindows": %d, "everyMinutes": %s}}
                """.formatted(everyWindows, everyMinutes));
    }

    @Test
    void everyKWindowsCountedFromTheStartAndAtTheEnd() {
        CheckpointPolicy p = new CheckpointPolicy(config(5, 0), 0);
        assertFalse(p.due(4, 0, false));
        assertTrue(p.due(5, 0, false));
        assertFalse(p.due(6, 0, false));
        assertTrue(p.due(10, 0, false));
        assertTrue(p.due(20, 0, false));
    }

    @Test
    void everyTMinutesOfWallTimeSinceTheLastCheckpoint() {
        CheckpointPolicy p = new CheckpointPolicy(config(0, 2), 0);
        assertFalse(p.due(3, 2 * MINUTE - 1, false));
        assertTrue(p.due(3, 2 * MINUTE, false));
        p.written(2 * MINUTE);
        assertFalse(p.due(4, 3 * MINUTE, false));
        assertTrue(p.due(4, 4 * MINUTE, false));
    }

    @Test
    void offMeansOnlyOnAStopRequestNotEvenAtTheEnd() {
        CheckpointPolicy p = new CheckpointPolicy(config(0, 0), 0);
        assertFalse(p.due(5, 100 * MINUTE, false));
        assertFalse(p.due(20, 100 * MINUTE, false));
        assertTrue(p.due(7, 0, true));
    }
}
