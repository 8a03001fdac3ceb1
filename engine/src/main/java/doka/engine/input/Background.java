package doka.engine.input;

import doka.engine.kernel.Population;

/**
 * Background input of a population: K_ext independent Poisson inputs of rate ν each, or their
 * DC equivalent. The Poisson form is a Poisson count per neuron per step of mean K_ext·ν·dt,
 * drawn exactly; it is never replaced by DC unless {@link #dcEquivalent} is called.
 */
public final class Background {
    private Background() {
    }

    /** Poisson background: total rate K_ext·ν per neuron, each event adds {@code weightPa}. */
    public static void poisson(Population population, double kExt, double rateHz, double weightPa) {
        requireNonNegative(population, "K_ext", kExt);
        requireNonNegative(population, "background rateHz", rateHz);
        population.setBackground(kExt * rateHz, weightPa);
    }

    /** The DC equivalent of {@link #poisson}: I = K_ext·ν·w·τ_syn, pA (replaces the Poisson input). */
    public static double dcEquivalent(Population population, double kExt, double rateHz, double weightPa,
                                      double tauSynMs) {
        requireNonNegative(population, "K_ext", kExt);
        requireNonNegative(population, "background rateHz", rateHz);
        double dc = dcEquivalentPa(kExt, rateHz, weightPa, tauSynMs);
        population.setBackground(0, 0);
        population.setDcPa(dc);
        return dc;
    }

    /** K_ext·ν·w·τ_syn in pA (rate in Hz, τ in ms). */
    public static double dcEquivalentPa(double kExt, double rateHz, double weightPa, double tauSynMs) {
        return kExt * rateHz * weightPa * tauSynMs * 1e-3;
    }

    private static void requireNonNegative(Population p, String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(p.name() + ": " + field + " must be finite and >= 0, got " + v);
        }
    }
}
