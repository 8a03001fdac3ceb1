package doka.engine.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.kernel.NeuronRange;
import doka.engine.kernel.SynapseGenerator;
import doka.engine.model.IafPscExp;

/** In-degree means and variances per rule against their exact distributions. */
class TestConnectionRules {
    private static final double DT = 0.1;

    private record Built(Network network, NeuronRange source, NeuronRange target) {
    }

    private static Built build(int nSource, int nTarget, java.util.function.Function<Projection, SynapseGenerator> rule,
                               Positions srcPos, Positions tgtPos) {
        NetworkBuilder b = new NetworkBuilder(DT).threads(2).partitionSize(700);
        NeuronRange s = b.addPopulation("S", nSource, IafPscExp.Parameters.pd14());
        NeuronRange t = b.addPopulation("T", nTarget, IafPscExp.Parameters.pd14());
        Projection p = new Projection(s, t, WeightDistribution.constant(1), DelayDistribution.constant(1), DT, 77, 5,
                srcPos, tgtPos);
        b.connect(rule.apply(p));
        return new Built(b.build(), s, t);
    }

    private static double[] meanVar(int[] k, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m += k[i];
        }
        m /= to - from;
        double v = 0;
        for (int i = from; i < to; i++) {
            v += (k[i] - m) * (k[i] - m);
        }
        return new double[] {m, v / (to - from - 1)};
    }

    /** Sample mean within 5 standard errors; sample variance within 5 standard errors (normal approx.). */
    private static void assertMoments(double[] mv, double mean, double var, int n, String what) {
        double seMean = Math.sqrt(var / n);
        assertEquals(mean, mv[0], 5 * seMean + 1e-12, what + " mean");
        double seVar = var * Math.sqrt(2.0 / (n - 1)) + 1e-12;
        assertEquals(var, mv[1], 5 * seVar, what + " variance");
    }

    @Test
    void fixedTotalNumberInDegreesAreBinomial() {
        long n = 200_000;
        Built b = build(800, 2000, p -> new FixedTotalNumber(p, n), null, null);
        try (Network net = b.network) {
            assertEquals(n, net.synapses().synapseCount());
            int[] k = net.synapses().inDegrees();
            double q = 1.0 / 2000;
            assertMoments(meanVar(k, 800, 2800), n * q, n * q * (1 - q), 2000, "in-degree");
            int[] out = net.synapses().outDegrees();
            double r = 1.0 / 800;
            assertMoments(meanVar(out, 0, 800), n * r, n * r * (1 - r), 800, "out-degree");
        }
    }

    @Test
    void pairwiseBernoulliInDegreesAreBinomial() {
        double p = 0.1;
        Built b = build(1500, 1500, pr -> new PairwiseBernoulli(pr, p, true), null, null);
        try (Network net = b.network) {
            int[] k = net.synapses().inDegrees();
            assertMoments(meanVar(k, 1500, 3000), 1500 * p, 1500 * p * (1 - p), 1500, "in-degree");
        }
    }

    @Test
    void pairwiseBernoulliWithoutAutapsesSkipsSelf() {
        NetworkBuilder nb = new NetworkBuilder(DT).threads(1);
        NeuronRange a = nb.addPopulation("A", 300, IafPscExp.Parameters.pd14());
        nb.connect(new PairwiseBernoulli(new Projection(a, a, WeightDistribution.constant(1),
                DelayDistribution.constant(1), DT, 1, 1), 1.0, false));
        try (Network net = nb.build()) {
            assertEquals(300L * 299, net.synapses().synapseCount());
            net.synapses().forEach((s, t, w, d) -> assertTrue(s != t));
        }
    }

    @Test
    void gaussianBernoulliMatchesTheSumOfProbabilities() {
        int side = 40;
        float[] x = new float[side * side];
        float[] y = new float[side * side];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % side) * 0.025f;
            y[i] = (i / side) * 0.025f;
        }
        Positions pos = new Positions(x, y);
        double p0 = 0.6;
        double sigma = 0.1;
        double cutoff = 0.3;
        Built b = build(x.length, x.length, pr -> ConnectionRules.create("pairwise_bernoulli",
                Map.of("p0", p0, "sigma_mm", sigma, "cutoff_mm", cutoff), pr), pos, pos);
        try (Network net = b.network) {
            int[] k = net.synapses().inDegrees();
            double sumDiff = 0;
            double sumSq = 0;
            double sumVar = 0;
            int n = x.length;
            for (int t = 0; t < n; t++) {
                double mean = 0;
                double var = 0;
                for (int s = 0; s < n; s++) {
                    double dx = (double) x[s] - x[t];
                    double dy = (double) y[s] - y[t];
                    double r = Math.sqrt(dx * dx + dy * dy);
                    double p = r > cutoff ? 0 : p0 * Math.exp(-r * r / (2 * sigma * sigma));
                    mean += p;
                    var += p * (1 - p);
                }
                double d = k[n + t] - mean;
                sumDiff += d;
                sumSq += d * d;
                sumVar += var;
            }
            // Σ(k − E k) ~ N(0, Σ var); Σ(k − E k)² / Σ var ≈ 1 ± a few √(2/n)
            assertEquals(0, sumDiff, 5 * Math.sqrt(sumVar));
            assertEquals(1, sumSq / sumVar, 5 * Math.sqrt(2.0 / n) + 0.05);
            // no synapse beyond the cutoff
            net.synapses().forEach((s, t, w, d) -> {
                double dx = (double) x[s] - x[t - n];
                double dy = (double) y[s] - y[t - n];
                assertTrue(dx * dx + dy * dy <= cutoff * cutoff + 1e-9);
            });
        }
    }

    @Test
    void fixedInDegreeIsExactAndOutDegreesBinomial() {
        int k = 50;
        Built b = build(1000, 2000, p -> new FixedInDegree(p, k, true, true), null, null);
        try (Network net = b.network) {
            int[] in = net.synapses().inDegrees();
            for (int t = 1000; t < 3000; t++) {
                assertEquals(k, in[t]);
            }
            int[] out = net.synapses().outDegrees();
            long trials = (long) k * 2000;
            assertMoments(meanVar(out, 0, 1000), trials / 1000.0, trials * 0.001 * 0.999, 1000, "out-degree");
        }
    }

    @Test
    void fixedInDegreeWithoutMultapsesDrawsDistinctSources() {
        Built b = build(60, 100, p -> new FixedInDegree(p, 55, true, false), null, null);
        try (Network net = b.network) {
            Set<Long> pairs = new HashSet<>();
            net.synapses().forEach((s, t, w, d) -> assertTrue(pairs.add(((long) s << 32) | t), s + "->" + t));
            assertEquals(55 * 100, pairs.size());
        }
        assertThrows(IllegalArgumentException.class, () -> build(60, 100, p -> new FixedInDegree(p, 61, true, false),
                null, null));
    }

    @Test
    void weightsKeepTheirSignAndDelaysStayOnTheGrid() {
        NetworkBuilder nb = new NetworkBuilder(DT).threads(2);
        NeuronRange a = nb.addPopulation("A", 400, IafPscExp.Parameters.pd14());
        WeightDistribution w = new WeightDistribution(-10, 8);
        DelayDistribution d = new DelayDistribution(0.3, 0.3);
        nb.connect(new FixedTotalNumber(new Projection(a, a, w, d, DT, 3, 1), 100_000));
        try (Network net = nb.build()) {
            double[] sum = new double[4];
            int[] zeros = new int[1];
            net.synapses().forEach((s, t, wt, dl) -> {
                assertTrue(wt <= 0, "weight " + wt);
                assertTrue(dl >= 1);
                sum[0] += wt;
                sum[1] += dl;
                if (dl == 1) {
                    sum[2]++;
                }
                if (wt == 0) {
                    zeros[0]++;
                }
            });
            // P(w > 0) = P(Z > 1.25) = 0.1056: those become 0
            assertEquals(0.1056, zeros[0] / 1e5, 0.005);
            // delays: P(d < 0.15 ms) rounds or clips to one step = Φ((0.15 − 0.3)/0.3) = Φ(−0.5) = 0.3085
            assertEquals(0.3085, sum[2] / 1e5, 0.006);
        }
    }

    @Test
    void registryNamesRulesAndRejectsBadParameters() {
        NeuronRange a = new NeuronRange("A", 0, 0, 10);
        Projection p = new Projection(a, a, WeightDistribution.constant(1), DelayDistribution.constant(1), DT, 1, 1);
        assertTrue(ConnectionRules.create("fixed_indegree", Map.of("K", 3), p) instanceof FixedInDegree);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionRules.create("all_to_all", Map.of(), p));
        assertTrue(e.getMessage().contains("unknown connection rule 'all_to_all'"));
        e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionRules.create("pairwise_bernoulli", Map.of("p", 0.1, "q", 1), p));
        assertTrue(e.getMessage().contains("unknown parameter 'q'"));
        e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionRules.create("pairwise_bernoulli", Map.of("p", 1.5), p));
        assertTrue(e.getMessage().contains("p must be in [0, 1]"));
    }
}
