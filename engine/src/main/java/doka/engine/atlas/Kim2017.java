package doka.engine.atlas;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads per-area FS shares (PV / (PV + SST)) by layer from Kim et al. 2017 (Cell 171:456)
 * supplementary table mmc3 (densities per mm³; two header lines; columns ROI, full name,
 * structure order, then mean and SD for PV male, PV female, SST male, SST female, …). Male and
 * female means are averaged ("N/D" values are skipped). L6 uses "6a" (the table's L6 rows are 6a and 6b; 6a holds most cells).
 */
public final class Kim2017 {
    private Kim2017() {
    }

    /** Area acronym → FS share per modelled layer (NaN where the table has no row or no cells). */
    public static Map<String, double[]> readFsShares(Path mmc3) throws IOException {
        Map<String, double[]> pvSst = new HashMap<>(); // ROI → {pv, sst}
        try (BufferedReader r = Files.newBufferedReader(mmc3)) {
            String h1 = r.readLine(), h2 = r.readLine();
            if (h1 == null || h2 == null) {
                throw new IOException(mmc3 + ": expected two header lines");
            }
            String[] g = splitCsv(h1);
            if (g.length < 11 || !g[3].contains("PV") || !g[5].contains("PV") || !g[7].contains("SST") || !g[9].contains("SST")) {
                throw new IOException(mmc3 + ": line 1 should name PV in columns 4 and 6 and SST in columns 8 and 10 (Kim 2017 mmc3 layout)");
            }
            int lineNo = 2;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                String[] c = splitCsv(line);
                if (c.length < 11) {
                    throw new IOException(mmc3 + ": line " + lineNo + " has " + c.length + " cells, expected at least 11");
                }
                double pv = meanOf(c[3], c[5], mmc3, lineNo);
                double sst = meanOf(c[7], c[9], mmc3, lineNo);
                if (!Double.isNaN(pv) && !Double.isNaN(sst)) {
                    pvSst.put(c[0].trim(), new double[] {pv, sst});
                }
            }
        }
        Map<String, double[]> out = new HashMap<>();
        String[] suffix = {"2/3", "4", "5", "6a"};
        for (String area : AllenAtlas.ISOCORTEX_AREAS) {
            double[] share = new double[4];
            boolean any = false;
            for (int l = 0; l < 4; l++) {
                double[] ps = pvSst.get(area + suffix[l]);
                share[l] = ps == null || ps[0] + ps[1] <= 0 ? Double.NaN : ps[0] / (ps[0] + ps[1]);
                any |= !Double.isNaN(share[l]);
            }
            if (any) {
                out.put(area, share);
            }
        }
        return out;
    }

    /** Mean of the male and female values that are given ("N/D" or empty = not determined); NaN if neither. */
    private static double meanOf(String male, String female, Path file, int lineNo) throws IOException {
        double sum = 0;
        int n = 0;
        for (String v : new String[] {male, female}) {
            String t = v.trim();
            if (t.isEmpty() || t.equalsIgnoreCase("N/D")) {
                continue;
            }
            try {
                sum += Double.parseDouble(t);
                n++;
            } catch (NumberFormatException e) {
                throw new IOException(file + ": line " + lineNo + ": '" + v + "' is not a density (number or N/D)");
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Splits one CSV line, honouring double quotes (names contain commas). */
    static String[] splitCsv(String line) {
        java.util.List<String> cells = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        cells.add(cur.toString());
        return cells.toArray(String[]::new);
    }
}
