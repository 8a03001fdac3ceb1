package doka.enkf.model;

/**
 * Lorenz-63 (Lorenz 1963): dx/dt = σ(y − x), dy/dt = x(ρ − z) − y, dz/dt = xy − βz, with parameters
 * (σ, ρ, β) = (10, 28, 8/3) by default.
 */
public record Lorenz63() implements Ode {
    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public int parameterCount() {
        return 3;
    }

    @Override
    public double[] defaultParameters() {
        return new double[] {10.0, 28.0, 8.0 / 3.0};
    }

    @Override
    public void computeDerivatives(double[] s, double[] params, double[] out) {
        double sigma = params[0];
        double rho = params[1];
        double beta = params[2];
        out[0] = sigma * (s[1] - s[0]);
        out[1] = s[0] * (rho - s[2]) - s[1];
        out[2] = s[0] * s[1] - beta * s[2];
    }

    @Override
    public void jacobianTimes(double[] s, double[] params, double[] v, double[] out) {
        double sigma = params[0];
        double rho = params[1];
        double beta = params[2];
        out[0] = sigma * (v[1] - v[0]);
        out[1] = (rho - s[2]) * v[0] - v[1] - s[0] * v[2];
        out[2] = s[1] * v[0] + s[0] * v[1] - beta * v[2];
    }
}
