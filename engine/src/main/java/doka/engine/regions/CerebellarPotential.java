package doka.engine.regions;

/**
 * The virtual potential that layers the cerebellar cortex (report §3.1): Laplace's equation
 * ∇²φ = 0 over the cortex's voxels, φ = 0 on the faces it shares with the white matter and φ = 1
 * on those it shares with the surface (outside the brain or another structure); faces towards
 * anything else (the cut edges of a modelled piece) carry no flux. The boundary values sit on the
 * shared faces, half a voxel from the centres, so in a flat slab of n voxels φ is exactly
 * (depth from the white matter) / thickness. Solved by successive over-relaxation; the gradient
 * (central differences, one-sided at a boundary face) gives the surface normal.
 */
public final class CerebellarPotential {
    /** Grid cell kinds. */
    public static final byte OTHER = 0;
    public static final byte CORTEX = 1;
    public static final byte WHITE_MATTER = 2;
    public static final byte SURFACE = 3;

    private static final int[][] NEIGHBOURS = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};

    private final int nx;
    private final int ny;
    private final int nz;
    private final byte[] kind;
    private final double[] phi;
    private final int iterations;

    private CerebellarPotential(int nx, int ny, int nz, byte[] kind, double[] phi, int iterations) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.kind = kind;
        this.phi = phi;
        this.iterations = iterations;
    }

    /**
     * Solves on a grid of {@code nx × ny × nz} cells (x fastest) of the given kinds, to a largest
     * update below {@code tolerance}. A connected piece of cortex touching neither boundary keeps
     * φ = 0.5.
     */
    public static CerebellarPotential solve(int nx, int ny, int nz, byte[] kind, double tolerance) {
        if (kind.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException("cerebellar potential: " + kind.length + " cells for a " + nx + "×" + ny
                    + "×" + nz + " grid");
        }
        double[] phi = new double[kind.length];
        int n = 0;
        for (int i = 0; i < kind.length; i++) {
            phi[i] = 0.5;
            n += kind[i] == CORTEX ? 1 : 0;
        }
        int[] cortex = new int[n];
        for (int i = 0, k = 0; i < kind.length; i++) {
            if (kind[i] == CORTEX) {
                cortex[k++] = i;
            }
        }
        double omega = 1.9;
        int it = 0;
        for (; it < 100_000; it++) {
            double largest = 0;
            for (int idx : cortex) {
                int x = idx % nx, y = (idx / nx) % ny, z = idx / (nx * ny);
                double sum = 0, weight = 0;
                for (int[] d : NEIGHBOURS) {
                    int a = x + d[0], b = y + d[1], c = z + d[2];
                    if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) {
                        continue;
                    }
                    int m = a + nx * (b + ny * c);
                    switch (kind[m]) {
                        case CORTEX -> {
                            sum += phi[m];
                            weight += 1;
                        }
                        case WHITE_MATTER -> weight += 2; // φ = 0 on the face, half a voxel away
                        case SURFACE -> {
                            sum += 2;
                            weight += 2;
                        }
                        default -> {
                        }
                    }
                }
                if (weight == 0) {
                    continue;
                }
                double next = phi[idx] + omega * (sum / weight - phi[idx]);
                largest = Math.max(largest, Math.abs(next - phi[idx]));
                phi[idx] = next;
            }
            if (largest < tolerance) {
                break;
            }
        }
        return new CerebellarPotential(nx, ny, nz, kind, phi, it + 1);
    }

    /** φ at a cortex cell. */
    public double potential(int x, int y, int z) {
        return phi[x + nx * (y + ny * z)];
    }

    /** Sweeps the solver took. */
    public int iterations() {
        return iterations;
    }

    /**
     * ∇φ at a cortex cell, per voxel edge (3 values): central differences where both neighbours
     * carry a value, one-sided otherwise (a boundary neighbour counts at its face, half a voxel away).
     */
    public double[] gradient(int x, int y, int z) {
        double[] g = new double[3];
        int idx = x + nx * (y + ny * z);
        for (int ax = 0; ax < 3; ax++) {
            double[] side = new double[2];
            double[] dist = new double[2];
            boolean[] has = new boolean[2];
            for (int s = 0; s < 2; s++) {
                int step = s == 0 ? 1 : -1;
                int a = x + (ax == 0 ? step : 0), b = y + (ax == 1 ? step : 0), c = z + (ax == 2 ? step : 0);
                if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) {
                    continue;
                }
                int m = a + nx * (b + ny * c);
                switch (kind[m]) {
                    case CORTEX -> {
                        side[s] = phi[m];
                        dist[s] = 1;
                        has[s] = true;
                    }
                    case WHITE_MATTER, SURFACE -> {
                        side[s] = kind[m] == SURFACE ? 1 : 0;
                        dist[s] = 0.5;
                        has[s] = true;
                    }
                    default -> {
                    }
                }
            }
            if (has[0] && has[1]) {
                g[ax] = (side[0] - side[1]) / (dist[0] + dist[1]);
            } else if (has[0]) {
                g[ax] = (side[0] - phi[idx]) / dist[0];
            } else if (has[1]) {
                g[ax] = (phi[idx] - side[1]) / dist[1];
            }
        }
        return g;
    }
}
