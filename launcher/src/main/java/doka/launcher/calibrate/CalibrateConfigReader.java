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
        return fromTree(file.toString(), ConfigReader.tree(file));
    }

    /** The resolved configuration (defaults filled in), as written into the run directory. */
    public static String toJson(CalibrateConfig config) {
        try {
            return ConfigReader.MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static CalibrateConfig fromTree(String source, JsonNode tree) {
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
        new CalibrateConfigReader(source).check(config);
        return config;
    }

    private void check(CalibrateConfig c) {
        require(c.name() != null && c.name().matches("[A-Za-z0-9_.-]+"), "name", c.name(),
                "letters, digits, '.', '-' or '_'");
        require(c.members() >= 2, "members", c.members(), "at least 2 (an ensemble)");
        require(c.model() != null && ForwardModels.KINDS.contains(c.model().kind()), "model.kind",
                c.model() == null ? null : c.model().kind(), "one of " + ForwardModels.KINDS);
        require(c.model().variables() >= 4, "model.variables", c.model().variables(), "at least 4");
        require(c.model().dt() > 0 && c.model().dt() <= 0.1, "model.dt", c.model().dt(), "in (0, 0.1]");
        var p = c.protocol();
        require(p.spinUp() >= 0, "protocol.spinUp", p.spinUp(), "≥ 0");
        require(p.duration() > 0, "protocol.duration", p.duration(), "> 0");
        require(p.lag() >= 0 && p.lag() <= p.duration(), "protocol.lag", p.lag(), "in [0, protocol.duration]");
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
        for (int i = 0; i < ps.size(); i++) {
            require(i < allowed.size() && allowed.get(i).equals(ps.get(i).name()), "parameters[" + i + "].name",
                    ps.get(i).name(), "'" + (i < allowed.size() ? allowed.get(i) : "(none)") + "': " + c.model().kind()
                            + " takes " + allowed + " in this order");
        }
    }

    private void checkTargets(CalibrateConfig c) {
        var t = c.targets();
        require(t != null, "targets", null, "an object with truth or values");
        require((t.truth() == null) != (t.values() == null), "targets", t.truth() == null ? "neither" : "both",
                "either 'truth' (a twin: parameter → true value) or 'values' (statistic → target), not both");
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
