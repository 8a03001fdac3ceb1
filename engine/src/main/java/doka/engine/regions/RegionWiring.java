package doka.engine.regions;

import doka.engine.kernel.Ownership;
import doka.engine.kernel.Rng;
import doka.engine.kernel.SplitMix64;
import doka.engine.kernel.SynapseBatch;
import doka.engine.kernel.SynapseGenerator;
import java.util.List;
import java.util.Set;

/**
 * The synapses of the regions: local rules within a kind of region, long-range pathways between
 * regions and between regions and the cortex. Every rule gives each target cell a fixed number of
 * inputs (drawn with replacement, as NEST's {@code fixed_indegree}) from its candidate sources:
 * <ul>
 *   <li>{@link Kernel#GAUSSIAN}: within the same kind of region and hemisphere, probability ∝
 *       exp(−r²/2σ²) (cut at 3σ), r the distance projected onto the surface plane (the plane
 *       normal to the target's surface normal in the cerebellar cortex; 3-D elsewhere);</li>
 *   <li>{@link Kernel#PARALLEL_FIBRE}: granule → Purkinje and molecular-layer interneurons: a
 *       granule cell's parallel fibre runs along f, the medio-lateral axis projected onto the
 *       target's surface plane, so it reaches the targets within ±{@code p1} µm along f and
 *       ±{@code p2} µm across it (g = n × f), at any depth; delay 1 ms + |d·f| / 0.3 mm ms⁻¹;</li>
 *   <li>{@link Kernel#AREAS}: long-range: source areas (cortical areas or regions) weighted by
 *       their connectome strength to the target's area (those below 5 % of the strongest dropped;
 *       without {@code byConnectome} every area of the source classes in the same hemisphere
 *       weighs alike), the cell uniform within its area; delay 1.5 ms + distance / v_source.</li>
 * </ul>
 * The long-range rules with {@code reportRule} follow the report's cell-type rule (§3.1):
 * presynaptic only cortex L2–6 E, Purkinje, nuclear E, pontine E and thalamocortical cells;
 * postsynaptic only cortical cells, granule, nuclear E, pontine E and thalamocortical cells
 * ({@link #PRESYNAPTIC}, {@link #POSTSYNAPTIC}, checked when a rule is made). The basal-ganglia
 * pathways are outside that rule. Random streams are per (rule, target cell), so the synapses
 * do not depend on threads or ranks.
 */
public final class RegionWiring implements SynapseGenerator {
    /** How a target chooses among its candidate sources. */
    public enum Kernel { GAUSSIAN, PARALLEL_FIBRE, AREAS }

    /** Stand-in class for the cortex's L2/3–L6 E cells as long-range sources. */
    public static final RegionClass CORTEX_E = new RegionClass("cortex E", true, null, 0, 0, 0, 0, 0);
    /** Stand-in class for every cortical cell as a long-range target. */
    public static final RegionClass CORTEX_ALL = new RegionClass("cortex", true, null, 0, 0, 0, 0, 0);

    /** The report's presynaptic classes of long-range wiring. */
    public static final Set<RegionClass> PRESYNAPTIC = Set.of(CORTEX_E, RegionClass.PURKINJE, RegionClass.NUCLEI,
            RegionClass.PONTINE, RegionClass.TC);
    /** The report's postsynaptic classes of long-range wiring. */
    public static final Set<RegionClass> POSTSYNAPTIC = Set.of(CORTEX_ALL, RegionClass.GRANULE, RegionClass.NUCLEI,
            RegionClass.PONTINE, RegionClass.TC);

    /**
     * One rule.
     *
     * @param name key in model files' {@code regions.pathways}
     * @param sources source classes
     * @param target target class
     * @param inDegree inputs per target cell
     * @param weightPa PSC amplitude (sign from the source class)
     * @param kernel how sources are chosen
     * @param p1 σ (Gaussian) or half-length along the fibre (parallel fibre), µm
     * @param p2 half-width across the fibre, µm
     * @param byConnectome long-range: weigh source areas by connectome strength
     * @param reportRule long-range under the report's cell-type rule
     */
    public record Rule(String name, List<RegionClass> sources, RegionClass target, int inDegree, double weightPa,
                       Kernel kernel, double p1, double p2, boolean byConnectome, boolean reportRule) {
        public Rule {
            sources = List.copyOf(sources);
            if (reportRule && (!PRESYNAPTIC.containsAll(sources) || !POSTSYNAPTIC.contains(target))) {
                throw new IllegalArgumentException("rule " + name + " breaks the report's cell-type rule");
            }
        }

        Rule with(int k, double w) {
            return new Rule(name, sources, target, k, w, kernel, p1, p2, byConnectome, reportRule);
        }

        static Rule local(String name, RegionClass s, RegionClass t, int k, double w, double sigmaUm) {
            return new Rule(name, List.of(s), t, k, w, Kernel.GAUSSIAN, sigmaUm, 0, false, false);
        }

        static Rule longRange(String name, List<RegionClass> s, RegionClass t, int k, double w) {
            return new Rule(name, s, t, k, w, Kernel.AREAS, 0, 0, true, true);
        }

        static Rule pathway(String name, RegionClass s, RegionClass t, int k, double w, boolean byConnectome) {
            return new Rule(name, List.of(s), t, k, w, Kernel.AREAS, 0, 0, byConnectome, false);
        }
    }

    /** The default rules (docs/regions.md gives their sources). */
    public static final List<Rule> DEFAULTS = List.of(
            // cerebellar cortex
            Rule.local("granule->Golgi", RegionClass.GRANULE, RegionClass.GOLGI, 50, 40, 150),
            Rule.local("Golgi->granule", RegionClass.GOLGI, RegionClass.GRANULE, 4, 100, 100),
            new Rule("granule->Purkinje", List.of(RegionClass.GRANULE), RegionClass.PURKINJE, 400, 15,
                    Kernel.PARALLEL_FIBRE, 1000, 75, false, false),
            new Rule("granule->MLI", List.of(RegionClass.GRANULE), RegionClass.MLI, 100, 25, Kernel.PARALLEL_FIBRE,
                    1000, 75, false, false),
            Rule.local("MLI->Purkinje", RegionClass.MLI, RegionClass.PURKINJE, 10, 60, 100),
            Rule.local("MLI->MLI", RegionClass.MLI, RegionClass.MLI, 5, 30, 100),
            // striatum and GPe
            Rule.local("D1->D1", RegionClass.D1, RegionClass.D1, 10, 20, 300),
            Rule.local("D1->D2", RegionClass.D1, RegionClass.D2, 10, 20, 300),
            Rule.local("D2->D1", RegionClass.D2, RegionClass.D1, 10, 20, 300),
            Rule.local("D2->D2", RegionClass.D2, RegionClass.D2, 10, 20, 300),
            Rule.local("FS->D1", RegionClass.STRIATAL_FS, RegionClass.D1, 10, 60, 300),
            Rule.local("FS->D2", RegionClass.STRIATAL_FS, RegionClass.D2, 10, 60, 300),
            Rule.local("FS->FS", RegionClass.STRIATAL_FS, RegionClass.STRIATAL_FS, 5, 30, 300),
            Rule.local("GPe->GPe", RegionClass.GPE, RegionClass.GPE, 10, 30, 300),
            // long range, the report's rule
            Rule.longRange("cortex->pons", List.of(CORTEX_E), RegionClass.PONTINE, 300, 87.81),
            Rule.longRange("cortex->thalamus", List.of(CORTEX_E), RegionClass.TC, 100, 87.81),
            Rule.longRange("thalamus->cortex", List.of(RegionClass.TC), CORTEX_ALL, 10, 87.81),
            Rule.longRange("mossy fibres", List.of(RegionClass.PONTINE, RegionClass.NUCLEI, RegionClass.TC, CORTEX_E),
                    RegionClass.GRANULE, 4, 3000),
            Rule.longRange("Purkinje->nuclei", List.of(RegionClass.PURKINJE), RegionClass.NUCLEI, 30, 60),
            Rule.longRange("mossy collaterals->nuclei", List.of(RegionClass.PONTINE, RegionClass.TC, CORTEX_E),
                    RegionClass.NUCLEI, 10, 87.81),
            Rule.longRange("nuclei->thalamus", List.of(RegionClass.NUCLEI), RegionClass.TC, 30, 87.81),
            // basal ganglia
            Rule.pathway("cortex->D1", CORTEX_E, RegionClass.D1, 100, 87.81, true),
            Rule.pathway("cortex->D2", CORTEX_E, RegionClass.D2, 100, 87.81, true),
            Rule.pathway("cortex->striatal FS", CORTEX_E, RegionClass.STRIATAL_FS, 100, 87.81, true),
            Rule.pathway("D1->GPi/SNr", RegionClass.D1, RegionClass.GPI_SNR, 40, 60, false),
            Rule.pathway("D2->GPe", RegionClass.D2, RegionClass.GPE, 40, 60, false),
            Rule.pathway("GPe->GPi/SNr", RegionClass.GPE, RegionClass.GPI_SNR, 20, 30, false),
            Rule.pathway("GPi/SNr->thalamus", RegionClass.GPI_SNR, RegionClass.TC, 10, 20, false));

    /** Relative strength under which a source area is dropped. */
    static final double STRENGTH_FLOOR = 0.05;
    static final double LOCAL_DELAY_MS = 1.0;
    static final double LOCAL_VELOCITY_MM_PER_MS = 0.3;
    static final double LONG_RANGE_BASE_DELAY_MS = 1.5;
    static final double RELATIVE_WEIGHT_SD = 0.1;
    /** Stream purposes: far from the kernel's own (1–6). */
    private static final long PURPOSE_BASE = 0x5E61_0000L;

    /**
     * One unit of work: a rule onto targets [from, to) of one target area, with its candidate
     * source ranges (global indices), their weights and conduction velocities.
     */
    record Task(int rule, int from, int to, int[] srcStart, int[] srcEnd, double[] rangeWeight, double[] velocityMmPerMs) {
    }

    private final List<Rule> rules;
    private final List<Task> tasks;
    private final float[] posUm;
    private final float[] normal;
    private final double dtMs;
    private final long seed;

    private final boolean[] excitatory;

    /** {@code excitatory}: whether each neuron's synapses excite. */
    RegionWiring(List<Rule> rules, List<Task> tasks, float[] posUm, float[] normal, boolean[] excitatory, double dtMs,
                 long seed) {
        this.excitatory = excitatory;
        this.rules = rules;
        this.tasks = tasks;
        this.posUm = posUm;
        this.normal = normal;
        this.dtMs = dtMs;
        this.seed = seed;
    }

    @Override
    public String description() {
        return "region wiring (" + tasks.size() + " tasks)";
    }

    @Override
    public int blockCount() {
        return tasks.size();
    }

    @Override
    public void generate(int block, SynapseBatch out, Ownership targets) {
        Task task = tasks.get(block);
        Rule rule = rules.get(task.rule);
        int ranges = task.srcStart.length;
        int candidates = 0;
        for (int r = 0; r < ranges; r++) {
            candidates += task.srcEnd[r] - task.srcStart[r];
        }
        if (candidates == 0 || rule.inDegree() == 0) {
            return;
        }
        boolean spatial = rule.kernel() != Kernel.AREAS;
        double[] cum = new double[spatial ? candidates : ranges];
        int[] cell = spatial ? new int[candidates] : null;
        double[] rangeCum = new double[ranges];
        double total = 0;
        for (int r = 0; r < ranges; r++) {
            total += task.rangeWeight[r];
            rangeCum[r] = total;
        }
        for (int t = task.from; t < task.to; t++) {
            if (!targets.isAll() && !targets.owns(t)) {
                continue;
            }
            SplitMix64 pairs = new SplitMix64(Rng.key(seed, PURPOSE_BASE + task.rule, t));
            SplitMix64 vals = new SplitMix64(Rng.key(seed, PURPOSE_BASE + 1024 + task.rule, t));
            double sum;
            if (spatial) {
                sum = spatialWeights(rule, task, t, cum, cell);
            } else {
                System.arraycopy(rangeCum, 0, cum, 0, ranges);
                sum = total;
            }
            if (!(sum > 0)) {
                continue;
            }
            for (int k = 0; k < rule.inDegree(); k++) {
                int i = search(cum, pairs.nextDouble() * sum, spatial ? candidates : ranges);
                int src, range;
                if (spatial) {
                    src = cell[i];
                    range = rangeOf(task, src);
                } else {
                    range = i;
                    src = task.srcStart[i] + pairs.nextInt(task.srcEnd[i] - task.srcStart[i]);
                }
                if (src == t) {
                    continue;
                }
                double delayMs;
                if (rule.kernel() == Kernel.PARALLEL_FIBRE) {
                    delayMs = LOCAL_DELAY_MS + Math.abs(alongFibre(src, t)) * 1e-3 / LOCAL_VELOCITY_MM_PER_MS;
                } else if (rule.kernel() == Kernel.GAUSSIAN) {
                    delayMs = LOCAL_DELAY_MS + distanceUm(src, t) * 1e-3 / LOCAL_VELOCITY_MM_PER_MS;
                } else {
                    delayMs = LONG_RANGE_BASE_DELAY_MS + distanceUm(src, t) * 1e-3 / task.velocityMmPerMs[range];
                }
                boolean exc = excitatory[src];
                double w = Math.max(0, Math.abs(rule.weightPa()) * (1 + RELATIVE_WEIGHT_SD * vals.nextGaussian()));
                out.add(src, t, (float) (exc ? w : -w), Math.max(1, (int) Math.round(delayMs / dtMs)));
            }
        }
    }

    private double spatialWeights(Rule rule, Task task, int t, double[] cum, int[] cell) {
        double sum = 0;
        int i = 0;
        double inv2s2 = rule.kernel() == Kernel.GAUSSIAN ? 1 / (2 * rule.p1() * rule.p1()) : 0;
        double cut2 = 9 * rule.p1() * rule.p1();
        double[] f = fibreAxis(t);
        double[] n = {normal[3 * t], normal[3 * t + 1], normal[3 * t + 2]};
        double[] g = {n[1] * f[2] - n[2] * f[1], n[2] * f[0] - n[0] * f[2], n[0] * f[1] - n[1] * f[0]};
        for (int r = 0; r < task.srcStart.length; r++) {
            int size = task.srcEnd[r] - task.srcStart[r];
            double per = size == 0 ? 0 : task.rangeWeight[r] / size;
            for (int s = task.srcStart[r]; s < task.srcEnd[r]; s++) {
                double dx = posUm[3 * s] - posUm[3 * t], dy = posUm[3 * s + 1] - posUm[3 * t + 1],
                        dz = posUm[3 * s + 2] - posUm[3 * t + 2];
                double w;
                if (rule.kernel() == Kernel.GAUSSIAN) {
                    double along = dx * n[0] + dy * n[1] + dz * n[2];
                    double r2 = dx * dx + dy * dy + dz * dz - along * along;
                    w = r2 > cut2 ? 0 : Math.exp(-r2 * inv2s2);
                } else {
                    double a = dx * f[0] + dy * f[1] + dz * f[2], b = dx * g[0] + dy * g[1] + dz * g[2];
                    w = Math.abs(a) <= rule.p1() && Math.abs(b) <= rule.p2() ? 1 : 0;
                }
                sum += per * w;
                cum[i] = sum;
                cell[i++] = s;
            }
        }
        return sum;
    }

    /** The parallel-fibre direction at a target: the medio-lateral axis projected onto its surface plane. */
    private double[] fibreAxis(int t) {
        double nz = normal[3 * t + 2];
        double[] f = {-nz * normal[3 * t], -nz * normal[3 * t + 1], 1 - nz * nz};
        double len = Math.sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]);
        if (len < 1e-9) {
            return new double[] {1, 0, 0};
        }
        return new double[] {f[0] / len, f[1] / len, f[2] / len};
    }

    /** Signed distance from target to source along the target's parallel-fibre axis, µm. */
    double alongFibre(int src, int t) {
        double[] f = fibreAxis(t);
        return (posUm[3 * src] - posUm[3 * t]) * f[0] + (posUm[3 * src + 1] - posUm[3 * t + 1]) * f[1]
                + (posUm[3 * src + 2] - posUm[3 * t + 2]) * f[2];
    }

    private double distanceUm(int a, int b) {
        double dx = posUm[3 * a] - posUm[3 * b], dy = posUm[3 * a + 1] - posUm[3 * b + 1], dz = posUm[3 * a + 2] - posUm[3 * b + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static int rangeOf(Task task, int src) {
        for (int r = 0; r < task.srcStart.length; r++) {
            if (src >= task.srcStart[r] && src < task.srcEnd[r]) {
                return r;
            }
        }
        throw new IllegalStateException("source outside its task's ranges");
    }

    /** First index whose cumulative weight exceeds x. */
    private static int search(double[] cum, double x, int n) {
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Tasks of at most this many targets, so that big populations spread over threads. */
    static final int CHUNK = 256;

    static void addTasks(List<Task> out, int rule, int from, int to, int[] srcStart, int[] srcEnd, double[] weight,
                         double[] velocity) {
        for (int a = from; a < to; a += CHUNK) {
            out.add(new Task(rule, a, Math.min(to, a + CHUNK), srcStart, srcEnd, weight, velocity));
        }
    }
}
