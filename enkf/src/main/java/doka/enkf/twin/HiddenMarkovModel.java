package doka.enkf.twin;

import java.util.function.IntFunction;

import doka.enkf.LocalDomains;
import doka.enkf.model.Lorenz63;
import doka.enkf.model.Lorenz96;
import doka.enkf.model.Ode;

/**
 * A twin experiment's world, as DAPPER's {@code HiddenMarkovModel}: the dynamics and their time step, how
 * many steps make one assimilation cycle, which state components are observed with which error variance,
 * how the truth and the initial ensemble are drawn, and the model's geometry for localization.
 *
 * @param name             a label for reports
 * @param ode              the dynamics, integrated with RK4
 * @param dt               RK4 step (model time units)
 * @param stepsPerCycle    RK4 steps between two analyses
 * @param observed         observed state components (H picks them: H = identity on this subset)
 * @param obsVariance      observation error variance R = obsVariance·I
 * @param spinUpSteps      RK4 steps from a random start to put the truth on the attractor
 * @param initialSpread    standard deviation of the initial ensemble around the truth
 * @param burnInCycles     default number of cycles left out of the averages
 * @param domains          local domains for a filter vector of the given length (state plus estimated parameters)
 */
public record HiddenMarkovModel(String name, Ode ode, double dt, int stepsPerCycle, int[] observed,
                                double obsVariance, int spinUpSteps, double initialSpread, int burnInCycles,
                                IntFunction<LocalDomains> domains) {
    public HiddenMarkovModel {
        if (!(dt > 0) || stepsPerCycle < 1 || spinUpSteps < 0 || burnInCycles < 0) {
            throw new IllegalArgumentException(name + ": need dt > 0, stepsPerCycle ≥ 1, spinUpSteps ≥ 0, burnIn ≥ 0");
        }
        if (!(obsVariance > 0) || !(initialSpread >= 0)) {
            throw new IllegalArgumentException(name + ": need obsVariance > 0 and initialSpread ≥ 0");
        }
        for (int i : observed) {
            if (i < 0 || i >= ode.dimension()) {
                throw new IllegalArgumentException(name + ": observed component " + i + " is outside 0.."
                        + (ode.dimension() - 1));
            }
        }
    }

    /**
     * Lorenz-96 as in Sakov &amp; Oke (2008), Tellus 60A: K = 40, F = 8, one RK4 step of 0.05 per cycle, every
     * variable observed with error variance 1, burn-in 20 time units (400 cycles), initial ensemble = truth + N(0, 1).
     */
    public static HiddenMarkovModel lorenz96Sakov2008() {
        int k = 40;
        int[] all = new int[k];
        for (int i = 0; i < k; i++) {
            all[i] = i;
        }
        return new HiddenMarkovModel("Lorenz-96 (Sakov & Oke 2008)", new Lorenz96(k), 0.05, 1, all, 1.0, 4000, 1.0,
                400, filterDim -> LocalDomains.cyclicGrid(k, all, filterDim));
    }

    /**
     * Lorenz-63 as in Sakov, Oliver &amp; Bertino (2012), MWR 140 (DAPPER's {@code sakov2012}): RK4 with dt = 0.01,
     * all three variables observed every 25 steps (0.25 time units) with error variance 2, initial ensemble =
     * truth + N(0, 2). It has no geometry: the LETKF sees every observation (one global domain).
     */
    public static HiddenMarkovModel lorenz63Sakov2012() {
        int[] all = {0, 1, 2};
        return new HiddenMarkovModel("Lorenz-63 (Sakov et al. 2012)", new Lorenz63(), 0.01, 25, all, 2.0, 5000,
                Math.sqrt(2.0), 40, LocalDomains::global);
    }
}
