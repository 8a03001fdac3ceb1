package doka.launcher.checkpoint;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a checkpoint file says about itself before its payload, in the style of Lucene's
 * {@code CodecUtil} index header: which format (name and version) and whose data (the run's
 * experiment id, the member, the window boundary), so that a file of another run, member or
 * window is refused instead of silently restored.
 *
 * @param format       format name, e.g. {@value CheckpointFile#MEMBER_FORMAT}
 * @param version      format version
 * @param experimentId 16 bytes identifying the run (the start of its configuration fingerprint)
 * @param member       member index, or {@link #NO_MEMBER} for the filter's file
 * @param windowsDone  windows completed at this checkpoint
 */
public record FileHeader(String format, int version, byte[] experimentId, int member, int windowsDone) {
    public static final int NO_MEMBER = -1;
    static final int ID_LENGTH = 16;

    public FileHeader {
        if (experimentId.length != ID_LENGTH) {
            throw new IllegalArgumentException("experiment id must have " + ID_LENGTH + " bytes, got " + experimentId.length);
        }
        experimentId = experimentId.clone();
    }

    @Override
    public byte[] experimentId() {
        return experimentId.clone();
    }

    String experimentHex() {
        return HexFormat.of().formatHex(experimentId);
    }

    boolean sameExperiment(FileHeader other) {
        return Arrays.equals(experimentId, other.experimentId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileHeader h && format.equals(h.format) && version == h.version
                && Arrays.equals(experimentId, h.experimentId) && member == h.member && windowsDone == h.windowsDone;
    }

    @Override
    public int hashCode() {
        return (format.hashCode() * 31 + version) * 31 + Arrays.hashCode(experimentId) + member * 7 + windowsDone;
    }

    @Override
    public String toString() {
        return format + " v" + version + " experiment " + experimentHex() + " member " + member + " window "
                + windowsDone;
    }
}
