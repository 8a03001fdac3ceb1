package doka.engine.cortex;

import java.util.Arrays;

/**
 * Cells of one population bucketed on a cubic grid of their tangential positions, so that all
 * cells within a radius R of a point are found by scanning 27 buckets of edge R. Buckets and
 * cells within them are in a fixed order, so scans are deterministic.
 */
final class TangentialIndex {
    private final double edgeUm;
    private final long[] keys;
    private final int[] start;
    private final int[] cells;

    TangentialIndex(Cells all, int from, int to, double edgeUm) {
        this.edgeUm = edgeUm;
        int n = to - from;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            int c = from + i;
            long key = key(bucket(all.tangentialUm(c, 0)), bucket(all.tangentialUm(c, 1)), bucket(all.tangentialUm(c, 2)));
            packed[i] = key;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> packed[x] != packed[y] ? Long.compare(packed[x], packed[y]) : Integer.compare(x, y));
        cells = new int[n];
        long[] k = new long[n];
        int[] s = new int[n + 1];
        int u = 0;
        for (int i = 0; i < n; i++) {
            cells[i] = from + order[i];
            long key = packed[order[i]];
            if (u == 0 || k[u - 1] != key) {
                k[u] = key;
                s[u] = i;
                u++;
            }
        }
        s[u] = n;
        keys = Arrays.copyOf(k, u);
        start = Arrays.copyOf(s, u + 1);
    }

    private int bucket(float x) {
        return (int) Math.floor(x / edgeUm);
    }

    private static long key(int bx, int by, int bz) {
        return ((long) (bx + (1 << 20)) << 42) | ((long) (by + (1 << 20)) << 21) | (bz + (1 << 20));
    }

    /**
     * The 27 buckets around a point (a superset of the cells within one edge) as ranges
     * [lo[b], hi[b]) of positions for {@link #cellAt}; returns the number of non-empty buckets.
     * {@code lo} and {@code hi} need room for 27.
     */
    int neighbourhood(float x, float y, float z, int[] lo, int[] hi) {
        int bx = bucket(x), by = bucket(y), bz = bucket(z);
        int n = 0;
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dz = -1; dz <= 1; dz++) {
                    int b = Arrays.binarySearch(keys, key(bx + dx, by + dy, bz + dz));
                    if (b >= 0) {
                        lo[n] = start[b];
                        hi[n] = start[b + 1];
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** The cell at a position of the bucket order. */
    int cellAt(int position) {
        return cells[position];
    }
}
