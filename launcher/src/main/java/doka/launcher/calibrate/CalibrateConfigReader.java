package doka.launcher.calibrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import doka.enkf.Calibration;
import doka.launcher.config.ConfigException;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.ConfigValidator;
import doka.launcher.config.EnsembleConfig;

/**
 * Reads a calibration configuration strictly, as ensemble configurations are read ({@link ConfigReader}): the
 * defaults fill what the file leaves out; an unknown field, a wrong type or a bad value is a {@link ConfigException}
 * naming the file, the field and what is allowed.
 */
public final class CalibrateConfigReader {
    private final String source;

    private CalibrateConfigReader(String source) {
        this.source = source;
    }

    public static CalibrateConfig read(Path file) {
        Path base = file.toAbsolutePath().getParent();
        return fromTree(file.toString(), ConfigReader.tree(file), base);
    }

    /** The resolved configuration (defaults filled in), as written into the run directory. */
    public static String toJson(CalibrateConfig config) {
        try {
            return ConfigReader.MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code base}: the folder that relative paths (model file, unit table) are resolved against. */
    static CalibrateConfig fromTree(String source, JsonNode tree, Path base) {
        if (!(tree instanceof ObjectNode root)) {
            throw new ConfigException(source + ": expected a JSON object at the top level");
        }
        ObjectNode defaults;
        try (InputStream in = CalibrateConfigReader.class.getResourceAsStream("calibrate-defaults.json")) {
            defaults = (ObjectNode) ConfigReader.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode item = (ObjectNode) defaults.remove("parameterItem");
        if (root.get("parameters") != null && root.get("parameters").isArray()) {
            for (JsonNode p : root.get("parameters")) {
                if (p instanceof ObjectNode o) {
                    ConfigReader.fill(o, item);
                }
            }
        }
        ConfigReader.fill(root, defaults);
        CalibrateConfig config;
        try {
            config = ConfigReader.MAPPER.treeToValue(root, CalibrateConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + ConfigReader.describe(e), e);
        }
        CalibrateConfigReader reader = new CalibrateConfigReader(source);
        config = reader.resolve(config, base);
        reader.check(config);
        return config;
    }

    /**
     * Makes a cortex model's file and unit table absolute and turns the unit table into targets for the statistics that
     * have none yet (so a resolved configuration, as written into the run directory, needs the table no more).
     */
    private CalibrateConfig resolve(CalibrateConfig c, Path base) {
        CalibrateConfig.Model m = c.model();
        if (m == null || !"cortex".equals(m.kind())) {
            return c;
        }
        require(m.file() != null, "model.file", null, "the cortex model file");
        m = new CalibrateConfig.Model(m.kind(), m.variables(), m.dt(), base.resolve(m.file()).normalize().toString(),
                m.densityScale(), m.dataPaths());
        CalibrateConfig.Targets t = c.targets();
        CalibrateConfig.UnitTable table = t == null ? null : t.unitTable();
        List<String> statistics = c.protocol().statistics();
        if (table != null && statistics != null) {
            require(table.file() != null && table.column() != null && table.statistic() != null
                    && table.hemisphere() != null, "targets.unitTable", table,
                    "file, column, statistic, hemisphere, validAbove and validBelow");
            Path file = base.resolve(expand(table.file(), m.dataPaths(), "targets.unitTable.file")).normalize();
            table = new CalibrateConfig.UnitTable(file.toString(), table.column(), table.statistic(), table.hemisphere(),
                    table.validAbove(), table.validBelow());
            Map<String, Double> values = new java.util.TreeMap<>(t.values() == null ? Map.of() : t.values());
            Map<String, Double> errors = new java.util.TreeMap<>(t.errors());
            Map<String, String> areaOf = new java.util.LinkedHashMap<>();
            String suffix = "-" + table.hemisphere();
            for (String stat : statistics) {
                String prefix = table.statistic() + "/";
                if (stat.startsWith(prefix) && stat.endsWith(suffix) && !values.containsKey(stat)) {
                    areaOf.put(stat, stat.substring(prefix.length(), stat.length() - suffix.length()));
                }
            }
            if (!areaOf.isEmpty()) {
                require(java.nio.file.Files.isRegularFile(file), "targets.unitTable.file", file.toString(),
                        "the table of recorded units (e.g. Siegle et al. 2021's timescale metrics, CSV with columns area"
                                + " and " + table.column() + ")");
                Map<String, doka.observation.io.UnitTable.AreaSummary> summary;
                try {
                    summary = doka.observation.io.UnitTable.summarise(file, table.column(), table.validAbove(),
                            table.validBelow(), List.copyOf(new java.util.LinkedHashSet<>(areaOf.values())));
                } catch (doka.observation.ObservationException e) {
                    throw new ConfigException(source + ": targets.unitTable: " + e.getMessage(), e);
                }
                areaOf.forEach((stat, area) -> {
                    values.put(stat, summary.get(area).median());
                    errors.putIfAbsent(stat, summary.get(area).standardError());
                });
            }
            t = new CalibrateConfig.Targets(t.truth(), values, errors, table);
        }
        return new CalibrateConfig(c.name(), c.members(), c.ranks(), c.seed(), m, c.protocol(), c.parameters(), t, c.noise(),
                c.method(), c.checkpoint(), c.output());
    }

    /** {@code ${NAME}} from {@code variables}, else the environment; an unset name is an error naming the field. */
    private String expand(String path, Map<String, String> variables, String field) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(path);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = variables.getOrDefault(name, System.getenv(name));
            require(value != null, field, path, "${" + name + "} set, in model.dataPaths or the environment");
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private void check(CalibrateConfig c) {
        require(c.name() != null && c.name().matches("[A-Za-z0-9_.-]+"), "name", c.name(),
                "letters, digits, '.', '-' or '_'");
        require(c.members() >= 2, "members", c.members(), "at least 2 (an ensemble)");
        require(c.ranks() == null || (c.ranks() >= 1 && c.members() % c.ranks() == 0), "ranks", c.ranks(),
                "a divisor of members (" + c.members() + "), or no field for one rank per member");
        require(c.model() != null && ForwardModels.KINDS.contains(c.model().kind()), "model.kind",
                c.model() == null ? null : c.model().kind(), "one of " + ForwardModels.KINDS);
        var p = c.protocol();
        if (c.model().kind().equals("lorenz96")) {
            require(c.model().variables() >= 4, "model.variables", c.model().variables(), "at least 4");
            require(c.model().dt() > 0 && c.model().dt() <= 0.1, "model.dt", c.model().dt(), "in (0, 0.1]");
            require(p.spinUp() >= 0, "protocol.spinUp", p.spinUp(), "≥ 0");
            require(p.duration() > 0, "protocol.duration", p.duration(), "> 0");
            require(p.lag() >= 0 && p.lag() <= p.duration(), "protocol.lag", p.lag(), "in [0, protocol.duration]");
            require(c.targets() == null || c.targets().unitTable() == null, "targets.unitTable", "given",
                    "none for lorenz96 (a table of recorded units gives targets for a cortex)");
        } else {
            require(c.model().densityScale() == null || (c.model().densityScale() > 0 && c.model().densityScale() <= 1),
                    "model.densityScale", c.model().densityScale(), "in (0, 1]");
            require(p.statistics() != null && !p.statistics().isEmpty()
                    && new HashSet<>(p.statistics()).size() == p.statistics().size(), "protocol.statistics",
                    p.statistics(), "a list of distinct statistics <kind>/<area>, kinds " + CortexForwardModel.KINDS);
            require(p.warmupMs() > 0, "protocol.warmupMs", p.warmupMs(), "> 0");
            require(p.timescaleBinMs() > 0, "protocol.timescaleBinMs", p.timescaleBinMs(), "> 0");
            require(p.restMs() >= 4 * p.timescaleBinMs(), "protocol.restMs", p.restMs(),
                    "at least 4 timescale bins (protocol.timescaleBinMs " + p.timescaleBinMs() + " ms)");
            require(p.maxLag() >= 3 && p.maxLag() < Math.floor(p.restMs() / p.timescaleBinMs() + 1e-9), "protocol.maxLag",
                    p.maxLag(), "3 or more lags, fewer than the rest's " + (int) Math.floor(p.restMs() / p.timescaleBinMs()
                            + 1e-9) + " bins");
        }
        checkParameters(c);
        checkTargets(c);
        require(c.noise().replicates() == 0 || c.noise().replicates() >= 2, "noise.replicates", c.noise().replicates(),
                "0 (none) or at least 2");
        var m = c.method();
        Calibration.Method method;
        try {
            method = m.parsed();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
        require(m.iterations() >= 1, "method.iterations", m.iterations(), "at least 1");
        require(method != Calibration.Method.ESMDA || (m.ratio() > 0 && m.ratio() <= 1), "method.ratio", m.ratio(),
                "in (0, 1]");
        require(m.stopTolerance() == null || m.stopTolerance() < 1, "method.stopTolerance", m.stopTolerance(),
                "< 1, or null (never stop early)");
        require(c.checkpoint().everyIterations() >= 0, "checkpoint.everyIterations", c.checkpoint().everyIterations(),
                "≥ 0");
        require(c.checkpoint().keep() >= 1, "checkpoint.keep", c.checkpoint().keep(), "at least 1");
    }

    private void checkParameters(CalibrateConfig c) {
        List<EnsembleConfig.Parameter> ps = c.parameters();
        require(ps != null && !ps.isEmpty(), "parameters", ps, "at least one parameter to fit");
        ConfigValidator.checkParameters(source, ps);
        List<String> allowed = ForwardModels.parameters(c.model().kind());
        for (int i = 0; allowed != null && i < ps.size(); i++) {
            require(i < allowed.size() && allowed.get(i).equals(ps.get(i).name()), "parameters[" + i + "].name",
                    ps.get(i).name(), "'" + (i < allowed.size() ? allowed.get(i) : "(none)") + "': " + c.model().kind()
                            + " takes " + allowed + " in this order");
        }
    }

    private void checkTargets(CalibrateConfig c) {
        var t = c.targets();
        require(t != null, "targets", null, "an object with truth or values");
        require((t.truth() == null) != (t.values() == null), "targets", t.truth() == null ? "neither" : "both",
                "either 'truth' (a twin: parameter → true value) or 'values' (statistic → target) and for a cortex"
                        + " 'unitTable', not both");
        List<String> statistics = ForwardModels.statistics(c);
        Set<String> names = new HashSet<>(List.of(c.parameterNames()));
        if (t.truth() != null) {
            for (String name : names) {
                require(t.truth().containsKey(name), "targets.truth", t.truth().keySet(),
                        "a true value for every parameter; " + name + " is missing");
            }
            for (Map.Entry<String, Double> e : t.truth().entrySet()) {
                require(names.contains(e.getKey()), "targets.truth." + e.getKey(), e.getValue(),
                        "a truth only for a fitted parameter " + names);
            }
        } else {
            for (String s : statistics) {
                require(t.values().containsKey(s), "targets.values", t.values().keySet(),
                        "a value for every statistic " + statistics + "; " + s + " is missing");
            }
            keys("targets.values", t.values(), statistics);
        }
        keys("targets.errors", t.errors(), statistics);
        t.errors().forEach((k, v) -> require(v >= 0, "targets.errors." + k, v, "≥ 0"));
        for (String s : statistics) {
            require(c.noise().replicates() > 0 || t.errors().getOrDefault(s, 0.0) > 0, "targets.errors." + s,
                    t.errors().get(s), "> 0 when noise.replicates is 0 (every target needs an error variance)");
        }
    }

    private void keys(String field, Map<String, Double> map, List<String> statistics) {
        for (Map.Entry<String, Double> e : map.entrySet()) {
            require(statistics.contains(e.getKey()), field + "." + e.getKey(), e.getValue(),
                    "a statistic of the model, one of " + statistics);
        }
    }

    private void require(boolean ok, String field, Object value, String allowed) {
        if (!ok) {
            throw new ConfigException(source + ": field '" + field + "' is "
                    + (value instanceof String ? "'" + value + "'" : value) + "; expected " + allowed);
        }
    }
}
