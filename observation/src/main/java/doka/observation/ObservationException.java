package doka.observation;

import java.nio.file.Path;

/**
 * Bad input: names the file, the line or HDF5 path, and what was expected. Readers throw it before
 * returning anything, so a caller never holds a half-loaded recording.
 */
public final class ObservationException extends RuntimeException {
    public ObservationException(String message) {
        super(message);
    }

    public ObservationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code file:line: problem}, the form compilers use, so editors can jump to it. */
    public static ObservationException atLine(Path file, int line, String problem) {
        return new ObservationException(file + ":" + line + ": " + problem);
    }

    /** {@code file [hdf5Path]: problem}. */
    public static ObservationException atPath(Path file, String hdf5Path, String problem) {
        return new ObservationException(file + " [" + hdf5Path + "]: " + problem);
    }
}
