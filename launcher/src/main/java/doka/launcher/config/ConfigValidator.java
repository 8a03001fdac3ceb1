package doka.launcher.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import doka.enkf.EnsembleFilter.Variant;
import doka.enkf.ParameterTransform;
import doka.launcher.config.EnsembleConfig.Model;
import doka.launcher.config.EnsembleConfig.Parameter;

/** Checks the values of a configuration that parsed; each error names the field's path and what is allowed. */
public final class ConfigValidator {
    private static final List<String> OPERATORS = List.of("area_rate", "calcium", "lfp");
    private static final List<String> BACKGROUNDS = List.of("poisson", "dc");

    /**
     * The largest |F|·dt at which RK4 keeps Lorenz-96 (40 variables) finite: measured from F = 8 ± 0.01 over 20,000
     * steps, dt 0.05 holds F = 16 and blows up at 24, dt 0.1 holds 8 and blows up at 16, dt 0.01 holds 64 and
     * blows up at 100 (the step leaves RK4's stability region).
     */
    static final double LORENZ96_MAX_FORCING_DT = 0.8;

    private final String source;

    private ConfigValidator(String source) {
        this.source = source;
    }

    static void validate(String source, EnsembleConfig c) {
        new ConfigValidator(source).check(c);
    }

    private void check(EnsembleConfig c) {
        require(c.name() != null && c.name().matches("[A-Za-z0-9_.-]+"), "name", c.name(),
                "letters, digits, '.', '-' or '_'");
        require(c.members() >= 2, "members", c.members(), "at least 2 (an ensemble)");
        require(c.ranksPerMember() >= 1, "ranksPerMember", c.ranksPerMember(), "at least 1");
        require(c.model() != null, "model", null, "an object with kind cortex, pd14, lorenz96, external or plugin");
        checkModel(c.model());
        require(c.ranksPerMember() == 1 || !(c.model() instanceof Model.Pd14), "ranksPerMember", c.ranksPerMember(),
                "1 for pd14 members (only cortex members are split into tiles over ranks)");
        require(c.ranksPerMember() == 1 || !(c.model() instanceof Model.External || c.model() instanceof Model.Plugin),
                "ranksPerMember", c.ranksPerMember(), "1 for external and plug-in members");
        checkParameters(c.parameters(), c.model());
        var f = c.filter();
        Variant kind = parsed(() -> Variant.parse("filter.kind", f.kind()));
        require(f.inflation() >= 1.0 && f.inflation() <= 2.0, "filter.inflation", f.inflation(), "between 1 and 2");
        require(f.rtps() == null || (f.rtps() >= 0 && f.rtps() <= 1), "filter.rtps", f.rtps(), "between 0 and 1");
        require(f.rtpp() == null || (f.rtpp() >= 0 && f.rtpp() <= 1), "filter.rtpp", f.rtpp(), "between 0 and 1");
        require(f.rtps() == null || f.rtpp() == null, "filter.rtpp", f.rtpp(),
                "no value beside filter.rtps (" + f.rtps() + "): relax to the prior's spread or to its perturbations,"
                        + " not both");
        var a = f.adaptiveInflation();
        if (a != null) {
            require(a.smoothing() > 0 && a.smoothing() <= 1, "filter.adaptiveInflation.smoothing", a.smoothing(),
                    "in (0, 1] (the weight of each window's estimate, e.g. 0.05)");
            require(a.maxFactor() >= 1 && a.maxFactor() < Double.POSITIVE_INFINITY, "filter.adaptiveInflation.maxFactor",
                    a.maxFactor(), "finite and ≥ 1");
        }
        require(!f.rotate() || kind != Variant.ENKF, "filter.rotate", true,
                "false with the enkf (the rotation is of the etkf's and letkf's transform)");
        require(f.localization() == null || f.localization() > 0, "filter.localization", f.localization(),
                "a positive radius");
        require(kind != Variant.LETKF || f.localization() != null, "filter.localization", null,
                "a radius: the letkf needs one");
        require(f.jitter() == null || f.jitter() >= 0, "filter.jitter", f.jitter(), "≥ 0");
        require(f.rejectSigma() == null || f.rejectSigma() > 0, "filter.rejectSigma", f.rejectSigma(), "> 0");
        var w = c.windows();
        require(w != null, "windows", null, "an object with lengthMs and count");
        require(w.count() >= 1, "windows.count", w.count(), "at least 1");
        require(w.warmupMs() >= 0, "windows.warmupMs", w.warmupMs(), "≥ 0");
        if (!(c.model() instanceof Model.Lorenz96)) {
            require(w.lengthMs() > 0, "windows.lengthMs", w.lengthMs(), "> 0 ms");
        }
        checkObservations(c);
        var k = c.checkpoint();
        require(k.everyWindows() >= 0, "checkpoint.everyWindows", k.everyWindows(), "≥ 0");
        require(k.everyMinutes() >= 0, "checkpoint.everyMinutes", k.everyMinutes(), "≥ 0");
        require(k.keep() >= 1, "checkpoint.keep", k.keep(), "at least 1");
        require(c.membersPerRank() == null || c.membersPerRank() >= 1, "membersPerRank", c.membersPerRank(),
                "at least 1, or absent (derived from the machine)");
        checkFaults(c.faults());
    }

    private void checkFaults(EnsembleConfig.Faults f) {
        require(f != null, "faults", null, "an object");
        require(f.silentBelowHz() >= 0, "faults.silentBelowHz", f.silentBelowHz(), "≥ 0");
        require(f.runawayAboveHz() > f.silentBelowHz(), "faults.runawayAboveHz", f.runawayAboveHz(),
                "above faults.silentBelowHz");
        require(f.maxFailedShare() >= 0 && f.maxFailedShare() < 1, "faults.maxFailedShare", f.maxFailedShare(),
                "in [0, 1)");
        require(f.innovationAbove() > 1, "faults.innovationAbove", f.innovationAbove(),
                "> 1 (a consistent filter's normalised innovation is about 1)");
        require(f.collapseWindows() >= 1, "faults.collapseWindows", f.collapseWindows(), "at least 1");
        require(f.spreadBelow() >= 0, "faults.spreadBelow", f.spreadBelow(), "≥ 0");
        oneOf("faults.onCollapse", f.onCollapse(), List.of("warn", "stop"));
    }

    /**
     * Checks parameters with priors, bounds and transforms (names unique, prior sd &gt; 0, bounds ordered, a prior
     * mean the transform accepts), for configurations other than ensembles (calibration).
     */
    public static void checkParameters(String source, List<Parameter> parameters) {
        new ConfigValidator(source).checkParameters(parameters, null);
    }

    private void checkModel(Model model) {
        if (model instanceof Model.Cortex m) {
            require(m.file() != null && !m.file().isBlank(), "model.file", m.file(), "a cortex model file");
            require(m.densityScale() == null || (m.densityScale() > 0 && m.densityScale() <= 1),
                    "model.densityScale", m.densityScale(), "in (0, 1]");
        } else if (model instanceof Model.Pd14 m) {
            require(m.nScale() > 0 && m.nScale() <= 1, "model.nScale", m.nScale(), "in (0, 1]");
            require(m.kScale() > 0 && m.kScale() <= 1, "model.kScale", m.kScale(), "in (0, 1]");
            oneOf("model.background", m.background(), BACKGROUNDS);
        } else if (model instanceof Model.External m) {
            require(m.command() != null && !m.command().isEmpty() && m.command().stream().allMatch(a -> a != null && !a.isEmpty()),
                    "model.command", m.command(), "the program and its arguments, a non-empty list of non-empty strings");
            observables(m.observables());
            require(m.timeoutS() > 0, "model.timeoutS", m.timeoutS(), "> 0 s");
        } else if (model instanceof Model.Plugin m) {
            require(m.className() != null && !m.className().isBlank(), "model.class", m.className(),
                    "the class name of a doka.launcher.plugin.MemberPlugin on the class path");
            observables(m.observables());
        } else if (model instanceof Model.Lorenz96 m) {
            require(m.variables() >= 4, "model.variables", m.variables(), "at least 4");
            require(m.dt() > 0 && m.dt() <= 0.1, "model.dt", m.dt(), "in (0, 0.1]");
            require(m.stepsPerWindow() >= 1, "model.stepsPerWindow", m.stepsPerWindow(), "at least 1");
            require(m.obsVariance() > 0, "model.obsVariance", m.obsVariance(), "> 0");
            require(m.initialSpread() > 0, "model.initialSpread", m.initialSpread(), "> 0");
            require(m.spinUpSteps() >= 0, "model.spinUpSteps", m.spinUpSteps(), "≥ 0");
            require(Math.abs(m.forcing()) * m.dt() <= LORENZ96_MAX_FORCING_DT, "model.forcing", m.forcing(),
                    "at most " + LORENZ96_MAX_FORCING_DT / m.dt() + " in size with dt " + m.dt() + " (|forcing| × dt ≤ "
                            + LORENZ96_MAX_FORCING_DT + ": beyond it RK4 blows up; 8 is the classic chaotic case)");
        }
    }

    private void observables(List<String> names) {
        require(names != null && !names.isEmpty() && names.stream().allMatch(o -> o != null && !o.isBlank())
                && new HashSet<>(names).size() == names.size(),
                "model.observables", names, "the names of the program's observables, a non-empty list without repeats");
    }

    private void checkParameters(List<Parameter> parameters, Model model) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            String at = "parameters[" + i + "]";
            require(p.name() != null && !p.name().isBlank(), at + ".name", p.name(), "a parameter name");
            require(seen.add(p.name()), at + ".name", p.name(), "a name not used before");
            if (model instanceof Model.Lorenz96 m) {
                require("forcing".equals(p.name()), at + ".name", p.name(), "forcing (the one Lorenz-96 parameter)");
                require(Math.abs(p.priorMean()) * m.dt() <= LORENZ96_MAX_FORCING_DT, at + ".priorMean", p.priorMean(),
                        "at most " + LORENZ96_MAX_FORCING_DT / m.dt() + " in size with model.dt " + m.dt()
                                + " (beyond it RK4 blows up)");
            }
            require(p.priorSd() > 0, at + ".priorSd", p.priorSd(), "> 0");
            ParameterTransform.Kind t = parsed(() -> p.transformKind(at + ".transform"));
            require(p.lower() == null || p.upper() == null || p.lower() < p.upper(), at + ".upper", p.upper(),
                    "greater than lower (" + p.lower() + ")");
            if (t == ParameterTransform.Kind.LOG) {
                require(p.priorMean() > 0, at + ".priorMean", p.priorMean(), "> 0 for a log transform");
            }
            if (t == ParameterTransform.Kind.LOGIT) {
                require(p.lower() != null && p.upper() != null, at + ".transform", p.transform(),
                        "lower and upper bounds for logit");
                require(p.priorMean() > p.lower() && p.priorMean() < p.upper(), at + ".priorMean", p.priorMean(),
                        "strictly between lower and upper");
            }
        }
    }

    private void checkObservations(EnsembleConfig c) {
        var o = c.observations();
        require(o != null, "observations", null, "an object with a file or a twin truth");
        if (c.model() instanceof Model.Lorenz96) {
            require(o.file() == null, "observations.file", o.file(), "no file: Lorenz-96 runs are twins");
            return;
        }
        require(o.mapping() == null || o.file() != null, "observations.mapping", o.mapping(),
                "no mapping without an observations.file (it maps a recording's units or channels to areas)");
        oneOf("observations.operator", o.operator(), OPERATORS);
        checkOperatorSettings(c);
        oneOf("observations.twinNetworks", o.twinNetworks(), List.of("shared", "independent"));
        require(o.recordingStartS() >= 0, "observations.recordingStartS", o.recordingStartS(), "≥ 0 s");
        require(o.file() == null || !o.file().toLowerCase(java.util.Locale.ROOT).endsWith(".nwb") || o.mapping() != null,
                "observations.mapping", null, "a mapping file (kind,key,area) from the NWB file's units to model areas");
        require(o.binMs() > 0, "observations.binMs", o.binMs(), "> 0 ms");
        require(o.binMs() <= c.windows().lengthMs(), "observations.binMs", o.binMs(), "at most windows.lengthMs");
        double warmupBins = c.windows().warmupMs() / o.binMs();
        require(!(c.model() instanceof Model.External) || Math.abs(warmupBins - Math.rint(warmupBins)) < 1e-9,
                "windows.warmupMs", c.windows().warmupMs(), "a multiple of observations.binMs (" + o.binMs()
                        + " ms): external members advance in whole bins");
        require(o.relativeError() >= 0, "observations.relativeError", o.relativeError(), "≥ 0");
        require(o.errorFloor() > 0, "observations.errorFloor", o.errorFloor(), "> 0 (a positive error variance)");
        if (o.file() == null) {
            Set<String> estimated = new HashSet<>();
            c.parameters().forEach(p -> estimated.add(p.name()));
            for (Map.Entry<String, Double> t : o.truth().entrySet()) {
                require(estimated.contains(t.getKey()), "observations.truth." + t.getKey(), t.getValue(),
                        "a truth only for an estimated parameter " + estimated);
            }
            for (Parameter p : c.parameters()) {
                Double t = o.truth().get(p.name());
                require(t == null || ((p.lower() == null || t >= p.lower()) && (p.upper() == null || t <= p.upper())),
                        "observations.truth." + p.name(), t, "within the parameter's bounds [" + p.lower() + ", "
                                + p.upper() + "] (the filter cannot leave them)");
            }
            for (String name : estimated) {
                require(o.truth().containsKey(name), "observations.truth", o.truth().keySet(),
                        "a true value for every estimated parameter; " + name + " is missing");
            }
        }
    }

    /** The calcium and LFP operators' settings: only with their operator, only for cortex members, in range. */
    private void checkOperatorSettings(EnsembleConfig c) {
        var o = c.observations();
        require(o.calcium() == null || o.operator().equals("calcium"), "observations.calcium", "{…}",
                "no calcium settings with operator '" + o.operator() + "' (set observations.operator to calcium)");
        require(o.lfp() == null || o.operator().equals("lfp"), "observations.lfp", "{…}",
                "no lfp settings with operator '" + o.operator() + "' (set observations.operator to lfp)");
        require(o.operator().equals("area_rate") || c.model() instanceof Model.Cortex, "observations.operator",
                o.operator(), "area_rate for " + c.model().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                        + " members (calcium and lfp observe the spiking cortex)");
        var ca = o.calcium();
        if (ca != null) {
            require(ca.riseMs() > 0 && Double.isFinite(ca.riseMs()), "observations.calcium.riseMs", ca.riseMs(), "> 0 ms");
            require(ca.decayMs() > ca.riseMs() && Double.isFinite(ca.decayMs()), "observations.calcium.decayMs",
                    ca.decayMs(), "finite and above riseMs (" + ca.riseMs() + " ms)");
            require(ca.amplitudeDff() > 0 && Double.isFinite(ca.amplitudeDff()), "observations.calcium.amplitudeDff",
                    ca.amplitudeDff(), "finite and > 0 (ΔF/F of one spike, e.g. 0.2)");
            require(ca.saturationDff() == null || ca.saturationDff() > 0, "observations.calcium.saturationDff",
                    ca.saturationDff(), "> 0, or null for a linear indicator");
            oneOf("observations.calcium.cells", ca.cells(), List.of("excitatory", "all"));
            require(ca.cellFraction() > 0 && ca.cellFraction() <= 1, "observations.calcium.cellFraction",
                    ca.cellFraction(), "in (0, 1]");
        }
        var lfp = o.lfp();
        if (lfp != null) {
            require(lfp.alpha() >= 0 && Double.isFinite(lfp.alpha()), "observations.lfp.alpha", lfp.alpha(), "finite and ≥ 0");
            require(lfp.ampaDelayMs() >= 0 && Double.isFinite(lfp.ampaDelayMs()), "observations.lfp.ampaDelayMs",
                    lfp.ampaDelayMs(), "finite and ≥ 0 ms");
            require(lfp.gabaDelayMs() >= 0 && Double.isFinite(lfp.gabaDelayMs()), "observations.lfp.gabaDelayMs",
                    lfp.gabaDelayMs(), "finite and ≥ 0 ms");
            require(lfp.scale() != 0 && Double.isFinite(lfp.scale()), "observations.lfp.scale", lfp.scale(), "finite and ≠ 0");
            require(lfp.sampleMs() > 0 && multiple(o.binMs(), lfp.sampleMs()), "observations.lfp.sampleMs", lfp.sampleMs(),
                    "> 0 ms and a divisor of observations.binMs (" + o.binMs() + " ms)");
            double delay = Math.max(lfp.sampleMs(), Math.max(lfp.ampaDelayMs(), lfp.gabaDelayMs()));
            require(c.windows().warmupMs() >= delay && multiple(c.windows().warmupMs(), lfp.sampleMs()), "windows.warmupMs",
                    c.windows().warmupMs(), "at least one sample and the LFP's longest delay (" + delay + " ms), and a"
                            + " multiple of observations.lfp.sampleMs (" + lfp.sampleMs() + " ms): the first window's LFP needs"
                            + " the currents before it");
        }
    }

    /** Whether {@code value} is a whole multiple of {@code step}. */
    private static boolean multiple(double value, double step) {
        double k = value / step;
        return Math.abs(k - Math.rint(k)) < 1e-9;
    }

    /** A choice parsed where it is defined; its error names the field and the allowed words. */
    private <T> T parsed(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    private void oneOf(String field, String value, List<String> allowed) {
        require(value != null && allowed.contains(value), field, value, "one of " + allowed);
    }

    private void require(boolean ok, String field, Object value, String allowed) {
        if (!ok) {
            throw new ConfigException(source + ": field '" + field + "' is " + (value instanceof String ? "'" + value + "'" : value)
                    + "; expected " + allowed);
        }
    }
}
