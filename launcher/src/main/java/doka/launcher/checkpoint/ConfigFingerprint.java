package doka.launcher.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import doka.launcher.config.ConfigReader;

/**
 * The SHA-256 of a resolved configuration ({@code config.json} of a run directory), in two kinds:
 * the full one, and the essential one, which leaves out the fields that are safe to change between
 * a checkpoint and its resume ({@link #SAFE_FIELDS}: they change how long the run goes, where it
 * prints, how often it checkpoints and how members share ranks, never what a window computes). Both hash a canonical form
 * (keys sorted, no whitespace) so that reformatting the file changes neither.
 *
 * @param full      hex SHA-256 of the canonical configuration
 * @param essential hex SHA-256 of the canonical configuration without the safe fields
 */
public record ConfigFingerprint(String full, String essential) {
    /** Fields that may change between a checkpoint and its resume (with {@code --allow-config-change}). */
    public static final List<String> SAFE_FIELDS = List.of("windows.count", "output.quiet", "output.runDir", "membersPerRank",
            "checkpoint.everyWindows", "checkpoint.everyMinutes", "checkpoint.keep");

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ConfigFingerprint of(Path configJson) {
        return of(tree(configJson));
    }

    public static ConfigFingerprint of(JsonNode config) {
        JsonNode canonical = canonical(config);
        ObjectNode essential = (ObjectNode) canonical.deepCopy();
        for (String field : SAFE_FIELDS) {
            String[] path = field.split("\\.");
            JsonNode parent = essential;
            for (int i = 0; i < path.length - 1 && parent != null; i++) {
                parent = parent.get(path[i]);
            }
            if (parent instanceof ObjectNode o) {
                o.remove(path[path.length - 1]);
            }
        }
        return new ConfigFingerprint(sha256(canonical), sha256(essential));
    }

    /** The first 16 bytes of the essential hash: the experiment id in every checkpoint file's header. */
    public byte[] experimentId() {
        return Arrays.copyOf(HexFormat.of().parseHex(essential), FileHeader.ID_LENGTH);
    }

    /**
     * The configuration as the launcher reads it (validated, defaults filled, numbers in one form),
     * so that writing {@code 20} for {@code 20.0} is no change.
     */
    public static JsonNode tree(Path configJson) {
        try {
            return JSON.readTree(ConfigReader.toJson(ConfigReader.read(configJson)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration " + configJson, e);
        }
    }

    /**
     * The leaf fields that differ between two configurations, as {@code path: old → new}, each
     * flagged safe or not.
     */
    public static List<Change> changes(JsonNode before, JsonNode after) {
        List<Change> out = new ArrayList<>();
        diff("", before, after, out);
        return out;
    }

    /**
     * One changed field.
     *
     * @param field  dotted path, e.g. {@code windows.count}
     * @param before old value (JSON), or "absent"
     * @param after  new value (JSON), or "absent"
     */
    public record Change(String field, String before, String after) {
        public boolean safe() {
            return SAFE_FIELDS.contains(field);
        }

        @Override
        public String toString() {
            return field + " " + before + " → " + after;
        }
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (a instanceof ObjectNode oa && b instanceof ObjectNode ob) {
            Set<String> keys = new TreeSet<>();
            oa.fieldNames().forEachRemaining(keys::add);
            ob.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(path.isEmpty() ? k : path + "." + k, oa.get(k), ob.get(k), out);
            }
        } else if (a == null || b == null || !canonical(a).equals(canonical(b))) {
            out.add(new Change(path, a == null ? "absent" : a.toString(), b == null ? "absent" : b.toString()));
        }
    }

    /** Object keys sorted at every level; arrays keep their order (it matters). */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Set<String> keys = new TreeSet<>();
            node.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                out.set(k, canonical(node.get(k)));
            }
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                out.add(canonical(it.next()));
            }
            return out;
        }
        return node;
    }

    private static String sha256(JsonNode canonical) {
        try {
            byte[] bytes = JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(CheckpointFile.sha256().digest(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
