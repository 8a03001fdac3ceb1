package doka.engine.cortex;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import doka.engine.pd14.Pd14Tables;
import doka.engine.regions.RegionsSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cortex model file (JSON): every choice has a default, so {@code {}} is the synthetic cortex
 * at the default density. Read with {@link #read}, which fills defaults, substitutes
 * {@code ${VARIABLE}} in paths and validates, naming the JSON path of anything wrong.
 *
 * @param name model name
 * @param atlas which atlas
 * @param connectome which connectome
 * @param cells cell composition and density scale
 * @param neurons neuron model per class ("E", "FS", "LTS")
 * @param local local (within-area) wiring
 * @param longRange long-range (between-area) wiring
 * @param background Poisson background
 * @param parameters the estimable quantities (spec §7), by name: see {@link #PARAMETER_DEFAULTS}
 * @param stimulation DC stimulation of one voxel column, or null
 * @param run time step, duration, bins, seed, threads
 * @param regions non-cortical regions built into the same member (docs/regions.md), or null
 */
// The body section is read by doka.engine.body.BodySpec (docs/body.md).
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"body"})
public record CortexModel(String name, AtlasSpec atlas, ConnectomeSpec connectome, CellSpec cells,
                          Map<String, NeuronSpec> neurons, LocalSpec local, LongRangeSpec longRange,
                          BackgroundSpec background, Map<String, ParameterSpec> parameters,
                          StimulationSpec stimulation, RunSpec run, RegionsSpec regions) {
    /** A model without regions. */
    public CortexModel(String name, AtlasSpec atlas, ConnectomeSpec connectome, CellSpec cells,
                       Map<String, NeuronSpec> neurons, LocalSpec local, LongRangeSpec longRange,
                       BackgroundSpec background, Map<String, ParameterSpec> parameters,
                       StimulationSpec stimulation, RunSpec run) {
        this(name, atlas, connectome, cells, neurons, local, longRange, background, parameters, stimulation, run, null);
    }

    /** Background rate scale (per target area). */
    public static final String BACKGROUND_SCALE = "background_rate_scale";
    /** Scale of all excitatory weights J (per target area). */
    public static final String WEIGHT_SCALE = "weight_scale_J";
    /** Inhibition ratio g onto E, FS and LTS targets (per target area). */
    public static final String G_E = "g_E";
    public static final String G_FS = "g_FS";
    public static final String G_LTS = "g_LTS";
    /** Long-range gain relative to the γ solved for the target in-degree (per target area; structural). */
    public static final String LONG_RANGE_GAIN = "long_range_gain";
    /** Long-range conduction velocity, m/s = mm/ms (per source area; structural). */
    public static final String VELOCITY = "velocity_m_per_s";
    /** DC stimulation amplitude per stimulated cell, pA. */
    public static final String STIM_AMPLITUDE = "stimulation_amplitude_pa";
    /**
     * Standard deviation (pA) of a slow current shared by all cells of the target area, an Ornstein–Uhlenbeck
     * process (0: none; docs/cortex.md, "Slow input").
     */
    public static final String SLOW_INPUT_SD = "slow_input_sd_pa";
    /** Correlation time (ms) of that slow input (per target area). */
    public static final String SLOW_INPUT_TAU = "slow_input_tau_ms";

    /** Defaults and bounds of the estimable parameters. */
    public static final Map<String, ParameterSpec> PARAMETER_DEFAULTS = parameterDefaults();

    private static Map<String, ParameterSpec> parameterDefaults() {
        Map<String, ParameterSpec> m = new LinkedHashMap<>();
        m.put(BACKGROUND_SCALE, ParameterSpec.of(1, 0.5, 2));
        m.put(WEIGHT_SCALE, ParameterSpec.of(1, 0.5, 2));
        m.put(G_E, ParameterSpec.of(4, 2, 8));
        m.put(G_FS, ParameterSpec.of(4, 2, 8));
        m.put(G_LTS, ParameterSpec.of(4, 2, 8));
        m.put(LONG_RANGE_GAIN, ParameterSpec.of(1, 0, 4));
        m.put(VELOCITY, ParameterSpec.of(2, 0.5, 5));
        m.put(STIM_AMPLITUDE, ParameterSpec.of(0, 0, 5000));
        m.put(SLOW_INPUT_SD, ParameterSpec.of(0, 0, 1000));
        m.put(SLOW_INPUT_TAU, ParameterSpec.of(50, 1, 2000));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * @param kind "synthetic" (default) or "allen"
     * @param seed synthetic layout seed
     * @param apVoxels synthetic sheet length per hemisphere
     * @param mlVoxels synthetic sheet width per hemisphere
     * @param annotation Allen annotation NRRD path
     * @param structureGraph Allen structure graph JSON path
     * @param areas the areas to model ("MOp-L", …), or null for all: a focused model keeps only these
     *        areas' voxels (the connectome's strengths between them are those of the whole atlas)
     */
    public record AtlasSpec(String kind, Long seed, Integer apVoxels, Integer mlVoxels, String annotation,
                            String structureGraph, List<String> areas) {
    }

    /**
     * @param kind "synthetic" (default), "oh2014" or "knox2019"
     * @param seed synthetic connectome seed
     * @param ipsi Oh 2014 W_ipsi CSV
     * @param contra Oh 2014 W_contra CSV
     * @param file Knox 2019 regional model CSV (needs the atlas's structure graph)
     */
    public record ConnectomeSpec(String kind, Long seed, String ipsi, String contra, String file) {
    }

    /**
     * @param densityScale s in (0, 1]
     * @param neuronsPerMm3 per layer (L2/3, L4, L5, L6) at s = 1
     * @param excitatoryFraction per layer
     * @param fsShare FS share of inhibitory cells per layer
     * @param kim2017 Kim 2017 mmc3 CSV for per-area FS shares, or null
     * @param seed placement seed
     */
    public record CellSpec(Double densityScale, double[] neuronsPerMm3, double[] excitatoryFraction,
                           double[] fsShare, String kim2017, Long seed) {
    }

    /**
     * @param model registry name ("iaf_psc_exp", "izhikevich")
     * @param preset Izhikevich preset, or null
     * @param params NEST-named parameters overriding the model's defaults
     */
    public record NeuronSpec(String model, String preset, Map<String, Double> params) {
    }

    /**
     * @param sigmaUm Gaussian width in tangential distance
     * @param truncationSigmas cut-off radius in σ
     * @param lateralVelocityMmPerMs lateral conduction velocity
     * @param delayExcMs synaptic delay of excitatory synapses
     * @param delayInhMs synaptic delay of inhibitory synapses
     * @param weightPa PD14 excitatory PSC amplitude J at full density
     * @param relativeWeightSd relative sd of weights
     * @param fsToLts FS → LTS in-degree as a fraction of the whole PD14 I → I in-degree (MONET keeps FS → LTS)
     * @param ltsToLts factor on the LTS share of the I → I in-degree onto LTS (Pfeffer 2013: none)
     * @param referenceRatesHz full-scale rates of the PD14 populations (L2/3e, L2/3i, … L6i) for the
     *        DC compensation of down-scaled in-degrees
     */
    public record LocalSpec(Double sigmaUm, Double truncationSigmas, Double lateralVelocityMmPerMs, Double delayExcMs,
                            Double delayInhMs, Double weightPa, Double relativeWeightSd, Double fsToLts, Double ltsToLts,
                            double[] referenceRatesHz) {
    }

    /**
     * @param targetInDegree mean long-range in-degree per cell at full density (γ is solved for it)
     * @param baseDelayMs delay at zero distance
     */
    public record LongRangeSpec(Double targetInDegree, Double baseDelayMs) {
    }

    /**
     * @param rateHz rate per external synapse
     * @param inDegreeE K_ext of E cells per layer
     * @param inDegreeI K_ext of FS and LTS cells per layer
     * @param noiseScaleE factor f per layer on the variance of E cells' background at the same mean: the Poisson rate
     *        is multiplied by f and the extra mean current taken off as DC, as a balanced excitatory and inhibitory
     *        external input would do in the diffusion limit (1: plain PD14 background; 0: its mean as DC only)
     * @param noiseScaleI the same for FS and LTS cells
     */
    public record BackgroundSpec(Double rateHz, double[] inDegreeE, double[] inDegreeI, double[] noiseScaleE,
                                 double[] noiseScaleI) {
        /** f of a population's background (see {@code noiseScaleE}). */
        public double noiseScale(CellClass c, int layer) {
            return (c == CellClass.E ? noiseScaleE : noiseScaleI)[layer];
        }
    }

    /**
     * @param area stimulated area ("MOp-L")
     * @param column atlas column index, or null for the column nearest the area's centre
     * @param startMs onset
     * @param stopMs offset
     * @param classes the L2/3 cell classes driven ("E", "FS", "LTS"); null for all three
     */
    public record StimulationSpec(String area, Integer column, Double startMs, Double stopMs, List<String> classes) {
        /** Whether cells of class {@code c} are driven. */
        public boolean drives(CellClass c) {
            return classes == null || classes.contains(c.name());
        }
    }

    /**
     * @param dtMs time step
     * @param tSimMs simulated time after warm-up
     * @param warmupMs discarded warm-up
     * @param binMs rate bin
     * @param seed simulation seed (background, initial potentials, wiring)
     * @param threads worker threads (results do not depend on it)
     */
    public record RunSpec(Double dtMs, Double tSimMs, Double warmupMs, Double binMs, Long seed, Integer threads) {
    }

    /** Reads a model file; {@code variables} resolve {@code ${NAME}} in paths (then the environment). */
    public static CortexModel read(Path file, Map<String, String> variables) throws IOException {
        return of(readTree(file), file.toString(), variables);
    }

    /** A model file as a JSON tree, read as strictly as {@link #read} reads it (for edits before {@link #of}). */
    public static com.fasterxml.jackson.databind.JsonNode readTree(Path file) throws IOException {
        try {
            return strictMapper().readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON" + (e.getLocation() == null ? "" : " at line "
                    + e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
        }
    }

    /** The model of a JSON tree; {@code source} names it in errors (a file, or a file and its edits). */
    public static CortexModel of(com.fasterxml.jackson.databind.JsonNode tree, String source, Map<String, String> variables)
            throws IOException {
        CortexModel raw;
        try {
            raw = strictMapper().treeToValue(tree, CortexModel.class);
        } catch (JsonMappingException e) {
            throw new IOException(source + ": at " + jsonPath(e) + ": " + e.getOriginalMessage().split("\n")[0]);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": " + e.getOriginalMessage());
        }
        try {
            return raw.completed(variables);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage());
        }
    }

    private static ObjectMapper strictMapper() {
        return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The all-defaults model (synthetic cortex). */
    public static CortexModel defaults() {
        return new CortexModel(null, null, null, null, null, null, null, null, null, null, null).completed(Map.of());
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder b = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            b.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return b.toString();
    }

    /** Every field filled with its default, paths substituted, values validated. */
    public CortexModel completed(Map<String, String> variables) {
        AtlasSpec a = atlas == null ? new AtlasSpec(null, null, null, null, null, null, null) : atlas;
        String akind = or(a.kind, "synthetic");
        if (!List.of("synthetic", "allen").contains(akind)) {
            throw new IllegalArgumentException("$.atlas.kind is '" + akind + "', expected synthetic or allen");
        }
        a = new AtlasSpec(akind, or(a.seed, 1L), or(a.apVoxels, 75), or(a.mlVoxels, 50),
                path(a.annotation, "$.atlas.annotation", variables, akind.equals("allen")),
                path(a.structureGraph, "$.atlas.structureGraph", variables, akind.equals("allen")),
                a.areas == null ? null : List.copyOf(a.areas));
        if (a.areas() != null && a.areas().isEmpty()) {
            throw new IllegalArgumentException("$.atlas.areas is empty; expected area names such as \"MOp-L\", or no field"
                    + " for all areas");
        }
        ConnectomeSpec c = connectome == null ? new ConnectomeSpec(null, null, null, null, null) : connectome;
        String ckind = or(c.kind, "synthetic");
        if (!List.of("synthetic", "oh2014", "knox2019").contains(ckind)) {
            throw new IllegalArgumentException("$.connectome.kind is '" + ckind + "', expected synthetic, oh2014 or knox2019");
        }
        if (ckind.equals("knox2019") && !akind.equals("allen")) {
            throw new IllegalArgumentException("$.connectome.kind knox2019 needs $.atlas.kind allen (its structure graph maps the ids)");
        }
        c = new ConnectomeSpec(ckind, or(c.seed, 1L), path(c.ipsi, "$.connectome.ipsi", variables, ckind.equals("oh2014")),
                path(c.contra, "$.connectome.contra", variables, ckind.equals("oh2014")),
                path(c.file, "$.connectome.file", variables, ckind.equals("knox2019")));
        CellComposition d = CellComposition.defaults();
        CellSpec ce = cells == null ? new CellSpec(null, null, null, null, null, null) : cells;
        ce = new CellSpec(or(ce.densityScale, 0.002), or(ce.neuronsPerMm3, d.neuronsPerMm3()),
                or(ce.excitatoryFraction, d.excitatoryFraction()), or(ce.fsShare, d.fsShare()),
                path(ce.kim2017, "$.cells.kim2017", variables, false), or(ce.seed, 1L));
        if (!(ce.densityScale > 0 && ce.densityScale <= 1)) {
            throw new IllegalArgumentException("$.cells.densityScale is " + ce.densityScale + ", expected 0 < s <= 1");
        }
        new CellComposition(ce.neuronsPerMm3, ce.excitatoryFraction, ce.fsShare, Map.of()); // validates lengths/ranges
        Map<String, NeuronSpec> ns = new LinkedHashMap<>();
        for (CellClass k : CellClass.values()) {
            NeuronSpec n = neurons == null ? null : neurons.get(k.name());
            ns.put(k.name(), new NeuronSpec(n == null || n.model == null ? "iaf_psc_exp" : n.model,
                    n == null ? null : n.preset, n == null || n.params == null ? Map.of() : Map.copyOf(n.params)));
        }
        if (neurons != null) {
            for (String k : neurons.keySet()) {
                if (!ns.containsKey(k)) {
                    throw new IllegalArgumentException("$.neurons." + k + ": unknown class, expected E, FS or LTS");
                }
            }
        }
        LocalSpec l = local == null ? new LocalSpec(null, null, null, null, null, null, null, null, null, null) : local;
        l = new LocalSpec(or(l.sigmaUm, 300.0), or(l.truncationSigmas, 3.0), or(l.lateralVelocityMmPerMs, 0.3),
                or(l.delayExcMs, 1.5), or(l.delayInhMs, 0.75), or(l.weightPa, 87.81), or(l.relativeWeightSd, 0.1),
                or(l.fsToLts, 1.0), or(l.ltsToLts, 0.0), or(l.referenceRatesHz, Pd14Tables.REFERENCE_RATES_HZ.clone()));
        positive(l.sigmaUm, "$.local.sigmaUm");
        positive(l.truncationSigmas, "$.local.truncationSigmas");
        positive(l.lateralVelocityMmPerMs, "$.local.lateralVelocityMmPerMs");
        positive(l.delayExcMs, "$.local.delayExcMs");
        positive(l.delayInhMs, "$.local.delayInhMs");
        positive(l.weightPa, "$.local.weightPa");
        if (l.referenceRatesHz.length != 8) {
            throw new IllegalArgumentException("$.local.referenceRatesHz needs 8 values (L2/3e … L6i), got " + l.referenceRatesHz.length);
        }
        LongRangeSpec lr = longRange == null ? new LongRangeSpec(null, null) : longRange;
        lr = new LongRangeSpec(or(lr.targetInDegree, 400.0), or(lr.baseDelayMs, 1.5));
        if (!(lr.targetInDegree >= 0)) {
            throw new IllegalArgumentException("$.longRange.targetInDegree is " + lr.targetInDegree + ", expected >= 0");
        }
        positive(lr.baseDelayMs, "$.longRange.baseDelayMs");
        BackgroundSpec bg = background == null ? new BackgroundSpec(null, null, null, null, null) : background;
        bg = new BackgroundSpec(or(bg.rateHz, 8.0), or(bg.inDegreeE, Pd14Tables.K_EXT_E.clone()),
                or(bg.inDegreeI, Pd14Tables.K_EXT_I.clone()), or(bg.noiseScaleE, new double[] {1, 1, 1, 1}),
                or(bg.noiseScaleI, new double[] {1, 1, 1, 1}));
        perLayer(bg.inDegreeE, "inDegreeE");
        perLayer(bg.inDegreeI, "inDegreeI");
        perLayer(bg.noiseScaleE, "noiseScaleE");
        perLayer(bg.noiseScaleI, "noiseScaleI");
        Map<String, ParameterSpec> ps = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterSpec> e : PARAMETER_DEFAULTS.entrySet()) {
            ParameterSpec given = parameters == null ? null : parameters.get(e.getKey());
            ps.put(e.getKey(), given == null ? e.getValue()
                    : given.completedBy(e.getValue(), "$.parameters." + e.getKey()));
        }
        if (parameters != null) {
            for (String k : parameters.keySet()) {
                if (!PARAMETER_DEFAULTS.containsKey(k)) {
                    throw new IllegalArgumentException("$.parameters." + k + ": unknown parameter, expected one of "
                            + PARAMETER_DEFAULTS.keySet());
                }
            }
        }
        StimulationSpec st = stimulation;
        if (st != null) {
            if (st.area == null) {
                throw new IllegalArgumentException("$.stimulation.area is missing (e.g. \"MOp-L\")");
            }
            if (st.classes != null) {
                if (st.classes.isEmpty()) {
                    throw new IllegalArgumentException("$.stimulation.classes is empty; expected some of E, FS, LTS (or leave it out for all)");
                }
                for (String name : st.classes) {
                    if (Arrays.stream(CellClass.values()).noneMatch(cls -> cls.name().equals(name))) {
                        throw new IllegalArgumentException("$.stimulation.classes: unknown cell class \"" + name
                                + "\", expected E, FS or LTS");
                    }
                }
            }
            st = new StimulationSpec(st.area, st.column, or(st.startMs, 0.0), or(st.stopMs, Double.MAX_VALUE),
                    st.classes == null ? null : List.copyOf(st.classes));
            if (!(st.stopMs > st.startMs)) {
                throw new IllegalArgumentException("$.stimulation.stopMs must exceed startMs");
            }
        }
        RunSpec r = run == null ? new RunSpec(null, null, null, null, null, null) : run;
        r = new RunSpec(or(r.dtMs, 0.1), or(r.tSimMs, 1000.0), or(r.warmupMs, 200.0), or(r.binMs, 1.0),
                or(r.seed, 1L), or(r.threads, Runtime.getRuntime().availableProcessors()));
        positive(r.dtMs, "$.run.dtMs");
        positive(r.binMs, "$.run.binMs");
        if (!(r.tSimMs >= 0) || !(r.warmupMs >= 0)) {
            throw new IllegalArgumentException("$.run.tSimMs and warmupMs must be >= 0");
        }
        if (Math.abs(r.binMs / r.dtMs - Math.round(r.binMs / r.dtMs)) > 1e-9) {
            throw new IllegalArgumentException("$.run.binMs (" + r.binMs + ") must be a multiple of dtMs (" + r.dtMs + ")");
        }
        RegionsSpec rg = regions == null ? null : regions.completed(ce.densityScale, ce.seed);
        return new CortexModel(or(name, "cortex"), a, c, ce, ns, l, lr, bg, ps, st, r, rg);
    }

    /** This model with another run section (command-line overrides). */
    public CortexModel withRun(RunSpec r) {
        return new CortexModel(name, atlas, connectome, cells, neurons, local, longRange, background, parameters,
                stimulation, r, regions).completed(Map.of());
    }

    /** This model with another long-range section. */
    public CortexModel withLongRange(LongRangeSpec lr) {
        return new CortexModel(name, atlas, connectome, cells, neurons, local, lr, background, parameters,
                stimulation, run, regions).completed(Map.of());
    }

    /** This model with another density scale. */
    public CortexModel withDensityScale(double s) {
        CellSpec c = new CellSpec(s, cells.neuronsPerMm3, cells.excitatoryFraction, cells.fsShare, cells.kim2017, cells.seed);
        RegionsSpec rg = regions == null ? null : new RegionsSpec(regions.areas(),
                regions.densityScale() * s / cells.densityScale, regions.seed(), regions.classes(), regions.pathways(),
                regions.foldHemispheres());
        return new CortexModel(name, atlas, connectome, c, neurons, local, longRange, background, parameters,
                stimulation, run, rg).completed(Map.of());
    }

    /** This model with other parameter settings (no re-validation: the values were checked when set). */
    public CortexModel withParameters(Map<String, ParameterSpec> p) {
        return new CortexModel(name, atlas, connectome, cells, neurons, local, longRange, background, p, stimulation, run,
                regions);
    }

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private static String path(String p, String where, Map<String, String> variables, boolean required) {
        if (p == null) {
            if (required) {
                throw new IllegalArgumentException(where + " is missing (a file path)");
            }
            return null;
        }
        Matcher m = VAR.matcher(p);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = variables.get(m.group(1));
            if (v == null) {
                v = System.getenv(m.group(1));
            }
            if (v == null) {
                throw new IllegalArgumentException(where + " uses ${" + m.group(1)
                        + "}, which is not set (set the environment variable or pass it on the command line)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void positive(double v, String where) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(where + " is " + v + ", expected a positive number");
        }
    }

    /** Checks a background field of 4 finite values ≥ 0 (L2/3, L4, L5, L6). */
    private static void perLayer(double[] v, String field) {
        if (v.length != 4) {
            throw new IllegalArgumentException("$.background." + field + " needs 4 values (L2/3, L4, L5, L6), got "
                    + v.length);
        }
        for (int l = 0; l < 4; l++) {
            if (!(v[l] >= 0) || Double.isInfinite(v[l])) {
                throw new IllegalArgumentException("$.background." + field + "[" + l + "] is " + v[l]
                        + ", expected a finite number >= 0");
            }
        }
    }

    private static <T> T or(T v, T d) {
        return v != null ? v : d;
    }
}
