package doka.enkf.model;

/**
 * Lorenz-96 (Lorenz 1996; Lorenz &amp; Emanuel 1998) on a cyclic grid of any size K ≥ 4:
 * dxᵢ/dt = (xᵢ₊₁ − xᵢ₋₂)·xᵢ₋₁ − xᵢ + F. One parameter, the forcing F (8 gives chaos for K = 40).
 */
public record Lorenz96(int size) implements Ode {
    public static final double DEFAULT_FORCING = 8.0;

    public Lorenz96 {
        if (size < 4) {
            throw new IllegalArgumentException("Lorenz-96 needs at least 4 grid points, got " + size);
        }
    }

    @Override
    public int dimension() {
        return size;
    }

    @Override
    public int parameterCount() {
        return 1;
    }

    @Override
    public double[] defaultParameters() {
        return new double[] {DEFAULT_FORCING};
    }

    @Override
    public void computeDerivatives(double[] x, double[] params, double[] out) {
        double forcing = params[0];
        int k = size;
        for (int i = 0; i < k; i++) {
            double xp1 = x[(i + 1) % k];
            double xm1 = x[(i + k - 1) % k];
            double xm2 = x[(i + k - 2) % k];
            out[i] = (xp1 - xm2) * xm1 - x[i] + forcing;
        }
    }

    @Override
    public void jacobianTimes(double[] x, double[] params, double[] v, double[] out) {
        int k = size;
        for (int i = 0; i < k; i++) {
            int p1 = (i + 1) % k;
            int m1 = (i + k - 1) % k;
            int m2 = (i + k - 2) % k;
            out[i] = (v[p1] - v[m2]) * x[m1] + (x[p1] - x[m2]) * v[m1] - v[i];
        }
    }

    /** Cyclic grid distance between points i and j. */
    public double distance(int i, int j) {
        int d = Math.abs(i - j) % size;
        return Math.min(d, size - d);
    }
}
