package doka.launcher.checkpoint;

/**
 * A checkpoint that cannot be used: missing, truncated, corrupted, of another format version or
 * another run. The message names the file and what was expected.
 */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
