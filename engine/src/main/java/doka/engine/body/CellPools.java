package doka.engine.body;

/**
 * A contiguous range of cells [start, end) split, in cell order, into {@code pools} pools of
 * nearly equal size: cell n belongs to pool ⌊(n − start) · pools / (end − start)⌋. Cells are
 * placed voxel by voxel, so a pool is a patch of the area (a somatotopic-like map).
 */
record CellPools(int start, int end, int pools) {
    CellPools {
        if (end - start < pools) {
            throw new IllegalArgumentException("cells " + start + ".." + end + " are fewer than the " + pools
                    + " pools they must be split into");
        }
    }

    /** The pool of cell n, or −1 outside the range. */
    int poolOf(int n) {
        return n < start || n >= end ? -1 : (int) ((long) (n - start) * pools / (end - start));
    }

    /** The number of cells of each pool. */
    long[] sizes() {
        long[] s = new long[pools];
        for (int n = start; n < end; n++) {
            s[poolOf(n)]++;
        }
        return s;
    }
}
