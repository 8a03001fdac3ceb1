package doka.enkf.model;

/** An autonomous ODE dx/dt = f(x; θ) with parameters θ, in Hipparchus's {@code computeDerivatives} shape. */
public interface Ode {
    int dimension();

    /** The number of parameters θ. */
    int parameterCount();

    /** The reference parameter values. */
    double[] defaultParameters();

    /** {@code out = f(x; θ)}. */
    void computeDerivatives(double[] x, double[] params, double[] out);

    /** The tangent-linear model: {@code out = (∂f/∂x)(x; θ)·v}. */
    void jacobianTimes(double[] x, double[] params, double[] v, double[] out);
}
