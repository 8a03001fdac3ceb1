package doka.enkf.model;

import doka.enkf.FilterRandom;
import doka.enkf.ForwardModel;

/**
 * Time-averaged moments of Lorenz-96 as a function of its forcing F: the calibrate-from-statistics problem of
 * Schneider et al. (2017, GRL 44:12396) and Cleary et al. (2021, "Calibrate, emulate, sample", J. Comput. Phys.
 * 424:109716), here for the one-scale model. A run starts from xᵢ = F + N(0, 1) drawn from {@code seed}, spins up
 * for {@code spinUp} time units, then averages over {@code duration} time units (every RK4 step of {@code dt}) and
 * over the grid (the statistics of all sites are the same):
 * <pre>
 *   m  = ⟨xᵢ⟩                      mean
 *   v  = ⟨xᵢ²⟩ − m²                variance
 *   c₁ = ⟨xᵢxᵢ₊₁⟩ − m²             neighbour covariance
 *   cτ = ⟨xᵢ(t)xᵢ(t+τ)⟩ − m²       lag-τ autocovariance
 * </pre>
 * With a second parameter c the linear damping is calibrated too: dxᵢ/dt = (xᵢ₊₁ − xᵢ₋₂)xᵢ₋₁ − c·xᵢ + F (c = 1 is
 * Lorenz-96; x = c·u, t = s/c maps it onto Lorenz-96 with forcing F/c², so mean and variance identify both).
 * The finite averaging window makes them random (the chaos decorrelates runs from different initial states); that
 * noise is what {@link doka.enkf.Calibrator#replicateVariance} estimates.
 *
 * @param size     grid size K
 * @param dt       RK4 step
 * @param spinUp   time discarded before averaging
 * @param duration averaging time
 * @param lag      τ, a multiple of dt
 */
public record Lorenz96Moments(int size, double dt, double spinUp, double duration, double lag) implements ForwardModel {
    /** The statistics' names, in output order. */
    public static final java.util.List<String> NAMES = java.util.List.of("mean", "variance", "neighbour_covariance",
            "lag_covariance");

    public Lorenz96Moments {
        if (!(dt > 0) || !(spinUp >= 0) || !(duration > 0) || !(lag >= 0) || lag > duration) {
            throw new IllegalArgumentException("need dt > 0, spin-up >= 0, duration > 0 and 0 <= lag <= duration; got dt "
                    + dt + ", spin-up " + spinUp + ", duration " + duration + ", lag " + lag);
        }
    }

    /** {@code parameters} is {F} or {F, c}; returns {m, v, c₁, cτ}. */
    @Override
    public double[] run(double[] parameters, long seed) {
        if (parameters.length != 1 && parameters.length != 2) {
            throw new IllegalArgumentException("Lorenz-96 moments take F or (F, damping), got " + parameters.length
                    + " parameters");
        }
        double[] forcing = parameters.clone();
        Rk4 rk4 = new Rk4(parameters.length == 1 ? new Lorenz96(size) : new Damped(new Lorenz96(size)));
        FilterRandom random = new FilterRandom(seed);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = forcing[0] + random.nextGaussian();
        }
        rk4.advance(x, forcing, dt, (int) Math.round(spinUp / dt));
        int steps = (int) Math.round(duration / dt);
        int lagSteps = (int) Math.round(lag / dt);
        double[] history = new double[(lagSteps + 1) * size];
        double sum = 0;
        double sumSq = 0;
        double sumNeighbour = 0;
        double sumLag = 0;
        long lagCount = 0;
        for (int s = 0; s < steps; s++) {
            rk4.step(x, forcing, dt);
            int slot = (s % (lagSteps + 1)) * size;
            int earlier = ((s + 1) % (lagSteps + 1)) * size; // the state lagSteps steps ago
            boolean lagged = s >= lagSteps;
            for (int i = 0; i < size; i++) {
                double xi = x[i];
                sum += xi;
                sumSq += xi * xi;
                sumNeighbour += xi * x[(i + 1) % size];
                history[slot + i] = xi;
                if (lagged) {
                    sumLag += history[earlier + i] * xi;
                }
            }
            if (lagged) {
                lagCount += size;
            }
        }
        double count = (double) steps * size;
        double m = sum / count;
        return new double[] {m, sumSq / count - m * m, sumNeighbour / count - m * m, sumLag / lagCount - m * m};
    }

    /** Lorenz-96 with the damping c as a second parameter: f(x; F, c) = f_L96(x; F) − (c − 1)·x. */
    private record Damped(Lorenz96 lorenz) implements Ode {
        @Override
        public int dimension() {
            return lorenz.dimension();
        }

        @Override
        public int parameterCount() {
            return 2;
        }

        @Override
        public double[] defaultParameters() {
            return new double[] {Lorenz96.DEFAULT_FORCING, 1.0};
        }

        @Override
        public void computeDerivatives(double[] x, double[] params, double[] out) {
            lorenz.computeDerivatives(x, params, out);
            for (int i = 0; i < x.length; i++) {
                out[i] -= (params[1] - 1) * x[i];
            }
        }

        @Override
        public void jacobianTimes(double[] x, double[] params, double[] v, double[] out) {
            lorenz.jacobianTimes(x, params, v, out);
            for (int i = 0; i < x.length; i++) {
                out[i] -= (params[1] - 1) * v[i];
            }
        }
    }
}
