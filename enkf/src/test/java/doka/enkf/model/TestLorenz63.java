package doka.enkf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TestLorenz63 {
    private final Lorenz63 model = new Lorenz63();
    private final double[] params = model.defaultParameters();

    @Test
    void nontrivialFixedPoints() {
        double beta = 8.0 / 3.0;
        double c = Math.sqrt(beta * 27);
        for (double[] x : new double[][] {{c, c, 27}, {-c, -c, 27}, {0, 0, 0}}) {
            double[] dx = new double[3];
            model.computeDerivatives(x, params, dx);
            for (double v : dx) {
                assertEquals(0.0, v, 1e-12);
            }
        }
    }

    @Test
    void tangentLinearMatchesFiniteDifferences() {
        double[] x = {1.5, -1.5, 25.5};
        double[] v = {0.3, -0.7, 1.1};
        double[] jv = new double[3];
        model.jacobianTimes(x, params, v, jv);
        double h = 1e-6;
        double[] plus = new double[3];
        double[] minus = new double[3];
        model.computeDerivatives(new double[] {x[0] + h * v[0], x[1] + h * v[1], x[2] + h * v[2]}, params, plus);
        model.computeDerivatives(new double[] {x[0] - h * v[0], x[1] - h * v[1], x[2] - h * v[2]}, params, minus);
        for (int i = 0; i < 3; i++) {
            assertEquals((plus[i] - minus[i]) / (2 * h), jv[i], 1e-7);
        }
        Rk4 rk4 = new Rk4(model);
        double[] xp = {x[0] + h * v[0], x[1] + h * v[1], x[2] + h * v[2]};
        double[] xm = {x[0] - h * v[0], x[1] - h * v[1], x[2] - h * v[2]};
        rk4.step(xp, params, 0.01);
        rk4.step(xm, params, 0.01);
        double[] vt = v.clone();
        rk4.tangentStep(x.clone(), vt, params, 0.01);
        for (int i = 0; i < 3; i++) {
            assertEquals((xp[i] - xm[i]) / (2 * h), vt[i], 1e-7);
        }
    }
}
