package doka.engine.regions;

import doka.engine.atlas.Area;
import doka.engine.atlas.Atlas;
import doka.engine.cortex.CellClass;
import doka.engine.cortex.Cells;
import doka.engine.cortex.ParameterSpec;
import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.kernel.NeuronModel;
import doka.engine.kernel.Ownership;
import doka.engine.kernel.Population;
import doka.engine.model.NeuronModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The regions of one member, built into the same kernel network as its cortex: their cells are
 * numbered after the cortex's ({@code base} on), their populations follow the cortex's, named
 * "SIM-L/Purkinje". The cortex network calls, in order: {@link #ownership} (a split member),
 * {@link #addPopulations}, {@link #connect}, then after the build {@link #initialise} and
 * {@link #applyLiveParameters}.
 *
 * <p>Live parameters: a region population's Poisson background is scaled by
 * {@code background_rate_scale}, its excitatory and inhibitory inputs by {@code weight_scale_J};
 * the long-range conduction velocity of a source is {@code velocity_m_per_s} (structural). Each
 * is looked up for the population ("SIM-L/Purkinje"), then the region ("SIM-L"), the hemisphere
 * and the global value (see {@link #value}).
 */
public final class Regions {
    /** What the model's data paths load to: the regions' atlas (already restricted) and connectome. */
    public record Inputs(RegionAtlas atlas, RegionConnectome connectome) {
    }

    private final RegionsSpec spec;
    private final RegionAtlas atlas;
    private final RegionConnectome connectome;
    private final Atlas cortexAtlas;
    private final Cells cortexCells;
    private final RegionCells cells;
    private final int base;
    private int firstPopulation = -1;
    private final List<String> notes = new ArrayList<>();

    /** The smallest delay the regions' rules give (the local one; long-range delays start higher), ms. */
    public static final double SMALLEST_DELAY_MS = Math.min(RegionWiring.LOCAL_DELAY_MS,
            RegionWiring.LONG_RANGE_BASE_DELAY_MS);

    public Regions(RegionsSpec spec, Inputs inputs, Atlas cortexAtlas, Cells cortexCells) {
        this.spec = spec;
        this.atlas = inputs.atlas();
        this.connectome = inputs.connectome();
        this.cortexAtlas = cortexAtlas;
        this.cortexCells = cortexCells;
        this.base = cortexCells.count();
        this.cells = RegionCells.place(atlas, spec.densityScale(), spec.seed());
        notes.addAll(atlas.notes());
    }

    public RegionAtlas atlas() {
        return atlas;
    }

    public RegionCells cells() {
        return cells;
    }

    /** Global index of the first region cell. */
    public int base() {
        return base;
    }

    /** Network index of the first region population. */
    public int firstPopulation() {
        return firstPopulation;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** "SIM-L/Purkinje". */
    public String populationName(int p) {
        RegionCells.PopulationInfo info = cells.populations().get(p);
        return atlas.areas().get(info.area()).name() + "/" + info.cls().label();
    }

    /** Whether {@code scope} names a region ("PG-L") or a region population ("SIM-L/granule"). */
    public boolean hasScope(String scope) {
        if (atlas.area(scope) != null) {
            return true;
        }
        for (int p = 0; p < cells.populationCount(); p++) {
            if (populationName(p).equals(scope)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cortex's tiles extended by the region cells: each region population is cut into
     * {@code ranks} equal consecutive parts, part r on rank r. The network does not depend on the split.
     */
    public Ownership[] ownership(Ownership[] cortexTiles) {
        int ranks = cortexTiles.length, total = base + cells.count();
        Ownership[] out = new Ownership[ranks];
        for (int r = 0; r < ranks; r++) {
            Ownership t = cortexTiles[r];
            int n = t.rangeCount(), np = cells.populationCount();
            int[] start = new int[n + np], end = new int[n + np];
            for (int i = 0; i < n; i++) {
                start[i] = t.rangeStart(i);
                end[i] = t.rangeEnd(i);
            }
            for (int p = 0; p < np; p++) {
                long size = cells.size(p);
                start[n + p] = base + cells.offset(p) + (int) (size * r / ranks);
                end[n + p] = base + cells.offset(p) + (int) (size * (r + 1) / ranks);
            }
            out[r] = Ownership.ofRanges(total, start, end);
        }
        return out;
    }

    /** The neuron of a class: leaky integrate-and-fire with exponential currents (docs/regions.md). */
    static NeuronModel neuron(RegionClass c) {
        return NeuronModels.create("iaf_psc_exp", null, Map.of("C_m", 250.0, "tau_m", c.tauMMs(), "V_th", c.vThMv(),
                "V_reset", -65.0, "E_L", -65.0, "t_ref", 2.0, "tau_syn_ex", 0.5, "tau_syn_in", 5.0));
    }

    public void addPopulations(NetworkBuilder nb) {
        for (int p = 0; p < cells.populationCount(); p++) {
            var range = nb.addPopulation(populationName(p), cells.size(p), neuron(cells.populations().get(p).cls()));
            if (p == 0) {
                firstPopulation = range.index();
            }
        }
    }

    /** Adds the regions' synapses: every rule of {@link RegionWiring#DEFAULTS}, with the file's overrides. */
    public void connect(NetworkBuilder nb, Map<String, ParameterSpec> parameters, long seed) {
        int total = base + cells.count();
        float[] pos = new float[3 * total], normal = new float[3 * total];
        boolean[] excitatory = new boolean[total];
        for (int i = 0; i < base; i++) {
            for (int ax = 0; ax < 3; ax++) {
                pos[3 * i + ax] = cortexCells.posUm(i, ax);
            }
        }
        for (int p = 0; p < cortexCells.populationCount(); p++) {
            java.util.Arrays.fill(excitatory, cortexCells.offset(p), cortexCells.offset(p) + cortexCells.size(p),
                    Cells.classOf(p) == CellClass.E);
        }
        for (int i = 0; i < cells.count(); i++) {
            for (int ax = 0; ax < 3; ax++) {
                pos[3 * (base + i) + ax] = cells.posUm(i, ax);
                normal[3 * (base + i) + ax] = cells.normal(i, ax);
            }
        }
        for (int p = 0; p < cells.populationCount(); p++) {
            java.util.Arrays.fill(excitatory, base + cells.offset(p), base + cells.offset(p) + cells.size(p),
                    cells.populations().get(p).cls().excitatory());
        }
        List<RegionWiring.Rule> rules = rules();
        nb.connect(new RegionWiring(rules, tasks(rules, parameters), pos, normal, excitatory, nb.dtMs(), seed));
    }

    /** Every rule of {@link RegionWiring#DEFAULTS}, with the file's overrides. */
    private List<RegionWiring.Rule> rules() {
        return RegionWiring.DEFAULTS.stream().map(spec::ruleWithOverrides).toList();
    }

    /** The wiring's tasks: each rule onto each target population that has sources. */
    private List<RegionWiring.Task> tasks(List<RegionWiring.Rule> rules, Map<String, ParameterSpec> parameters) {
        List<RegionWiring.Task> tasks = new ArrayList<>();
        for (int index = 0; index < rules.size(); index++) {
            RegionWiring.Rule rule = rules.get(index);
            for (Target t : targets(rule.target())) {
                Sources s = sources(rule, t, parameters);
                if (s.start.length > 0) {
                    RegionWiring.addTasks(tasks, index, t.from, t.to, s.start, s.end, s.weight, s.velocity);
                }
            }
        }
        return tasks;
    }

    /**
     * The synapses {@link #connect} draws, without drawing them, per task (a block of the wiring): every target of a
     * task draws its rule's in-degree (less the rare draw of itself, which is skipped).
     */
    public double[] expectedSynapses(Map<String, ParameterSpec> parameters) {
        List<RegionWiring.Rule> rules = rules();
        return tasks(rules, parameters).stream()
                .mapToDouble(t -> (double) (t.to() - t.from()) * rules.get(t.rule()).inDegree()).toArray();
    }

    /** A target population: global range, its area's acronym, hemisphere and kind (null for the cortex). */
    private record Target(int from, int to, String acronym, doka.engine.atlas.Hemisphere hemisphere, RegionKind kind) {
    }

    private record Sources(int[] start, int[] end, double[] weight, double[] velocity) {
    }

    private List<Target> targets(RegionClass cls) {
        List<Target> out = new ArrayList<>();
        if (cls == RegionWiring.CORTEX_ALL) {
            for (int p = 0; p < cortexCells.populationCount(); p++) {
                if (cortexCells.size(p) > 0) {
                    Area a = cortexAtlas.areas().get(Cells.areaOf(p));
                    out.add(new Target(cortexCells.offset(p), cortexCells.offset(p) + cortexCells.size(p), a.acronym(),
                            a.hemisphere(), null));
                }
            }
            return out;
        }
        for (int p = 0; p < cells.populationCount(); p++) {
            RegionCells.PopulationInfo info = cells.populations().get(p);
            if (info.cls() == cls && cells.size(p) > 0) {
                Area a = atlas.areas().get(info.area());
                out.add(new Target(base + cells.offset(p), base + cells.offset(p) + cells.size(p), a.acronym(),
                        a.hemisphere(), atlas.kind(info.area())));
            }
        }
        return out;
    }

    /** Candidate source ranges of a rule for one target population, with area weights and velocities. */
    private Sources sources(RegionWiring.Rule rule, Target t, Map<String, ParameterSpec> parameters) {
        List<int[]> ranges = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Double> velocities = new ArrayList<>();
        List<Double> areaStrength = new ArrayList<>();
        List<Integer> areaOfRange = new ArrayList<>();
        double strongest = 0;
        int areaCount = 0;
        ParameterSpec velocity = parameters.get(doka.engine.cortex.CortexModel.VELOCITY);
        for (RegionClass sc : rule.sources()) {
            if (sc == RegionWiring.CORTEX_E) {
                for (Area a : cortexAtlas.areas()) {
                    double w = areaWeight(rule, a.acronym(), a.hemisphere(), t);
                    if (w <= 0) {
                        continue;
                    }
                    int size = 0;
                    for (int l = 0; l < Cells.LAYERS; l++) {
                        size += cortexCells.size(Cells.population(a.index(), l, CellClass.E));
                    }
                    for (int l = 0; l < Cells.LAYERS; l++) {
                        int p = Cells.population(a.index(), l, CellClass.E);
                        if (cortexCells.size(p) > 0) {
                            ranges.add(new int[] {cortexCells.offset(p), cortexCells.offset(p) + cortexCells.size(p)});
                            weights.add(w * cortexCells.size(p) / size);
                            velocities.add(velocity.valueFor(a.name(), a.hemisphere().tag()));
                            areaOfRange.add(areaCount);
                        }
                    }
                    areaStrength.add(w);
                    strongest = Math.max(strongest, w);
                    areaCount++;
                }
                continue;
            }
            for (int p = 0; p < cells.populationCount(); p++) {
                RegionCells.PopulationInfo info = cells.populations().get(p);
                if (info.cls() != sc || cells.size(p) == 0) {
                    continue;
                }
                Area a = atlas.areas().get(info.area());
                double w;
                if (rule.kernel() != RegionWiring.Kernel.AREAS) {
                    w = atlas.kind(info.area()) == t.kind && a.hemisphere() == t.hemisphere ? cells.size(p) : 0;
                } else {
                    w = areaWeight(rule, a.acronym(), a.hemisphere(), t);
                }
                if (w <= 0) {
                    continue;
                }
                ranges.add(new int[] {base + cells.offset(p), base + cells.offset(p) + cells.size(p)});
                weights.add(w);
                velocities.add(velocity.valueFor(a.name(), a.hemisphere().tag()));
                areaOfRange.add(areaCount++);
                areaStrength.add(w);
                strongest = Math.max(strongest, w);
            }
        }
        // Long range: drop the source areas below the floor.
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            if (rule.kernel() != RegionWiring.Kernel.AREAS || !rule.byConnectome()
                    || areaStrength.get(areaOfRange.get(i)) >= RegionWiring.STRENGTH_FLOOR * strongest) {
                keep.add(i);
            }
        }
        int n = keep.size();
        int[] start = new int[n], end = new int[n];
        double[] w = new double[n], v = new double[n];
        for (int k = 0; k < n; k++) {
            int i = keep.get(k);
            start[k] = ranges.get(i)[0];
            end[k] = ranges.get(i)[1];
            w[k] = weights.get(i);
            v[k] = velocities.get(i);
        }
        return new Sources(start, end, w, v);
    }

    /** Weight of a source area for a long-range rule onto target t: connectome strength, or 1 on the same side. */
    private double areaWeight(RegionWiring.Rule rule, String acronym, doka.engine.atlas.Hemisphere h, Target t) {
        if (acronym.equals(t.acronym) && h == t.hemisphere) {
            return 0; // within an area: the local rules
        }
        if (!rule.byConnectome()) {
            return h == t.hemisphere ? 1 : 0;
        }
        if (spec.foldHemispheres()) {
            return h == t.hemisphere ? connectome.strength(acronym, t.acronym, true)
                    + connectome.strength(acronym, t.acronym, false) : 0;
        }
        return connectome.strength(acronym, t.acronym, h == t.hemisphere);
    }

    /** Membrane potentials uniform between reset and threshold, from the member's seed. */
    public void initialise(Network network, long seed) {
        for (int p = 0; p < cells.populationCount(); p++) {
            if (cells.size(p) > 0) {
                network.populations().get(firstPopulation + p).drawMembranePotentialsUniform(-65,
                        cells.populations().get(p).cls().vThMv(), seed);
            }
        }
    }

    /** A parameter's value for a region population: population, region, hemisphere, global. */
    public double value(ParameterSpec spec, int p) {
        Double v = spec.area().get(populationName(p));
        if (v != null) {
            return v;
        }
        Area a = atlas.areas().get(cells.populations().get(p).area());
        return spec.valueFor(a.name(), a.hemisphere().tag());
    }

    public void applyLiveParameters(Network network, Map<String, ParameterSpec> parameters) {
        for (int p = 0; p < cells.populationCount(); p++) {
            RegionClass c = spec.classWithOverrides(cells.populations().get(p).cls());
            Population pop = network.populations().get(firstPopulation + p);
            double j = value(parameters.get(doka.engine.cortex.CortexModel.WEIGHT_SCALE), p);
            double bg = value(parameters.get(doka.engine.cortex.CortexModel.BACKGROUND_SCALE), p);
            pop.setExcitatoryGain(j);
            pop.setInhibitoryGain(j);
            // The gain multiplies the background too: divide it out, as the cortex does.
            pop.setBackground(c.backgroundRateHz() * bg, j > 0 ? RegionClass.BACKGROUND_WEIGHT_PA / j : 0);
            pop.setDcPa(c.iePa());
        }
    }

    /** Layer of a cerebellar cell by its potential, or null. */
    public CerebellarLayer layerOf(int regionCell) {
        float phi = cells.potential(regionCell);
        return Float.isNaN(phi) ? null : CerebellarLayer.at(Math.max(0, Math.min(1, phi)));
    }
}
