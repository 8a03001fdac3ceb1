package doka.launcher.checkpoint;

import java.util.HexFormat;

/**
 * Size and checksums of one file of a checkpoint, as the manifest lists them: CRC32 (the same
 * checksum as the file's own footer) and SHA-256 (end to end, also over the footer).
 *
 * @param name   file name inside the checkpoint directory
 * @param size   bytes
 * @param crc32  CRC32 of the whole file, hexadecimal
 * @param sha256 SHA-256 of the whole file, hexadecimal
 */
public record FileDigest(String name, long size, String crc32, String sha256) {
    /** Longs per digest when members send theirs to the root: size, CRC32, SHA-256 as 4 longs. */
    public static final int LONGS = 6;

    /**
     * Packs size, CRC32 and SHA-256 into {@link #LONGS} longs (the name is implied by the sender), to send to the
     * root: first the files this process wrote are made durable, so that no digest reaches a manifest ahead of its
     * file's data (the root cannot sync a file that another node's cache holds).
     */
    public long[] toLongs() {
        Durability.syncPending();
        long[] out = new long[LONGS];
        out[0] = size;
        out[1] = Long.parseLong(crc32, 16);
        byte[] sha = HexFormat.of().parseHex(sha256);
        for (int i = 0; i < 4; i++) {
            long v = 0;
            for (int b = 0; b < 8; b++) {
                v = (v << 8) | (sha[i * 8 + b] & 0xFF);
            }
            out[2 + i] = v;
        }
        return out;
    }

    /** Unpacks what {@link #toLongs} packed, from {@code longs[offset …]}. */
    public static FileDigest fromLongs(String name, long[] longs, int offset) {
        byte[] sha = new byte[32];
        for (int i = 0; i < 4; i++) {
            long v = longs[offset + 2 + i];
            for (int b = 7; b >= 0; b--) {
                sha[i * 8 + b] = (byte) v;
                v >>>= 8;
            }
        }
        return new FileDigest(name, longs[offset], Long.toHexString(longs[offset + 1]), HexFormat.of().formatHex(sha));
    }
}
