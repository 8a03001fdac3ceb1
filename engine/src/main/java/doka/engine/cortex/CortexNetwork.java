package doka.engine.cortex;

import doka.engine.atlas.AllenAtlas;
import doka.engine.atlas.Area;
import doka.engine.atlas.Atlas;
import doka.engine.atlas.Connectome;
import doka.engine.atlas.ConnectomeReaders;
import doka.engine.atlas.Kim2017;
import doka.engine.atlas.StructureGraph;
import doka.engine.atlas.SyntheticConnectome;
import doka.engine.atlas.SyntheticCortex;
import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.kernel.NeuronModel;
import doka.engine.kernel.Ownership;
import doka.engine.kernel.RankComm;
import doka.engine.kernel.Population;
import doka.engine.model.IafPscExp;
import doka.engine.model.Izhikevich;
import doka.engine.model.NeuronModels;
import doka.engine.pd14.Pd14Tables;
import doka.engine.regions.RegionAtlas;
import doka.engine.regions.RegionConnectome;
import doka.engine.regions.Regions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A built cortex: atlas, connectome, placed cells and the kernel {@link Network} with one
 * population per (area, layer, class), named "MOp-L/L2/3/E". Live parameters (background scale,
 * J, g per target class, stimulation amplitude) act through population gains, background rates
 * and DC currents and can change between simulate calls; structural ones (long-range gain,
 * conduction velocity) are wired in and need a rebuild ({@link CortexMember} does that).
 */
public final class CortexNetwork implements AutoCloseable {
    /** PD14 initial membrane potentials per PD14 population (mean, sd), mV. */
    private static final double[][] V0 = {{-68.28, 5.36}, {-63.16, 4.57}, {-63.33, 4.74}, {-63.45, 4.94},
        {-63.11, 4.94}, {-61.66, 4.55}, {-66.72, 5.46}, {-61.43, 4.48}};

    /**
     * What the model file's data paths load to. {@code wholeAtlas} is the atlas before a focus on
     * some areas ({@code atlas.areas}), null when the model has every area; {@code regions} the
     * regions' atlas and connectome, null without a {@code regions} section.
     */
    public record Inputs(Atlas atlas, Connectome connectome, CellComposition composition, List<String> notes,
                         Atlas wholeAtlas, Regions.Inputs regions) {
        public Inputs(Atlas atlas, Connectome connectome, CellComposition composition, List<String> notes, Atlas wholeAtlas) {
            this(atlas, connectome, composition, notes, wholeAtlas, null);
        }

        /** The region populations ("SIM-L/Purkinje"), in the order members append their rates; empty without regions. */
        public List<String> regionPopulations() {
            if (regions == null) {
                return List.of();
            }
            doka.engine.regions.RegionAtlas ra = regions.atlas();
            List<String> out = new java.util.ArrayList<>();
            for (doka.engine.atlas.Area a : ra.areas()) {
                for (doka.engine.regions.RegionClass c : ra.kind(a.index()).classes()) {
                    out.add(a.name() + "/" + c.label());
                }
            }
            return out;
        }

        /**
         * Checks an estimable parameter's name: a cortex parameter ({@link CortexModel#PARAMETER_DEFAULTS}), optionally
         * scoped after {@code @} to a hemisphere (L, R), an area, a region or a region population.
         *
         * @throws IllegalArgumentException naming what is allowed
         */
        public void checkParameter(String name) {
            int at = name.indexOf('@');
            String base = at < 0 ? name : name.substring(0, at);
            if (!CortexModel.PARAMETER_DEFAULTS.containsKey(base)) {
                throw new IllegalArgumentException("the cortex has no parameter '" + base + "'; expected one of "
                        + CortexModel.PARAMETER_DEFAULTS.keySet() + ", optionally with @L, @R or @<area> (e.g. @MOp-L)");
            }
            if (at < 0) {
                return;
            }
            String scope = name.substring(at + 1);
            boolean region = regions != null && (regions.atlas().area(scope) != null
                    || regionPopulations().contains(scope));
            if (!scope.equals("L") && !scope.equals("R") && !atlas.hasArea(scope) && !region) {
                throw new IllegalArgumentException("parameter '" + name + "': scope '" + scope + "' is neither L, R nor an"
                        + " area of " + atlas.name() + " (" + atlas.areas().stream().map(doka.engine.atlas.Area::name).toList()
                        + ")");
            }
        }
    }

    /** PD14's synaptic time constant: inhibitory weights keep its charge per PSC. */
    static final double PD14_TAU_SYN_MS = 0.5;

    private final CortexModel model;
    private final Inputs inputs;
    private final Cells cells;
    private final Network network;
    private final double gamma;
    private final double[] longRangeInDegreeFull;
    private final double[][] compensationPa; // per population: {E local + LR, I local}
    private final double[] kExtFull;          // per population, after the long-range reduction
    private final double[] backgroundTauMs;   // per population, the excitatory synaptic time constant
    private final List<String> notes = new ArrayList<>();
    private final double buildSeconds;
    private final long synapses;

    private final RankComm comm;
    private final Regions regions;

    private CortexNetwork(CortexModel model, Inputs inputs, RankComm comm) {
        long t0 = System.nanoTime();
        this.model = model;
        this.inputs = inputs;
        this.comm = comm;
        notes.addAll(inputs.notes());
        Atlas atlas = inputs.atlas();
        double s = model.cells().densityScale();
        long seed = model.run().seed();
        cells = Cells.place(atlas, inputs.composition(), s, model.cells().seed());
        long tCells = System.nanoTime();
        int nPop = cells.populationCount();
        int nAreas = atlas.areas().size();
        CortexModel.LocalSpec local = model.local();
        NeuronModel[] byClass = new NeuronModel[CellClass.values().length];
        // [target class][source class]: FS synapses drive τ_syn,in, LTS synapses τ_syn,in,slow (the
        // same unless some class sets tau_syn_in_slow: then LTS inhibition gets its own channel).
        double[][] inhibitoryTau = new double[byClass.length][byClass.length];
        boolean slowLts = false;
        for (CellClass c : CellClass.values()) {
            CortexModel.NeuronSpec ns = model.neurons().get(c.name());
            byClass[c.ordinal()] = NeuronModels.create(ns.model(), ns.preset(), ns.params());
            double[] tau = synapticTausMs(byClass[c.ordinal()]);
            inhibitoryTau[c.ordinal()][CellClass.FS.ordinal()] = tau[1];
            inhibitoryTau[c.ordinal()][CellClass.LTS.ordinal()] = tau[2];
            slowLts |= tau[2] != tau[1];
        }
        LocalPathways pathways = new LocalPathways(atlas, cells, inputs.composition(), local, s, inhibitoryTau);
        long tPathways = System.nanoTime();
        int capped = pathways.countClipped(cells);
        if (capped > 0) {
            notes.add(capped + " local pathways (target population × source population, first cell) need p0 > 1 "
                    + "at this density; capped at 1, their in-degree is below K·s (the missing mean input is given as DC)");
        }
        NetworkBuilder nb = new NetworkBuilder(model.run().dtMs()).seed(seed).threads(model.run().threads());
        regions = inputs.regions() == null ? null : new Regions(model.regions(), inputs.regions(), atlas, cells);
        if (comm != null) {
            // Each rank builds the synapses onto the cells of its tile of the sheet.
            Ownership[] tiles = Tiling.split(atlas, cells, comm.size());
            nb.distributed(comm, regions == null ? tiles : regions.ownership(tiles));
        }
        for (int p = 0; p < nPop; p++) {
            var range = nb.addPopulation(populationName(atlas, p), cells.size(p), byClass[Cells.classOf(p).ordinal()]);
            if (slowLts && Cells.classOf(p) == CellClass.LTS) {
                nb.slowInhibitionFrom(range);
            }
        }
        if (regions != null) {
            regions.addPopulations(nb);
            notes.addAll(regions.notes());
        }
        nb.connect(new LocalWiring(atlas, cells, pathways, local, s, model.run().dtMs(), seed));
        // Long range.
        double[] strength = inputs.connectome().forAtlas(atlas);
        double[] gainByTarget = byArea(atlas, model.parameters().get(CortexModel.LONG_RANGE_GAIN));
        double[] velocityBySource = byArea(atlas, model.parameters().get(CortexModel.VELOCITY));
        gamma = solveGamma(inputs, cells, strength, s, model);
        double[] into = LongRangeWiring.expectedInto(cells, strength, gamma, gainByTarget);
        longRangeInDegreeFull = new double[nAreas];
        for (int a = 0; a < nAreas; a++) {
            int n = cells.areaEnd(a) - cells.areaStart(a);
            longRangeInDegreeFull[a] = n == 0 ? 0 : into[a] / n / s;
        }
        if (gamma > 0) {
            nb.connect(new LongRangeWiring(cells, strength, gamma, gainByTarget, velocityBySource,
                    model.longRange().baseDelayMs(), local.weightPa(), local.relativeWeightSd(), s,
                    model.run().dtMs(), seed));
        }
        if (regions != null) {
            regions.connect(nb, model.parameters(), seed);
        }
        long tGamma = System.nanoTime();
        network = nb.build();
        long tSynapses = System.nanoTime();
        double[] store = network.synapses().buildSeconds();
        notes.add(String.format("build phases: cells %.2f s, pathway tables %.2f s, long-range gain %.2f s, synapses %.2f s"
                + " (generation %.2f s, source index %.2f s, sorting %.2f s)", (tCells - t0) * 1e-9,
                (tPathways - tCells) * 1e-9, (tGamma - tPathways) * 1e-9, (tSynapses - tGamma) * 1e-9, store[0], store[1],
                store[2]));
        long[] count = {network.synapses().synapseCount()};
        if (comm != null) {
            comm.sum(count);
        }
        synapses = count[0];
        // Compensation currents and background in-degrees.
        compensationPa = new double[nPop][];
        kExtFull = new double[nPop];
        backgroundTauMs = new double[nPop];
        int[][] layerVoxels = atlas.voxelsPerAreaLayer();
        double nuBg = model.background().rateHz();
        int clipped = 0;
        for (int p = 0; p < nPop; p++) {
            int a = Cells.areaOf(p), l = Cells.layerOf(p);
            CellClass c = Cells.classOf(p);
            double[] tau = synapticTausMs(byClass[c.ordinal()]);
            double[] comp = pathways.compensationPa(p, layerVoxels[a], local.weightPa(), tau[0], local.referenceRatesHz(),
                    s);
            // Long-range input replaces background input; its down-scaling is compensated assuming
            // sources fire at the background rate per synapse.
            comp[0] += (1 - Math.sqrt(s)) * longRangeInDegreeFull[a] * local.weightPa() * tau[0] * 1e-3 * nuBg;
            compensationPa[p] = comp;
            backgroundTauMs[p] = tau[0];
            double k = (c == CellClass.E ? model.background().inDegreeE() : model.background().inDegreeI())[l];
            kExtFull[p] = k - longRangeInDegreeFull[a];
            if (kExtFull[p] < 0) {
                kExtFull[p] = 0;
                clipped++;
            }
        }
        if (clipped > 0) {
            notes.add(clipped + " populations receive more long-range than background in-degree; their background is 0");
        }
        for (int p = 0; p < nPop; p++) {
            if (cells.size(p) > 0) {
                double[] v0 = V0[Pd14Tables.index(Cells.layerOf(p), Cells.classOf(p).inhibitory())];
                network.populations().get(p).drawMembranePotentialsNormal(v0[0], v0[1], seed);
            }
        }
        if (regions != null) {
            regions.initialise(network, seed);
        }
        applyLiveParameters(model.parameters());
        buildSeconds = (System.nanoTime() - t0) * 1e-9;
    }

    /** A parameter's value in every area of {@code atlas}, by area index. */
    static double[] byArea(Atlas atlas, ParameterSpec parameter) {
        double[] out = new double[atlas.areas().size()];
        for (Area a : atlas.areas()) {
            out[a.index()] = parameter.valueFor(a.name(), a.hemisphere().tag());
        }
        return out;
    }

    /**
     * The global long-range gain γ: for a focused model, that of the whole atlas, so that each
     * modelled area gets only the long-range input of the modelled areas (the background makes
     * up for the areas left out) instead of the whole long-range in-degree from a few areas.
     */
    static double solveGamma(Inputs inputs, Cells cells, double[] strength, double s, CortexModel model) {
        double inDegree = model.longRange().targetInDegree() * s;
        if (inputs.wholeAtlas() == null) {
            return LongRangeWiring.solveGamma(cells, strength, inDegree);
        }
        Cells whole = Cells.place(inputs.wholeAtlas(), inputs.composition(), s, model.cells().seed());
        return LongRangeWiring.solveGamma(whole, inputs.connectome().forAtlas(inputs.wholeAtlas()), inDegree);
    }

    /** Builds from a completed model: loads atlas and connectome, places cells, wires. */
    public static CortexNetwork build(CortexModel model) throws IOException {
        return build(model, loadInputs(model));
    }

    /** Builds from already loaded inputs (to rebuild without reading files again). */
    public static CortexNetwork build(CortexModel model, Inputs inputs) {
        return new CortexNetwork(model, inputs, null);
    }

    /**
     * Builds this rank's part of a member split over the ranks of {@code comm} (null: the whole
     * member on this rank). Every rank of the member must call it with the same model.
     */
    public static CortexNetwork build(CortexModel model, Inputs inputs, RankComm comm) {
        return new CortexNetwork(model, inputs, comm == null || comm.size() == 1 ? null : comm);
    }

    /** The ranks' communicator of a split member, or null. */
    public RankComm comm() {
        return comm;
    }

    /** Loads the atlas, connectome and cell composition a model names. */
    public static Inputs loadInputs(CortexModel model) throws IOException {
        List<String> notes = new ArrayList<>();
        CortexModel.AtlasSpec as = model.atlas();
        Atlas atlas;
        StructureGraph graph = null;
        if (as.kind().equals("allen")) {
            graph = StructureGraph.read(Path.of(as.structureGraph()));
            AllenAtlas.Result r = AllenAtlas.build(doka.engine.atlas.NrrdReader.read(Path.of(as.annotation())), graph,
                    "Allen CCF v3 isocortex (" + Path.of(as.annotation()).getFileName() + ")");
            atlas = r.atlas();
            notes.addAll(r.notes());
        } else {
            atlas = SyntheticCortex.generate(new SyntheticCortex.Spec(as.seed(), as.apVoxels(), as.mlVoxels()));
        }
        CortexModel.ConnectomeSpec cs = model.connectome();
        Connectome connectome = switch (cs.kind()) {
            case "oh2014" -> ConnectomeReaders.readOh2014(Path.of(cs.ipsi()), Path.of(cs.contra()));
            case "knox2019" -> ConnectomeReaders.readKnox2019(Path.of(cs.file()), graph);
            default -> SyntheticConnectome.generate(atlas, cs.seed());
        };
        notes.addAll(connectome.notes());
        Atlas whole = null;
        if (as.areas() != null) {
            // A focused model: the connectome was read or generated for the whole atlas.
            whole = atlas;
            atlas = atlas.subset(as.areas());
            notes.add("focused model: only " + as.areas() + " of the atlas; long-range input from the other areas is"
                    + " replaced by background");
        }
        List<String> missing = connectome.missingFor(atlas);
        if (!missing.isEmpty()) {
            notes.add("connectome has no strengths for " + missing + "; they get no long-range input or output");
        }
        CortexModel.CellSpec ce = model.cells();
        CellComposition comp = new CellComposition(ce.neuronsPerMm3(), ce.excitatoryFraction(), ce.fsShare(), Map.of());
        if (ce.kim2017() != null) {
            comp = comp.withFsShareByArea(Kim2017.readFsShares(Path.of(ce.kim2017())));
        }
        Regions.Inputs regionInputs = model.regions() == null ? null : loadRegions(model, atlas, graph);
        if (regionInputs != null) {
            notes.addAll(regionInputs.connectome().strengths().notes());
        }
        return new Inputs(atlas, connectome, comp, List.copyOf(notes), whole, regionInputs);
    }

    /**
     * The regions' atlas (synthetic beside a synthetic sheet, else from the same annotation) and
     * connectome (the same kind as the cortex's, over the cortical areas and the regions).
     */
    private static Regions.Inputs loadRegions(CortexModel model, Atlas atlas, StructureGraph graph) throws IOException {
        CortexModel.AtlasSpec as = model.atlas();
        List<String> names = model.regions().areas();
        List<String> regionAcronyms = names.stream().map(n -> n.substring(0, n.lastIndexOf('-'))).distinct().toList();
        RegionAtlas ra;
        try {
            ra = as.kind().equals("allen")
                    ? RegionAtlas.fromAllen(doka.engine.atlas.NrrdReader.read(Path.of(as.annotation())), graph, regionAcronyms,
                            "Allen CCF v3 regions (" + Path.of(as.annotation()).getFileName() + ")").subset(names)
                    : RegionAtlas.synthetic(as.apVoxels(), as.mlVoxels()).subset(names);
        } catch (IllegalArgumentException e) {
            throw new IOException("$.regions.areas: " + e.getMessage());
        }
        List<String> acronyms = new ArrayList<>();
        atlas.areas().stream().map(Area::acronym).distinct().forEach(acronyms::add);
        regionAcronyms.forEach(acronyms::add);
        CortexModel.ConnectomeSpec cs = model.connectome();
        RegionConnectome rc = switch (cs.kind()) {
            case "oh2014" -> RegionConnectome.oh2014(Path.of(cs.ipsi()), Path.of(cs.contra()), acronyms);
            case "knox2019" -> RegionConnectome.knox2019(Path.of(cs.file()), graph, acronyms);
            default -> RegionConnectome.synthetic(acronyms);
        };
        return new Regions.Inputs(ra, rc);
    }

    /** τ_syn,ex, τ_syn,in and τ_syn,in,slow of a neuron model, ms. */
    static double[] synapticTausMs(NeuronModel m) {
        if (m instanceof IafPscExp.Parameters p) {
            return new double[] {p.tauSynExMs(), p.tauSynInMs(), p.tauSynInSlowMs()};
        }
        if (m instanceof Izhikevich.Parameters p) {
            return new double[] {p.tauSynExMs(), p.tauSynInMs(), p.tauSynInSlowMs()};
        }
        throw new IllegalArgumentException("cortex: no synaptic time constants known for model " + m.modelName());
    }

    /** The area a population of the cortex or its regions belongs to: its name up to the first '/' ("MOp-L/L2/3/E"). */
    public static String areaOfPopulation(String populationName) {
        int slash = populationName.indexOf('/');
        return slash < 0 ? populationName : populationName.substring(0, slash);
    }

    /** "MOp-L/L2/3/E". */
    public static String populationName(Atlas atlas, int p) {
        return atlas.areas().get(Cells.areaOf(p)).name() + "/L" + doka.engine.atlas.Layer.MODELLED[Cells.layerOf(p)].label()
                + "/" + Cells.classOf(p).name();
    }

    /** Sets background rates, gains and compensation currents from the live parameters. */
    void applyLiveParameters(Map<String, ParameterSpec> params) {
        Atlas atlas = inputs.atlas();
        double jPa = model.local().weightPa();
        double nuBg = model.background().rateHz();
        for (int p = 0; p < cells.populationCount(); p++) {
            Area area = atlas.areas().get(Cells.areaOf(p));
            String an = area.name(), h = area.hemisphere().tag();
            CellClass c = Cells.classOf(p);
            double j = params.get(CortexModel.WEIGHT_SCALE).valueFor(an, h);
            String gName = switch (c) {
                case E -> CortexModel.G_E;
                case FS -> CortexModel.G_FS;
                case LTS -> CortexModel.G_LTS;
            };
            double gRel = params.get(gName).valueFor(an, h) / LocalWiring.G0;
            double bgRateHz = kExtFull[p] * nuBg * params.get(CortexModel.BACKGROUND_SCALE).valueFor(an, h);
            double f = model.background().noiseScale(c, Cells.layerOf(p));
            Population pop = network.populations().get(p);
            pop.setExcitatoryGain(j);
            pop.setInhibitoryGain(j * gRel);
            // The gain multiplies the background too; J scales recurrent weights only, so divide it out.
            pop.setBackground(f * bgRateHz, j > 0 ? jPa / j : 0);
            // f × the rate, at the same mean: the extra mean of the exponential PSCs (rate · J · τ) comes off as DC.
            double extraMeanPa = (f - 1) * bgRateHz * jPa * backgroundTauMs[p] * 1e-3;
            pop.setDcPa(j * compensationPa[p][0] + j * gRel * compensationPa[p][1] - extraMeanPa);
        }
        if (regions != null) {
            regions.applyLiveParameters(network, params);
        }
    }

    public CortexModel model() {
        return model;
    }

    public Inputs inputs() {
        return inputs;
    }

    public Atlas atlas() {
        return inputs.atlas();
    }

    public Cells cells() {
        return cells;
    }

    public Network network() {
        return network;
    }

    /** The solved global long-range gain γ. */
    public double gamma() {
        return gamma;
    }

    /** Expected long-range in-degree per cell of each area, full-scale equivalent (÷ s). */
    public double[] longRangeInDegreeFull() {
        return longRangeInDegreeFull.clone();
    }

    /** Synapses of the whole member (summed over its ranks). */
    public long synapseCount() {
        return synapses;
    }

    /** The regions built beside the cortex, or null. */
    public Regions regions() {
        return regions;
    }

    public double buildSeconds() {
        return buildSeconds;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Mean compensation current of a population (E part, I part), pA, at the built parameters. */
    double[] compensationPa(int population) {
        return compensationPa[population].clone();
    }

    @Override
    public void close() {
        network.close();
    }
}
