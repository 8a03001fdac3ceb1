package doka.engine.atlas;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers for published regional connectomes, restricted to the 43 CCF v3 isocortex areas
 * ({@link AllenAtlas#ISOCORTEX_AREAS}).
 *
 * <ul>
 *   <li>Oh et al. 2014 (Nature 508:207) Suppl. Table 3: {@code W_ipsi} and {@code W_contra}, a
 *       header row of target acronyms and one row per source acronym, in CCF v2 names.</li>
 *   <li>Knox et al. 2019 (Netw Neurosci 3:217) regional homogeneous model: two header rows
 *       ("ipsi"/"contra", target Allen structure id) and one row per source structure id.</li>
 * </ul>
 */
public final class ConnectomeReaders {
    /**
     * CCF v2 → v3 differences within the isocortex. PTLp was split into VISa and VISrl; both take
     * PTLp's strengths (a choice: the split's proportions are not in the v2 data).
     */
    static final Map<String, List<String>> V2_SPLITS = Map.of("PTLp", List.of("VISa", "VISrl"));

    private ConnectomeReaders() {
    }

    /** Reads Oh et al. 2014 W_ipsi / W_contra and maps their CCF v2 acronyms to CCF v3 areas. */
    public static Connectome readOh2014(Path ipsiCsv, Path contraCsv) throws IOException {
        Map<String, Map<String, Double>> ipsi = readAcronymMatrix(ipsiCsv);
        Map<String, Map<String, Double>> contra = readAcronymMatrix(contraCsv);
        // v3 area → v2 acronym providing its row/column.
        Map<String, String> v2Of = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (String v3 : AllenAtlas.ISOCORTEX_AREAS) {
            if (ipsi.containsKey(v3)) {
                v2Of.put(v3, v3);
                continue;
            }
            String parent = V2_SPLITS.entrySet().stream().filter(e -> e.getValue().contains(v3))
                    .map(Map.Entry::getKey).filter(ipsi::containsKey).findFirst().orElse(null);
            if (parent != null) {
                v2Of.put(v3, parent);
                notes.add(v3 + " (CCF v3) takes the strengths of " + parent + " (CCF v2), which it was split from");
            } else {
                unmapped.add(v3);
            }
        }
        if (!unmapped.isEmpty()) {
            notes.add("no CCF v2 counterpart in Oh et al. 2014 for " + String.join(", ", unmapped)
                    + "; their long-range strengths are 0");
        }
        List<String> acr = List.copyOf(AllenAtlas.ISOCORTEX_AREAS);
        int n = acr.size();
        double[] wi = new double[n * n], wc = new double[n * n];
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                String vs = v2Of.get(acr.get(s)), vt = v2Of.get(acr.get(t));
                if (vs == null || vt == null) {
                    continue;
                }
                wi[s * n + t] = lookup(ipsi, vs, vt, ipsiCsv);
                wc[s * n + t] = lookup(contra, vs, vt, contraCsv);
            }
        }
        return new Connectome("Oh et al. 2014 (" + ipsiCsv.getFileName() + ", " + contraCsv.getFileName() + ")",
                acr, wi, wc, notes);
    }

    /** Reads the Knox et al. 2019 regional model, translating Allen ids with the structure graph. */
    public static Connectome readKnox2019(Path csv, StructureGraph graph) throws IOException {
        return readKnox2019(csv, graph, AllenAtlas.ISOCORTEX_AREAS);
    }

    /** The same for the structures {@code acronyms} (any of the model's 291 summary structures). */
    public static Connectome readKnox2019(Path csv, StructureGraph graph, List<String> acronyms) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv)) {
            String[] kinds = split(r.readLine(), csv, 1);
            String[] ids = split(r.readLine(), csv, 2);
            if (kinds.length != ids.length) {
                throw new IOException(csv + ": header lines 1 and 2 have " + kinds.length + " and " + ids.length
                        + " cells, expected equal counts");
            }
            List<String> acr = List.copyOf(acronyms);
            Map<String, Integer> slot = new HashMap<>();
            for (int i = 0; i < acr.size(); i++) {
                slot.put(acr.get(i), i);
            }
            int n = acr.size();
            int[] colSlot = new int[kinds.length];
            boolean[] colContra = new boolean[kinds.length];
            boolean[][] covered = new boolean[2][n];
            for (int c = 1; c < kinds.length; c++) {
                String kind = kinds[c].trim();
                if (!kind.equals("ipsi") && !kind.equals("contra")) {
                    throw new IOException(csv + ": line 1, column " + (c + 1) + " is '" + kind + "', expected ipsi or contra");
                }
                colContra[c] = kind.equals("contra");
                colSlot[c] = slotOfId(parseId(ids[c], csv, 2, c), graph, slot);
                if (colSlot[c] >= 0) {
                    covered[colContra[c] ? 1 : 0][colSlot[c]] = true;
                }
            }
            double[] wi = new double[n * n], wc = new double[n * n];
            boolean[] rowSeen = new boolean[n];
            int lineNo = 2;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line, csv, lineNo);
                if (cells.length != kinds.length) {
                    throw new IOException(csv + ": line " + lineNo + " has " + cells.length + " cells, expected " + kinds.length);
                }
                int s = slotOfId(parseId(cells[0], csv, lineNo, 0), graph, slot);
                if (s < 0) {
                    continue;
                }
                rowSeen[s] = true;
                for (int c = 1; c < cells.length; c++) {
                    if (colSlot[c] >= 0) {
                        double v = parseValue(cells[c], csv, lineNo, c);
                        (colContra[c] ? wc : wi)[s * n + colSlot[c]] = v;
                    }
                }
            }
            List<String> notes = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                if (!rowSeen[a]) {
                    notes.add("no source row for " + acr.get(a) + "; its outgoing strengths are 0");
                }
                if (!covered[0][a]) {
                    notes.add("no ipsilateral target column for " + acr.get(a) + "; strengths into it are 0");
                }
                if (!covered[1][a]) {
                    notes.add("no contralateral target column for " + acr.get(a) + "; strengths into it are 0");
                }
            }
            return new Connectome("Knox et al. 2019 (" + csv.getFileName() + ")", acr, wi, wc, notes);
        }
    }

    private static int slotOfId(int id, StructureGraph graph, Map<String, Integer> slot) {
        StructureGraph.Structure s = graph.byId(id);
        Integer a = s == null ? null : slot.get(s.acronym());
        return a == null ? -1 : a;
    }

    /** Header row of target acronyms; rows of source acronym + strengths. */
    public static Map<String, Map<String, Double>> readAcronymMatrix(Path csv) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv)) {
            String[] header = split(r.readLine(), csv, 1);
            Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
            int lineNo = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line, csv, lineNo);
                if (cells.length != header.length) {
                    throw new IOException(csv + ": line " + lineNo + " has " + cells.length + " cells, expected "
                            + header.length + " (as the header)");
                }
                Map<String, Double> row = new HashMap<>();
                for (int c = 1; c < cells.length; c++) {
                    row.put(header[c].trim(), parseValue(cells[c], csv, lineNo, c));
                }
                rows.put(cells[0].trim(), row);
            }
            if (rows.isEmpty()) {
                throw new IOException(csv + ": no data rows after the header");
            }
            return rows;
        }
    }

    private static double lookup(Map<String, Map<String, Double>> m, String s, String t, Path csv) throws IOException {
        Double v = m.get(s).get(t);
        if (v == null) {
            throw new IOException(csv + ": row " + s + " exists but column " + t + " does not");
        }
        return v;
    }

    private static String[] split(String line, Path csv, int lineNo) throws IOException {
        if (line == null) {
            throw new IOException(csv + ": file ends before line " + lineNo + " (header expected)");
        }
        return line.split(",", -1);
    }

    private static int parseId(String s, Path csv, int lineNo, int col) throws IOException {
        try {
            return (int) Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IOException(csv + ": line " + lineNo + ", column " + (col + 1) + " is '" + s
                    + "', expected an Allen structure id");
        }
    }

    private static double parseValue(String s, Path csv, int lineNo, int col) throws IOException {
        String t = s.trim();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IOException(csv + ": line " + lineNo + ", column " + (col + 1) + " is '" + s
                    + "', expected a number");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IOException(csv + ": line " + lineNo + ", column " + (col + 1) + " is " + v
                    + ", expected a finite non-negative strength");
        }
        return v;
    }
}
