package doka.engine.cortex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.atlas.Atlas;
import doka.engine.atlas.SyntheticCortex;
import doka.engine.kernel.SplitMix64;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The bucket neighbourhoods of the dense grid against the binary search and against brute force;
 * the distances from the bucket-ordered positions against the cells' own.
 */
class TestTangentialIndex {
    private static final int REACH = 2;
    private static final int MAX = (2 * REACH + 1) * (2 * REACH + 1) * (2 * REACH + 1);

    @Test
    void denseGridFindsTheSameBucketsAsTheSearchAndCoversTheReach() {
        Atlas atlas = SyntheticCortex.generate(SyntheticCortex.Spec.defaults(1));
        Cells cells = Cells.place(atlas, CellComposition.defaults(), 0.01, 3);
        SplitMix64 rng = new SplitMix64(11);
        int checked = 0;
        for (double edgeUm : new double[] {450, 120}) {
            for (int area = 0; area < cells.areaCount(); area++) {
                int from = cells.areaStart(area), to = cells.areaEnd(area);
                if (to == from) {
                    continue;
                }
                TangentialIndex dense = new TangentialIndex(cells, area, edgeUm);
                TangentialIndex search = new TangentialIndex(cells, area, edgeUm, 0, 0);
                assertTrue(dense.dense(), "area " + area + " gets a dense grid");
                assertFalse(search.dense());
                for (int k = 0; k < 40; k++) {
                    // Near a cell of the area (often at the border of the occupied box), or anywhere around it.
                    int c = from + rng.nextInt(to - from);
                    double jitter = k % 2 == 0 ? 3 * edgeUm : 20 * edgeUm;
                    float x = (float) (cells.tangentialUm(c, 0) + jitter * (2 * rng.nextDouble() - 1));
                    float y = (float) (cells.tangentialUm(c, 1) + jitter * (2 * rng.nextDouble() - 1));
                    float z = (float) (cells.tangentialUm(c, 2) + jitter * (2 * rng.nextDouble() - 1));
                    int[] bd = new int[MAX], bs = new int[MAX];
                    double[] dd = new double[MAX], ds = new double[MAX];
                    int nd = dense.neighbourhood(x, y, z, REACH, bd, dd);
                    int ns = search.neighbourhood(x, y, z, REACH, bs, ds);
                    assertEquals(ns, nd);
                    assertArrayEquals(Arrays.copyOf(bs, ns), Arrays.copyOf(bd, nd));
                    assertArrayEquals(Arrays.copyOf(ds, ns), Arrays.copyOf(dd, nd));
                    checked += nd;
                    coversTheReach(cells, from, to, dense, x, y, z, edgeUm, bd, dd, nd);
                }
            }
        }
        assertTrue(checked > 1000, "neighbourhoods were not empty: " + checked + " buckets");
    }

    @Test
    void distancesInBucketOrderEqualTheCells() {
        Atlas atlas = SyntheticCortex.generate(SyntheticCortex.Spec.defaults(1));
        Cells cells = Cells.place(atlas, CellComposition.defaults(), 0.01, 3);
        SplitMix64 rng = new SplitMix64(12);
        for (int area = 0; area < cells.areaCount(); area++) {
            int from = cells.areaStart(area), to = cells.areaEnd(area);
            if (to == from) {
                continue;
            }
            TangentialIndex idx = new TangentialIndex(cells, area, 450);
            for (int k = 0; k < 1000; k++) {
                int position = rng.nextInt(to - from);
                int t = rng.nextInt(cells.count());
                double want = cells.tangentialDistanceSqUm2(idx.cellAt(position), t);
                double got = idx.tangentialDistanceSqUm2(position, cells.tangentialUm(t, 0), cells.tangentialUm(t, 1),
                        cells.tangentialUm(t, 2));
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), "position " + position + ", cell " + t);
            }
        }
    }

    /** Every cell within REACH·edge of the point is in a listed bucket, no nearer than the bucket's distance. */
    private static void coversTheReach(Cells cells, int from, int to, TangentialIndex idx, float x, float y, float z,
                                       double edgeUm, int[] bucket, double[] minDist2, int n) {
        int[] bucketOfPosition = new int[to - from];
        Arrays.fill(bucketOfPosition, -1);
        int per = Cells.LAYERS * Cells.CLASSES;
        for (int i = 0; i < n; i++) {
            for (int p = idx.from(bucket[i], 0); p < idx.to(bucket[i], per - 1); p++) {
                bucketOfPosition[idx.cellAt(p) - from] = i;
            }
        }
        double reach2 = REACH * edgeUm * REACH * edgeUm;
        for (int c = from; c < to; c++) {
            double dx = cells.tangentialUm(c, 0) - x, dy = cells.tangentialUm(c, 1) - y, dz = cells.tangentialUm(c, 2) - z;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 <= reach2) {
                int i = bucketOfPosition[c - from];
                assertTrue(i >= 0, "cell " + c + " at " + Math.sqrt(d2) + " µm is in no listed bucket");
                assertTrue(minDist2[i] <= d2 * (1 + 1e-9) + 1e-6, "bucket distance " + minDist2[i] + " > " + d2);
            }
        }
    }
}
