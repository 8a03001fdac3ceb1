package doka.engine.bench;

import doka.engine.connect.DelayDistribution;
import doka.engine.connect.PairwiseBernoulli;
import doka.engine.connect.Projection;
import doka.engine.connect.WeightDistribution;
import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.kernel.NeuronRange;
import doka.engine.model.IafPscExp;

/**
 * The B10k benchmark network (the same as {@code shared/bench/brian2_b10k.py}): 10,000
 * {@code iaf_psc_exp} neurons with PD14 parameters, 80 % excitatory, pairwise Bernoulli p = 0.1
 * (autapses allowed, as Brian's {@code connect(p=0.1)}), w_E = 87.8 pA, g = 5, delays 1.5 ms (E)
 * and 0.8 ms (I), Poisson background of 850 × 8 Hz per neuron with weight w_E,
 * V₀ ~ U(−65, −50) mV, dt = 0.1 ms.
 */
public final class B10k {
    public static final int NEURONS = 10_000;
    public static final double P = 0.1;
    public static final double W_E_PA = 87.8;
    public static final double G = 5;
    public static final double DELAY_E_MS = 1.5;
    public static final double DELAY_I_MS = 0.8;
    public static final double BACKGROUND_HZ = 850 * 8.0;

    private B10k() {
    }

    public static Network build(long seed, int threads) {
        return build(seed, threads, NEURONS);
    }

    /** The same network with another size (for warming up the JIT before a timed run). */
    public static Network build(long seed, int threads, int neurons) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(seed).threads(threads);
        int ne = (int) (0.8 * neurons);
        NeuronRange e = b.addPopulation("E", ne, IafPscExp.Parameters.pd14());
        NeuronRange i = b.addPopulation("I", neurons - ne, IafPscExp.Parameters.pd14());
        NeuronRange all = new NeuronRange("all", 0, 0, neurons);
        b.connect(new PairwiseBernoulli(new Projection(e, all, WeightDistribution.constant(W_E_PA),
                DelayDistribution.constant(DELAY_E_MS), 0.1, seed, 1), P, true));
        b.connect(new PairwiseBernoulli(new Projection(i, all, WeightDistribution.constant(-G * W_E_PA),
                DelayDistribution.constant(DELAY_I_MS), 0.1, seed, 2), P, true));
        Network net = b.build();
        for (String name : new String[] {"E", "I"}) {
            net.population(name).setBackground(BACKGROUND_HZ, W_E_PA);
            net.population(name).drawMembranePotentialsUniform(-65, -50, seed);
        }
        return net;
    }
}
