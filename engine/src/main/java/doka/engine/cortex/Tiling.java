package doka.engine.cortex;

import doka.engine.atlas.Atlas;
import doka.engine.kernel.Ownership;
import java.util.Arrays;

/**
 * Tiles of the cortical sheet for a member split over ranks. Voxel columns are ordered along a
 * space-filling curve (hemisphere first, then the Z-order of the column's pial point), and
 * cells are numbered in that order within every population ({@link Cells#place}). A tile is a
 * run of consecutive columns along the curve: the ranks are shared between the hemispheres in
 * proportion to their cells (no tile crosses the midline once P ≥ 2), and each hemisphere is cut
 * into tiles of about equal cell count. Neighbouring columns fall on the same rank, and a tile's
 * cells form one contiguous range per population. The curve does not depend on P, so
 * neither do the cells or the network.
 */
public final class Tiling {
    private static final int BITS = 16;

    private Tiling() {
    }

    /** Position of every column along the curve (a permutation of 0 .. columns − 1). */
    static int[] columnCurve(Atlas atlas) {
        int nc = atlas.columnCount();
        int[] hemisphere = columnHemisphere(atlas);
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int c = 0; c < nc; c++) {
            for (int ax = 0; ax < 3; ax++) {
                min[ax] = Math.min(min[ax], atlas.columnPosUm(c, ax));
            }
        }
        long[] key = new long[nc];
        int[] column = new int[nc];
        Integer[] order = new Integer[nc];
        for (int c = 0; c < nc; c++) {
            long morton = 0;
            for (int ax = 0; ax < 3; ax++) {
                long q = Math.min((1L << BITS) - 1, (long) ((atlas.columnPosUm(c, ax) - min[ax]) / atlas.voxelUm()));
                for (int b = 0; b < BITS; b++) {
                    morton |= ((q >>> b) & 1L) << (3 * b + ax);
                }
            }
            key[c] = (long) hemisphere[c] << 3 * BITS | morton;
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> key[a] != key[b] ? Long.compare(key[a], key[b]) : Integer.compare(a, b));
        for (int i = 0; i < nc; i++) {
            column[order[i]] = i;
        }
        return column;
    }

    /** Hemisphere (ordinal) of every column: that of its first voxel's area. */
    private static int[] columnHemisphere(Atlas atlas) {
        int[] hemisphere = new int[atlas.columnCount()];
        Arrays.fill(hemisphere, -1);
        for (int v = 0; v < atlas.voxelCount(); v++) {
            int c = atlas.voxelColumn(v);
            if (hemisphere[c] < 0) {
                hemisphere[c] = atlas.areas().get(atlas.voxelArea(v)).hemisphere().ordinal();
            }
        }
        for (int c = 0; c < hemisphere.length; c++) {
            hemisphere[c] = Math.max(0, hemisphere[c]);
        }
        return hemisphere;
    }

    /**
     * Splits the cells over {@code ranks} tiles of about equal cell count, cut between columns.
     * Returns each rank's neurons (cell index = network neuron index).
     */
    public static Ownership[] split(Atlas atlas, Cells cells, int ranks) {
        if (ranks < 1) {
            throw new IllegalArgumentException("ranks must be >= 1, got " + ranks);
        }
        int nc = atlas.columnCount();
        long[] perColumn = new long[nc + 1];
        for (int i = 0; i < cells.count(); i++) {
            perColumn[cells.curvePosition(i) + 1]++;
        }
        for (int c = 0; c < nc; c++) {
            perColumn[c + 1] += perColumn[c];
        }
        // The curve runs through hemisphere 0 first: curve positions [0, mid).
        int mid = 0;
        for (int h : columnHemisphere(atlas)) {
            mid += h == 0 ? 1 : 0;
        }
        long total = cells.count();
        long before = perColumn[mid];
        int ranksBefore;
        if (ranks == 1 || before == total) {
            ranksBefore = ranks;
        } else if (before == 0) {
            ranksBefore = 0;
        } else {
            ranksBefore = (int) Math.max(1, Math.min(ranks - 1, Math.round((double) ranks * before / total)));
        }
        // Tile r holds the columns at curve positions [first[r], first[r + 1]).
        int[] first = new int[ranks + 1];
        first[ranks] = nc;
        for (int r = 1; r < ranks; r++) {
            if (r == ranksBefore) {
                first[r] = mid;
                continue;
            }
            long want = r < ranksBefore ? before * r / ranksBefore
                    : before + (total - before) * (r - ranksBefore) / (ranks - ranksBefore);
            int c = first[r - 1];
            while (c < nc && perColumn[c] < want) {
                c++;
            }
            first[r] = c;
        }
        int nPop = cells.populationCount();
        Ownership[] out = new Ownership[ranks];
        for (int r = 0; r < ranks; r++) {
            int[] start = new int[nPop];
            int[] end = new int[nPop];
            for (int p = 0; p < nPop; p++) {
                start[p] = lowerBound(cells, p, first[r]);
                end[p] = lowerBound(cells, p, first[r + 1]);
            }
            out[r] = Ownership.ofRanges(cells.count(), start, end);
        }
        return out;
    }

    /** First cell of population p whose column lies at curve position {@code position} or later. */
    private static int lowerBound(Cells cells, int p, int position) {
        int lo = cells.offset(p), hi = cells.offset(p + 1);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cells.curvePosition(mid) < position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
