package doka.engine.atlas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Allen structure ontology: id, acronym, name and parent of every structure. Reads Allen's
 * {@code structure_graph_download/1.json} (a nested tree under {@code msg}) and also the flat
 * list form (a {@code msg} array whose entries carry {@code parent_structure_id}).
 */
public final class StructureGraph {
    /** One structure. {@code parentId} is −1 for the root. */
    public record Structure(int id, String acronym, String name, int parentId) {
    }

    private final Map<Integer, Structure> byId;
    private final Map<String, Structure> byAcronym = new HashMap<>();

    public StructureGraph(List<Structure> structures) {
        Map<Integer, Structure> ids = new HashMap<>();
        for (Structure s : structures) {
            if (ids.put(s.id(), s) != null) {
                throw new IllegalArgumentException("structure graph: id " + s.id() + " appears twice");
            }
            byAcronym.putIfAbsent(s.acronym(), s);
        }
        for (Structure s : structures) {
            if (s.parentId() >= 0 && !ids.containsKey(s.parentId())) {
                throw new IllegalArgumentException("structure graph: " + s.acronym() + " (id " + s.id()
                        + ") has parent id " + s.parentId() + ", which is not in the graph");
            }
        }
        this.byId = ids;
    }

    /** Reads a structure graph JSON file; errors name the file and the JSON path. */
    public static StructureGraph read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.newBufferedReader(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode msg = root.isArray() ? root : root.get("msg");
        if (msg == null || !msg.isArray()) {
            throw new IOException(file + ": expected a 'msg' array of structures (Allen structure_graph_download format)");
        }
        List<Structure> out = new ArrayList<>();
        for (int i = 0; i < msg.size(); i++) {
            collect(msg.get(i), -2, "msg[" + i + "]", out, file);
        }
        try {
            return new StructureGraph(out);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static void collect(JsonNode node, int parentFromTree, String path, List<Structure> out, Path file)
            throws IOException {
        JsonNode id = node.get("id");
        JsonNode acronym = node.get("acronym");
        if (id == null || !id.canConvertToInt() || acronym == null || !acronym.isTextual()) {
            throw new IOException(file + ": " + path + " needs an integer 'id' and a text 'acronym'");
        }
        int parent = parentFromTree;
        if (parent == -2) {
            JsonNode p = node.get("parent_structure_id");
            parent = p == null || p.isNull() ? -1 : p.asInt();
        }
        JsonNode name = node.get("name");
        out.add(new Structure(id.asInt(), acronym.asText(), name == null ? "" : name.asText(), parent));
        JsonNode children = node.get("children");
        if (children != null && children.isArray()) {
            for (int i = 0; i < children.size(); i++) {
                collect(children.get(i), id.asInt(), path + ".children[" + i + "]", out, file);
            }
        }
    }

    public int size() {
        return byId.size();
    }

    /** Structure with this id, or null. */
    public Structure byId(int id) {
        return byId.get(id);
    }

    /** Structure with this acronym, or null. */
    public Structure byAcronym(String acronym) {
        return byAcronym.get(acronym);
    }

    /** Whether {@code id} is {@code ancestorId} or lies below it. */
    public boolean isWithin(int id, int ancestorId) {
        for (Structure s = byId.get(id); s != null; s = byId.get(s.parentId())) {
            if (s.id() == ancestorId) {
                return true;
            }
        }
        return false;
    }

    /** Ids of the direct children of a structure, in graph order. */
    public List<Integer> children(int id) {
        List<Integer> out = new ArrayList<>();
        for (Structure s : byId.values()) {
            if (s.parentId() == id) {
                out.add(s.id());
            }
        }
        Collections.sort(out);
        return out;
    }
}
