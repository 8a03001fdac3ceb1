package doka.launcher.checkpoint;

import doka.launcher.config.EnsembleConfig;

/**
 * When to checkpoint: every {@code everyWindows} windows (counted from the start of the run, so a
 * resumed run checkpoints at the same boundaries), when {@code everyMinutes} of wall time passed
 * since the last checkpoint (or since this process started), after the last window when
 * checkpoints are enabled at all (so that a finished run can be extended), and on a stop request.
 */
public final class CheckpointPolicy {
    private final int everyWindows;
    private final long everyNanos;
    private final int windows;
    private long lastNanos;

    public CheckpointPolicy(EnsembleConfig config, long startNanos) {
        EnsembleConfig.Checkpoint c = config.checkpoint();
        this.everyWindows = c.everyWindows();
        this.everyNanos = (long) (c.everyMinutes() * 60e9);
        this.windows = config.windows().count();
        this.lastNanos = startNanos;
    }

    /** Whether to checkpoint after {@code windowsDone} windows, at wall time {@code nowNanos}. */
    public boolean due(int windowsDone, long nowNanos, boolean stopRequested) {
        boolean enabled = everyWindows > 0 || everyNanos > 0;
        return stopRequested
                || (everyWindows > 0 && windowsDone % everyWindows == 0)
                || (everyNanos > 0 && nowNanos - lastNanos >= everyNanos)
                || (enabled && windowsDone == windows);
    }

    /** Records a checkpoint written at {@code nowNanos}. */
    public void written(long nowNanos) {
        lastNanos = nowNanos;
    }
}
