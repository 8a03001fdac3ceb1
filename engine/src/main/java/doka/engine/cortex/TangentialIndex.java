package doka.engine.cortex;

import java.util.Arrays;

/**
 * The cells of one area bucketed on a cubic grid of their tangential positions, and within each
 * bucket sorted by population (area-local index 0..11), so that the cells of any population near
 * a point are found bucket by bucket, each bucket with its distance from the point. Buckets and
 * cells within them are in a fixed order, so scans are deterministic.
 */
final class TangentialIndex {
    private static final int PER_AREA = Cells.LAYERS * Cells.CLASSES;

    private final double edgeUm;
    private final long[] keys;
    private final int[] start; // [bucket * (PER_AREA + 1) + k]: first position of local population k
    private final int[] cells;

    TangentialIndex(Cells all, int area, double edgeUm) {
        this.edgeUm = edgeUm;
        int from = LongRangeWiring.areaStart(all, area), to = LongRangeWiring.areaEnd(all, area);
        int n = to - from;
        int base = area * PER_AREA;
        long[] bucketOf = new long[n];
        int[] popOf = new int[n];
        for (int p = base; p < base + PER_AREA; p++) {
            for (int c = all.offset(p); c < all.offset(p + 1); c++) {
                popOf[c - from] = p - base;
            }
        }
        for (int i = 0; i < n; i++) {
            int c = from + i;
            bucketOf[i] = key(bucket(all.tangentialUm(c, 0)), bucket(all.tangentialUm(c, 1)), bucket(all.tangentialUm(c, 2)));
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> bucketOf[x] != bucketOf[y] ? Long.compare(bucketOf[x], bucketOf[y])
                : popOf[x] != popOf[y] ? Integer.compare(popOf[x], popOf[y]) : Integer.compare(x, y));
        cells = new int[n];
        long[] k = new long[n];
        int[] s = new int[(n + 1) * (PER_AREA + 1)];
        int u = -1;
        for (int i = 0; i < n; i++) {
            int c = order[i];
            cells[i] = from + c;
            if (u < 0 || k[u] != bucketOf[c]) {
                u++;
                k[u] = bucketOf[c];
                Arrays.fill(s, u * (PER_AREA + 1), (u + 1) * (PER_AREA + 1), -1);
            }
            int slot = u * (PER_AREA + 1) + popOf[c];
            if (s[slot] < 0) {
                s[slot] = i;
            }
        }
        int buckets = u + 1;
        // Fill empty population slots and the end marker from the next start.
        for (int b = buckets - 1; b >= 0; b--) {
            int next = b + 1 < buckets ? firstOf(s, b + 1) : n;
            s[b * (PER_AREA + 1) + PER_AREA] = next;
            for (int q = PER_AREA - 1; q >= 0; q--) {
                int slot = b * (PER_AREA + 1) + q;
                if (s[slot] < 0) {
                    s[slot] = s[slot + 1];
                }
            }
        }
        keys = Arrays.copyOf(k, buckets);
        start = Arrays.copyOf(s, buckets * (PER_AREA + 1));
    }

    private static int firstOf(int[] s, int b) {
        for (int q = 0; q < PER_AREA; q++) {
            if (s[b * (PER_AREA + 1) + q] >= 0) {
                return s[b * (PER_AREA + 1) + q];
            }
        }
        throw new IllegalStateException("empty bucket");
    }

    private int bucket(float x) {
        return (int) Math.floor(x / edgeUm);
    }

    private static long key(int bx, int by, int bz) {
        return ((long) (bx + (1 << 20)) << 42) | ((long) (by + (1 << 20)) << 21) | (bz + (1 << 20));
    }

    /**
     * The non-empty buckets within {@code reach} buckets of the one holding a point (offsets
     * −reach..reach on each axis): their indices in {@code bucket} and the squared distance from
     * the point to each bucket's box in {@code minDist2}. Returns the number of buckets; the arrays
     * need room for (2·reach + 1)³.
     */
    int neighbourhood(float x, float y, float z, int reach, int[] bucket, double[] minDist2) {
        int bx = bucket(x), by = bucket(y), bz = bucket(z);
        int n = 0;
        for (int dx = -reach; dx <= reach; dx++) {
            for (int dy = -reach; dy <= reach; dy++) {
                for (int dz = -reach; dz <= reach; dz++) {
                    int b = Arrays.binarySearch(keys, key(bx + dx, by + dy, bz + dz));
                    if (b >= 0) {
                        bucket[n] = b;
                        minDist2[n] = sq(gap(x, bx + dx)) + sq(gap(y, by + dy)) + sq(gap(z, bz + dz));
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** First position of area-local population k in bucket b. */
    int from(int b, int k) {
        return start[b * (PER_AREA + 1) + k];
    }

    /** End position of area-local population k in bucket b. */
    int to(int b, int k) {
        return start[b * (PER_AREA + 1) + k + 1];
    }

    /** Distance from coordinate v to the interval of bucket b (0 inside). */
    private double gap(float v, int b) {
        double lo = b * edgeUm, hi = lo + edgeUm;
        return v < lo ? lo - v : v > hi ? v - hi : 0;
    }

    private static double sq(double v) {
        return v * v;
    }

    /** The cell at a position of the bucket order. */
    int cellAt(int position) {
        return cells[position];
    }
}
