package doka.enkf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import doka.enkf.FilterRandom;

class TestLorenz96 {
    private final Lorenz96 model = new Lorenz96(40);
    private final double[] forcing = {8.0};
    private final FilterRandom random = new FilterRandom(3);

    private double[] randomState(double offset) {
        double[] x = new double[model.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = offset + random.nextGaussian();
        }
        return x;
    }

    @Test
    void uniformStateAtTheForcingIsAFixedPoint() {
        double[] x = new double[40];
        java.util.Arrays.fill(x, 8.0);
        double[] dx = new double[40];
        model.computeDerivatives(x, forcing, dx);
        for (double v : dx) {
            assertEquals(0.0, v, 0.0);
        }
    }

    @Test
    void derivativeMatchesTheEquationByHand() {
        double[] x = randomState(0);
        double[] dx = new double[40];
        model.computeDerivatives(x, forcing, dx);
        // i = 0 wraps both ways: (x₁ − x₃₈)·x₃₉ − x₀ + F
        assertEquals((x[1] - x[38]) * x[39] - x[0] + 8, dx[0], 1e-14);
        assertEquals((x[0] - x[37]) * x[38] - x[39] + 8, dx[39], 1e-14);
    }

    @Test
    void tangentLinearMatchesFiniteDifferences() {
        double[] x = randomState(8);
        double[] v = randomState(0);
        double[] jv = new double[40];
        model.jacobianTimes(x, forcing, v, jv);
        double h = 1e-6;
        double[] plus = new double[40];
        double[] minus = new double[40];
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < 40; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        model.computeDerivatives(xp, forcing, plus);
        model.computeDerivatives(xm, forcing, minus);
        for (int i = 0; i < 40; i++) {
            // f is quadratic, so the central difference is exact up to rounding.
            assertEquals((plus[i] - minus[i]) / (2 * h), jv[i], 1e-7);
        }
    }

    @Test
    void rk4TangentStepMatchesFiniteDifferencesOfTheStep() {
        Rk4 rk4 = new Rk4(model);
        double[] x = randomState(8);
        double[] v = randomState(0);
        double dt = 0.05;
        double h = 1e-5;
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < 40; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        rk4.step(xp, forcing, dt);
        rk4.step(xm, forcing, dt);
        double[] xt = x.clone();
        double[] vt = v.clone();
        rk4.tangentStep(xt, vt, forcing, dt);
        double[] xs = x.clone();
        rk4.step(xs, forcing, dt);
        for (int i = 0; i < 40; i++) {
            assertEquals((xp[i] - xm[i]) / (2 * h), vt[i], 1e-6, "tangent component " + i);
            assertEquals(xs[i], xt[i], 1e-14, "the tangent step also advances the state");
        }
    }

    @Test
    void cyclicDistance() {
        assertEquals(1, model.distance(0, 39));
        assertEquals(20, model.distance(0, 20));
        assertEquals(3, model.distance(5, 2));
        assertThrows(IllegalArgumentException.class, () -> new Lorenz96(3));
    }
}
