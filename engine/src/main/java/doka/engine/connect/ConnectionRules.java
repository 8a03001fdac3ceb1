package doka.engine.connect;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import doka.engine.kernel.SynapseGenerator;

/**
 * The registry of connection rules by name, for builders and model files. Parameters (NEST's
 * names where NEST has them):
 * <ul>
 *   <li>{@code fixed_total_number}: {@code N};</li>
 *   <li>{@code pairwise_bernoulli}: {@code p}, or {@code p0} and {@code sigma_mm} (2-D Gaussian of
 *       the distance, optional {@code cutoff_mm}, default 3σ; needs positions);
 *       {@code allow_autapses} (default true);</li>
 *   <li>{@code fixed_indegree}: {@code K}, {@code allow_autapses}, {@code allow_multapses} (default true).</li>
 * </ul>
 */
public final class ConnectionRules {
    private ConnectionRules() {
    }

    public static List<String> names() {
        return List.of(FixedTotalNumber.NAME, PairwiseBernoulli.NAME, FixedInDegree.NAME);
    }

    public static SynapseGenerator create(String rule, Map<String, Object> params, Projection projection) {
        Args a = new Args(rule, params);
        SynapseGenerator g = switch (rule) {
            case FixedTotalNumber.NAME -> new FixedTotalNumber(projection, a.count("N"));
            case PairwiseBernoulli.NAME -> {
                boolean autapses = a.flag("allow_autapses", true);
                if (params.containsKey("p")) {
                    yield new PairwiseBernoulli(projection, a.number("p"), autapses);
                }
                double sigma = a.number("sigma_mm");
                yield new GaussianBernoulli(projection, a.number("p0"), sigma, a.number("cutoff_mm", 3 * sigma),
                        autapses);
            }
            case FixedInDegree.NAME -> new FixedInDegree(projection, (int) a.count("K"),
                    a.flag("allow_autapses", true), a.flag("allow_multapses", true));
            default -> throw new IllegalArgumentException("unknown connection rule '" + rule + "'; expected one of "
                    + names());
        };
        a.requireAllUsed();
        return g;
    }

    private static final class Args {
        private final String rule;
        private final Map<String, Object> params;
        private final Set<String> used = new HashSet<>();

        Args(String rule, Map<String, Object> params) {
            this.rule = rule;
            this.params = params;
        }

        double number(String name) {
            used.add(name);
            Object v = params.get(name);
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(rule + ": parameter '" + name + "' must be a number, got " + v);
            }
            return n.doubleValue();
        }

        double number(String name, double fallback) {
            return params.containsKey(name) ? number(name) : fallback;
        }

        long count(String name) {
            double v = number(name);
            if (v != Math.rint(v) || v < 0) {
                throw new IllegalArgumentException(rule + ": parameter '" + name + "' must be a whole number >= 0, got "
                        + v);
            }
            return (long) v;
        }

        boolean flag(String name, boolean fallback) {
            used.add(name);
            Object v = params.get(name);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Boolean b)) {
                throw new IllegalArgumentException(rule + ": parameter '" + name + "' must be true or false, got " + v);
            }
            return b;
        }

        void requireAllUsed() {
            for (String k : params.keySet()) {
                if (!used.contains(k)) {
                    throw new IllegalArgumentException(rule + ": unknown parameter '" + k + "'");
                }
            }
        }
    }
}
