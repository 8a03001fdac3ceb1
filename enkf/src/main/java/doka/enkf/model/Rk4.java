package doka.enkf.model;

/**
 * The classical fourth-order Runge–Kutta stepper for an {@link Ode}, with its tangent-linear step. The
 * scratch arrays are reused, so one instance serves one thread.
 */
public final class Rk4 {
    private final Ode ode;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] tmp;
    private final double[] dk1;
    private final double[] dk2;
    private final double[] dk3;
    private final double[] dk4;
    private final double[] dtmp;

    public Rk4(Ode ode) {
        this.ode = ode;
        int n = ode.dimension();
        k1 = new double[n];
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        tmp = new double[n];
        dk1 = new double[n];
        dk2 = new double[n];
        dk3 = new double[n];
        dk4 = new double[n];
        dtmp = new double[n];
    }

    public Ode ode() {
        return ode;
    }

    /** Advances {@code x} in place by {@code steps} steps of {@code dt}. */
    public void advance(double[] x, double[] params, double dt, int steps) {
        for (int s = 0; s < steps; s++) {
            step(x, params, dt);
        }
    }

    /** One RK4 step of {@code x} in place. */
    public void step(double[] x, double[] params, double dt) {
        int n = x.length;
        ode.computeDerivatives(x, params, k1);
        for (int i = 0; i < n; i++) {
            tmp[i] = x[i] + 0.5 * dt * k1[i];
        }
        ode.computeDerivatives(tmp, params, k2);
        for (int i = 0; i < n; i++) {
            tmp[i] = x[i] + 0.5 * dt * k2[i];
        }
        ode.computeDerivatives(tmp, params, k3);
        for (int i = 0; i < n; i++) {
            tmp[i] = x[i] + dt * k3[i];
        }
        ode.computeDerivatives(tmp, params, k4);
        for (int i = 0; i < n; i++) {
            x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }

    /**
     * One tangent-linear RK4 step: advances the perturbation {@code v} by the derivative of {@link #step} at
     * {@code x}, and {@code x} itself by one step (both in place).
     */
    public void tangentStep(double[] x, double[] v, double[] params, double dt) {
        int n = x.length;
        double[] x2 = new double[n];
        double[] x3 = new double[n];
        double[] x4 = new double[n];
        ode.computeDerivatives(x, params, k1);
        ode.jacobianTimes(x, params, v, dk1);
        for (int i = 0; i < n; i++) {
            x2[i] = x[i] + 0.5 * dt * k1[i];
            dtmp[i] = v[i] + 0.5 * dt * dk1[i];
        }
        ode.computeDerivatives(x2, params, k2);
        ode.jacobianTimes(x2, params, dtmp, dk2);
        for (int i = 0; i < n; i++) {
            x3[i] = x[i] + 0.5 * dt * k2[i];
            dtmp[i] = v[i] + 0.5 * dt * dk2[i];
        }
        ode.computeDerivatives(x3, params, k3);
        ode.jacobianTimes(x3, params, dtmp, dk3);
        for (int i = 0; i < n; i++) {
            x4[i] = x[i] + dt * k3[i];
            dtmp[i] = v[i] + dt * dk3[i];
        }
        ode.computeDerivatives(x4, params, k4);
        ode.jacobianTimes(x4, params, dtmp, dk4);
        for (int i = 0; i < n; i++) {
            x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            v[i] += dt / 6 * (dk1[i] + 2 * dk2[i] + 2 * dk3[i] + dk4[i]);
        }
    }
}
