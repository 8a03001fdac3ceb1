package doka.launcher.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads an ensemble configuration strictly: defaults (from {@code defaults.json}) fill what the file
 * leaves out; an unknown field, a value of the wrong type or an invalid value is a
 * {@link ConfigException} naming the file, the field's path and what is allowed.
 */
public final class ConfigReader {
    /** The strict mapper of every configuration (comments allowed; unknown fields, nulls for numbers fail). */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ConfigReader() {
    }

    /** Reads, completes with defaults, and validates {@code file}. */
    public static EnsembleConfig read(Path file) {
        return fromTree(file.toString(), tree(file));
    }

    /** The JSON tree of {@code file}; a missing file or bad JSON is a {@link ConfigException} naming it. */
    public static JsonNode tree(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new ConfigException(source + ": a directory, not a configuration file");
        }
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(source + ": the ensemble configuration: no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(source + ": not a text file in UTF-8: a configuration is JSON text");
        } catch (JsonProcessingException e) {
            throw notJson(source, e);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be read", e);
        }
    }

    /** Parses a configuration held in a string (for tests and generated configurations). */
    public static EnsembleConfig parse(String source, String json) {
        try {
            return fromTree(source, MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw notJson(source, e);
        }
    }

    /**
     * Text that is not one JSON object as a configuration error: where (line and column, when the parser knows),
     * and what. A duplicate key is named ("Duplicate field 'members'"); a value beyond the parser's limits (a string
     * of millions of characters) says so and what the limit is.
     */
    public static ConfigException notJson(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        if (e instanceof StreamConstraintsException) {
            return new ConfigException(source + ": a value too large to read" + where + ": "
                    + e.getOriginalMessage().replaceAll(",? ?from `[^`]*`", "")
                    + "; a configuration holds names, numbers and paths, not data");
        }
        return new ConfigException(source + ": not valid JSON" + where + ": " + e.getOriginalMessage());
    }

    /** The resolved configuration (defaults filled in), as written into the run directory. */
    public static String toJson(EnsembleConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EnsembleConfig fromTree(String source, JsonNode tree) {
        if (!(tree instanceof ObjectNode root)) {
            throw new ConfigException(source + ": expected a JSON object at the top level");
        }
        withDefaults(root);
        EnsembleConfig config;
        try {
            config = MAPPER.treeToValue(root, EnsembleConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + describe(e), e);
        }
        ConfigValidator.validate(source, config);
        return config;
    }

    private static void withDefaults(ObjectNode root) {
        ObjectNode defaults;
        try (InputStream in = ConfigReader.class.getResourceAsStream("defaults.json")) {
            defaults = (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode modelDefaults = (ObjectNode) defaults.remove("model");
        ObjectNode parameterItem = (ObjectNode) defaults.remove("parameterItem");
        ObjectNode adaptiveItem = (ObjectNode) defaults.remove("adaptiveInflationItem");
        ObjectNode calciumItem = (ObjectNode) defaults.remove("calciumItem");
        ObjectNode lfpItem = (ObjectNode) defaults.remove("lfpItem");
        if (root.get("observations") instanceof ObjectNode o) {
            // an operator's settings: the defaults, under what the file sets; present when the operator is chosen
            String operator = o.path("operator").asText("");
            operatorItem(o, "calcium", calciumItem, operator);
            operatorItem(o, "lfp", lfpItem, operator);
        }
        if (root.get("filter") instanceof ObjectNode f && f.get("adaptiveInflation") instanceof ObjectNode a) {
            fill(a, adaptiveItem);
        }
        if (root.get("parameters") != null && root.get("parameters").isArray()) {
            for (JsonNode p : root.get("parameters")) {
                if (p instanceof ObjectNode item) {
                    fill(item, parameterItem);
                }
            }
        }
        JsonNode model = root.get("model");
        if (model instanceof ObjectNode m && m.get("kind") != null && modelDefaults.get(m.get("kind").asText()) != null) {
            fill(m, (ObjectNode) modelDefaults.get(m.get("kind").asText()));
        }
        fill(root, defaults);
    }

    private static void operatorItem(ObjectNode observations, String operator, ObjectNode defaults, String chosen) {
        if (observations.get(operator) instanceof ObjectNode item) {
            fill(item, defaults);
        } else if (observations.get(operator) == null && operator.equals(chosen)) {
            observations.set(operator, defaults.deepCopy());
        }
    }

    /** Fills the fields {@code target} lacks from {@code defaults}, recursing into objects both have. */
    public static void fill(ObjectNode target, ObjectNode defaults) {
        Iterator<Map.Entry<String, JsonNode>> it = defaults.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> d = it.next();
            JsonNode present = target.get(d.getKey());
            if (present == null) {
                target.set(d.getKey(), d.getValue().deepCopy());
            } else if (present instanceof ObjectNode p && d.getValue() instanceof ObjectNode o && !o.isEmpty()) {
                fill(p, o);
            }
        }
    }

    /** A parse error as "field 'path': what was wrong" or "unknown field 'path'; allowed here: …". */
    public static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + path + "'; allowed here: " + sorted(u.getKnownPropertyIds());
        }
        if (e instanceof InvalidTypeIdException t) {
            return "field '" + (path.isEmpty() ? "" : path + ".") + "kind' is '" + t.getTypeId()
                    + "'; allowed: cortex, external, lorenz96, pd14, plugin";
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Missing creator property") || message.startsWith("Missing required creator property")) {
            return "missing field '" + path + "'";
        }
        if (message.contains("Missing type id")) {
            return "field '" + path + ".kind' is missing; allowed: cortex, external, lorenz96, pd14, plugin";
        }
        return "field '" + path + "': " + message.replaceAll("\\(class [^)]*\\)", "").replaceAll("\\s+", " ").trim();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String sorted(Collection<Object> ids) {
        return String.join(", ", new TreeSet<>(ids.stream().map(String::valueOf).toList()));
    }
}
