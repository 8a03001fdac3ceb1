package doka.engine.model;

/**
 * Exact propagators of a leaky membrane driven by an exponentially decaying current, on a grid
 * of step h: with {@code τm dV/dt = −V + R·I}, {@code τs dI/dt = −I}, the voltage due to
 * I(0) after one step is {@code P21·I(0)} with
 *
 * <pre>
 *   P21 = (1/C) · τs·τm/(τm − τs) · (e^(−h/τm) − e^(−h/τs))
 *       = (h/C) · e^(−h/τm) · (1 − e^(−hδ))/(hδ),   δ = 1/τs − 1/τm.
 * </pre>
 *
 * The first form cancels catastrophically when τs ≈ τm; the second, evaluated with
 * {@code expm1}, is accurate for every δ and tends to the limit {@code (h/C)·e^(−h/τ)} of
 * equal time constants, which is used when δ = 0 exactly (as NEST's {@code iaf_propagator}
 * treats the singular case apart). Units: ms, pF, giving mV per pA.
 */
public final class PscExpPropagator {
    private PscExpPropagator() {
    }

    /** Voltage after one step per unit initial synaptic current (mV/pA). */
    public static double p21(double tauSynMs, double tauMMs, double cMPf, double hMs) {
        double delta = 1.0 / tauSynMs - 1.0 / tauMMs;
        double x = hMs * delta;
        double shape = x == 0 ? 1.0 : -StrictMath.expm1(-x) / x;
        return hMs / cMPf * StrictMath.exp(-hMs / tauMMs) * shape;
    }

    /** Voltage after one step per unit constant current (mV/pA): (τm/C)(1 − e^(−h/τm)). */
    public static double p20(double tauMMs, double cMPf, double hMs) {
        return -StrictMath.expm1(-hMs / tauMMs) * tauMMs / cMPf;
    }
}
