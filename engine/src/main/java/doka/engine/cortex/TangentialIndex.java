package doka.engine.cortex;

import java.util.Arrays;

/**
 * The cells of one area bucketed on a cubic grid of their tangential positions, and within each
 * bucket sorted by population (area-local index 0..11), so that the cells of any population near
 * a point are found bucket by bucket, each bucket with its distance from the point. Buckets and
 * cells within them are in a fixed order, so scans are deterministic.
 *
 * <p>Buckets are found through a dense grid over the bounding box of the occupied ones (an
 * {@code int} per grid cell); a box much larger than the number of buckets (a radius far below
 * the area's size) falls back to a binary search of the sorted bucket keys. Both give the same
 * buckets in the same order.
 */
final class TangentialIndex {
    private static final int PER_AREA = Cells.LAYERS * Cells.CLASSES;
    /** Largest dense grid, in cells, relative to the number of occupied buckets (plus a floor). */
    private static final long GRID_PER_BUCKET = 64;
    private static final long GRID_FLOOR = 1 << 16;

    private final double edgeUm;
    private final long[] keys;
    /** Bucket of every grid cell of the bounding box (x slowest, z fastest), −1 where empty; null to search {@link #keys}. */
    private final int[] grid;
    private final int minX;
    private final int minY;
    private final int minZ;
    private final int sizeX;
    private final int sizeY;
    private final int sizeZ;
    private final int[] start; // [bucket * (PER_AREA + 1) + k]: first position of local population k
    private final int[] cells;
    /** Tangential positions of the cells in bucket order (µm, x y z): the scans read them in sequence. */
    private final float[] positionUm;

    TangentialIndex(Cells all, int area, double edgeUm) {
        this(all, area, edgeUm, GRID_PER_BUCKET, GRID_FLOOR);
    }

    /** With the dense grid's size limit: at most {@code perBucket} cells per bucket, or {@code floor}. */
    TangentialIndex(Cells all, int area, double edgeUm, long perBucket, long floor) {
        this.edgeUm = edgeUm;
        int from = all.areaStart(area), to = all.areaEnd(area);
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
        positionUm = new float[3 * n];
        long[] k = new long[n];
        int[] s = new int[(n + 1) * (PER_AREA + 1)];
        int u = -1;
        for (int i = 0; i < n; i++) {
            int c = order[i];
            cells[i] = from + c;
            for (int axis = 0; axis < 3; axis++) {
                positionUm[3 * i + axis] = all.tangentialUm(from + c, axis);
            }
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
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (long key : keys) {
            for (int axis = 0; axis < 3; axis++) {
                lo[axis] = Math.min(lo[axis], axisOf(key, axis));
                hi[axis] = Math.max(hi[axis], axisOf(key, axis));
            }
        }
        long cellsOfBox = buckets == 0 ? 0 : (long) (hi[0] - lo[0] + 1) * (hi[1] - lo[1] + 1) * (hi[2] - lo[2] + 1);
        if (buckets > 0 && cellsOfBox <= Math.min(Integer.MAX_VALUE - 8, Math.max(floor, perBucket * buckets))) {
            minX = lo[0];
            minY = lo[1];
            minZ = lo[2];
            sizeX = hi[0] - lo[0] + 1;
            sizeY = hi[1] - lo[1] + 1;
            sizeZ = hi[2] - lo[2] + 1;
            grid = new int[(int) cellsOfBox];
            Arrays.fill(grid, -1);
            for (int b = 0; b < buckets; b++) {
                grid[((axisOf(keys[b], 0) - minX) * sizeY + axisOf(keys[b], 1) - minY) * sizeZ + axisOf(keys[b], 2) - minZ] = b;
            }
        } else {
            grid = null;
            minX = minY = minZ = sizeX = sizeY = sizeZ = 0;
        }
    }

    /** Whether buckets are found through the dense grid (else by binary search). */
    boolean dense() {
        return grid != null;
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

    /** Bucket coordinate on axis 0, 1 or 2 of a key. */
    private static int axisOf(long key, int axis) {
        return (int) ((key >>> (42 - 21 * axis)) & ((1 << 21) - 1)) - (1 << 20);
    }

    /** The bucket at grid coordinates (bx, by, bz), or −1 if none is there. */
    private int find(int bx, int by, int bz) {
        if (grid == null) {
            int b = Arrays.binarySearch(keys, key(bx, by, bz));
            return b >= 0 ? b : -1;
        }
        int x = bx - minX;
        int y = by - minY;
        int z = bz - minZ;
        if (x < 0 || x >= sizeX || y < 0 || y >= sizeY || z < 0 || z >= sizeZ) {
            return -1;
        }
        return grid[(x * sizeY + y) * sizeZ + z];
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
                    int b = find(bx + dx, by + dy, bz + dz);
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

    /**
     * Squared tangential distance, µm², from the cell at a position of the bucket order to a
     * point: the same arithmetic as {@link Cells#tangentialDistanceSqUm2} (float differences).
     */
    double tangentialDistanceSqUm2(int position, float x, float y, float z) {
        double dx = positionUm[3 * position] - x;
        double dy = positionUm[3 * position + 1] - y;
        double dz = positionUm[3 * position + 2] - z;
        return dx * dx + dy * dy + dz * dz;
    }
}
