package doka.enkf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RK4 on the harmonic oscillator, whose solution is known in closed form: fourth-order convergence. */
class TestRk4 {
    /** x'' = −ω²x as (x, v); parameter ω. */
    private record Oscillator() implements Ode {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public int parameterCount() {
            return 1;
        }

        @Override
        public double[] defaultParameters() {
            return new double[] {2.0};
        }

        @Override
        public void computeDerivatives(double[] x, double[] p, double[] out) {
            out[0] = x[1];
            out[1] = -p[0] * p[0] * x[0];
        }

        @Override
        public void jacobianTimes(double[] x, double[] p, double[] v, double[] out) {
            computeDerivatives(v, p, out);
        }
    }

    private static double error(int steps) {
        Rk4 rk4 = new Rk4(new Oscillator());
        double[] x = {1, 0};
        double t = 2.0;
        rk4.advance(x, new double[] {2.0}, t / steps, steps);
        return Math.abs(x[0] - Math.cos(2.0 * t));
    }

    @Test
    void fourthOrderConvergence() {
        double e1 = error(50);
        double e2 = error(100);
        assertEquals(16.0, e1 / e2, 1.0); // halving the step divides the error by 2⁴
        assertEquals(0.0, error(1000), 1e-11);
    }
}
