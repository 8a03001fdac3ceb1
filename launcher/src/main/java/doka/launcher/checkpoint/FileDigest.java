package doka.launcher.checkpoint;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Size and checksum of one file of a checkpoint, as the manifest lists it. Manifests of version 2 list a
 * CRC32C of the whole file (footer included, so it differs from the footer's own); version 1 listed CRC32 and
 * SHA-256 instead, which a resume still verifies ({@link #legacy}). The checksum that is not in a file's
 * manifest version is null and not written.
 *
 * @param name   file name inside the checkpoint directory
 * @param size   bytes
 * @param crc32c CRC32C of the whole file, hexadecimal (manifest version 2)
 * @param crc32  CRC32 of the whole file, hexadecimal (manifest version 1)
 * @param sha256 SHA-256 of the whole file, hexadecimal (manifest version 1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "size", "crc32c", "crc32", "sha256"})
public record FileDigest(String name, long size, String crc32c, String crc32, String sha256) {
    /** Longs per digest when members send theirs to the root: size and CRC32C. */
    public static final int LONGS = 2;

    /** A digest as this Doka writes it: size and CRC32C. */
    static FileDigest ofCrc32c(String name, long size, long crc32c) {
        return new FileDigest(name, size, Long.toHexString(crc32c), null, null);
    }

    /** Whether this digest is of manifest version 1 (CRC32 and SHA-256, no CRC32C). */
    public boolean legacy() {
        return crc32c == null;
    }

    /** Whether it holds the checksums its kind needs (a manifest with one missing is incomplete). */
    boolean complete() {
        return name != null && (legacy() ? crc32 != null && sha256 != null : crc32 == null && sha256 == null);
    }

    /** The checksums, for messages: "CRC32C …" or "CRC32 …, SHA-256 …". */
    public String checksums() {
        return legacy() ? "CRC32 " + crc32 + ", SHA-256 " + sha256 : "CRC32C " + crc32c;
    }

    /**
     * Packs the size and CRC32C of each of {@code digests} into {@link #LONGS} longs (the names are implied by the
     * sender), to send to the root: first the files this process wrote are made durable, in one batch, so that no
     * digest reaches a manifest ahead of its file's data (the root cannot sync a file that another node's cache holds).
     */
    public static long[] toLongs(List<FileDigest> digests) {
        Durability.syncPending();
        long[] out = new long[digests.size() * LONGS];
        for (int i = 0; i < digests.size(); i++) {
            FileDigest d = digests.get(i);
            if (d.legacy()) {
                throw new IllegalArgumentException(d.name() + ": a version-1 digest is never sent");
            }
            out[i * LONGS] = d.size;
            out[i * LONGS + 1] = Long.parseLong(d.crc32c, 16);
        }
        return out;
    }

    /** Unpacks one digest that {@link #toLongs} packed, from {@code longs[offset …]}. */
    public static FileDigest fromLongs(String name, long[] longs, int offset) {
        return ofCrc32c(name, longs[offset], longs[offset + 1]);
    }
}
