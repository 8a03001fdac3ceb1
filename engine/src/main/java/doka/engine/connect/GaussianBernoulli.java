package doka.engine.connect;

import java.util.Arrays;

import doka.engine.kernel.SplitMix64;
import doka.engine.kernel.SynapseBatch;

/**
 * {@code pairwise_bernoulli} with a distance-dependent probability: a pair at tangential
 * distance r connects with p(r) = p0 · exp(−r²/(2σ²)) for r ≤ cutoff (0 beyond), independently.
 * Sources are bucketed on a square grid of the cutoff so a target only looks at nearby cells.
 * In-degree of a target: sum of independent Bernoulli(p(r_i)), mean Σp, variance Σp(1 − p).
 */
public final class GaussianBernoulli extends PerTargetRule {
    public static final String NAME = "pairwise_bernoulli_gaussian";

    private final double p0;
    private final double sigmaMm;
    private final double cutoffMm;
    private final boolean autapses;
    // Source grid: cells of side cutoff, sources sorted by cell.
    private final double cell;
    private final double minX;
    private final double minY;
    private final int cellsX;
    private final int cellsY;
    private final int[] cellStart;
    private final int[] sorted;

    public GaussianBernoulli(Projection projection, double p0, double sigmaMm, double cutoffMm, boolean autapses) {
        super(NAME, projection);
        if (!(p0 >= 0 && p0 <= 1)) {
            throw new IllegalArgumentException(description() + ": p0 must be in [0, 1], got " + p0);
        }
        if (!(sigmaMm > 0) || Double.isInfinite(sigmaMm)) {
            throw new IllegalArgumentException(description() + ": sigma_mm must be positive, got " + sigmaMm);
        }
        if (!(cutoffMm > 0)) {
            throw new IllegalArgumentException(description() + ": cutoff_mm must be positive, got " + cutoffMm);
        }
        if (projection.sourcePositions() == null || projection.targetPositions() == null) {
            throw new IllegalArgumentException(description() + ": needs source and target positions");
        }
        this.p0 = p0;
        this.sigmaMm = sigmaMm;
        this.cutoffMm = cutoffMm;
        this.autapses = autapses;
        Positions src = projection.sourcePositions();
        int n = src.size();
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x0 = Math.min(x0, src.xMm()[i]);
            x1 = Math.max(x1, src.xMm()[i]);
            y0 = Math.min(y0, src.yMm()[i]);
            y1 = Math.max(y1, src.yMm()[i]);
        }
        if (n == 0) {
            x0 = y0 = x1 = y1 = 0;
        }
        double side = Double.isInfinite(cutoffMm) ? Math.max(x1 - x0, y1 - y0) + 1 : cutoffMm;
        this.cell = side;
        this.minX = x0;
        this.minY = y0;
        this.cellsX = Math.min(4096, (int) ((x1 - x0) / side) + 1);
        this.cellsY = Math.min(4096, (int) ((y1 - y0) / side) + 1);
        int[] cellOf = new int[n];
        int[] counts = new int[cellsX * cellsY + 1];
        for (int i = 0; i < n; i++) {
            cellOf[i] = cellIndex(src.xMm()[i], src.yMm()[i]);
            counts[cellOf[i] + 1]++;
        }
        for (int c = 1; c < counts.length; c++) {
            counts[c] += counts[c - 1];
        }
        this.cellStart = counts.clone();
        this.sorted = new int[n];
        int[] cursor = Arrays.copyOf(counts, counts.length - 1);
        for (int i = 0; i < n; i++) {
            sorted[cursor[cellOf[i]]++] = i; // ascending source index within each cell
        }
    }

    private int cellIndex(double x, double y) {
        int cx = Math.min(cellsX - 1, Math.max(0, (int) ((x - minX) / cell)));
        int cy = Math.min(cellsY - 1, Math.max(0, (int) ((y - minY) / cell)));
        return cy * cellsX + cx;
    }

    /** Connection probability at distance {@code rMm}. */
    public double probability(double rMm) {
        return rMm > cutoffMm ? 0 : p0 * StrictMath.exp(-rMm * rMm / (2 * sigmaMm * sigmaMm));
    }

    @Override
    void connectTarget(int t, SplitMix64 pairs, SplitMix64 vals, SynapseBatch out) {
        Positions src = projection.sourcePositions();
        Positions tgt = projection.targetPositions();
        int so = projection.source().offset();
        int target = projection.target().offset() + t;
        double cut2 = cutoffMm * cutoffMm;
        double inv2s2 = 1 / (2 * sigmaMm * sigmaMm);
        double tx = tgt.xMm()[t];
        double ty = tgt.yMm()[t];
        int cx = (int) Math.floor((tx - minX) / cell);
        int cy = (int) Math.floor((ty - minY) / cell);
        for (int gy = Math.max(0, cy - 1); gy <= Math.min(cellsY - 1, cy + 1); gy++) {
            for (int gx = Math.max(0, cx - 1); gx <= Math.min(cellsX - 1, cx + 1); gx++) {
                int c = gy * cellsX + gx;
                for (int k = cellStart[c]; k < cellStart[c + 1]; k++) {
                    int s = sorted[k];
                    double dx = src.xMm()[s] - tx;
                    double dy = src.yMm()[s] - ty;
                    double r2 = dx * dx + dy * dy;
                    if (r2 > cut2) {
                        continue;
                    }
                    double p = p0 * StrictMath.exp(-r2 * inv2s2);
                    if (pairs.nextDouble() < p && (autapses || so + s != target)) {
                        emit(out, vals, so + s, target);
                    }
                }
            }
        }
    }
}
