package doka.observation.statistics;

/**
 * A time window of a run, {@code [startMs, endMs)}: the rest or the stimulus of a protocol.
 */
public record Window(double startMs, double endMs) {
    public Window {
        if (!(Double.isFinite(startMs) && Double.isFinite(endMs) && endMs > startMs)) {
            throw new IllegalArgumentException("a window needs finite start < end, got [" + startMs + ", " + endMs + ") ms");
        }
    }

    public double durationMs() {
        return endMs - startMs;
    }

    public boolean contains(double tMs) {
        return tMs >= startMs && tMs < endMs;
    }

    /** Whole bins of {@code binMs} in the window. */
    public int bins(double binMs) {
        return (int) Math.floor(durationMs() / binMs + 1e-9);
    }
}
