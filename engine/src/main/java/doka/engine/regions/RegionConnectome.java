package doka.engine.regions;

import doka.engine.atlas.Connectome;
import doka.engine.atlas.ConnectomeReaders;
import doka.engine.atlas.StructureGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Regional strengths between the structures of a member (cortical areas and regions, by Allen
 * acronym), ipsi- and contralateral: from the published matrices (Oh et al. 2014 W_ipsi/W_contra
 * and Knox et al. 2019 cover the regions as well as the isocortex) or, with the synthetic atlas,
 * from {@link #synthetic}. Only the strengths the regions' wiring uses are read from here: those
 * between cortical areas stay the cortex's.
 */
public record RegionConnectome(String source, Connectome strengths) {
    /** Strength from source to target structure; 0 when either is absent. */
    public double strength(String sourceAcronym, String targetAcronym, boolean sameHemisphere) {
        return strengths.strength(sourceAcronym, targetAcronym, sameHemisphere);
    }

    /** Oh et al. 2014's matrices, by acronym, for {@code acronyms}; structures they lack get 0 (noted). */
    public static RegionConnectome oh2014(Path ipsiCsv, Path contraCsv, List<String> acronyms) throws IOException {
        Map<String, Map<String, Double>> ipsi = ConnectomeReaders.readAcronymMatrix(ipsiCsv);
        Map<String, Map<String, Double>> contra = ConnectomeReaders.readAcronymMatrix(contraCsv);
        int n = acronyms.size();
        double[] wi = new double[n * n], wc = new double[n * n];
        List<String> notes = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            Map<String, Double> ri = ipsi.get(acronyms.get(s)), rc = contra.get(acronyms.get(s));
            if (ri == null) {
                notes.add("Oh et al. 2014 has no source row for " + acronyms.get(s) + "; its outgoing strengths are 0");
                continue;
            }
            for (int t = 0; t < n; t++) {
                wi[s * n + t] = ri.getOrDefault(acronyms.get(t), 0.0);
                wc[s * n + t] = rc == null ? 0 : rc.getOrDefault(acronyms.get(t), 0.0);
            }
        }
        String src = "Oh et al. 2014 (" + ipsiCsv.getFileName() + ")";
        return new RegionConnectome(src, new Connectome(src, acronyms, wi, wc, notes));
    }

    /** Knox et al. 2019's regional homogeneous model for {@code acronyms}. */
    public static RegionConnectome knox2019(Path csv, StructureGraph graph, List<String> acronyms) throws IOException {
        Connectome c = ConnectomeReaders.readKnox2019(csv, graph, acronyms);
        return new RegionConnectome(c.source(), c);
    }

    /**
     * The synthetic strengths (ipsilateral; contralateral ones a tenth), a modelling choice that
     * follows the main pathways of the mouse (Oh et al. 2014, qualitatively), not data: motor
     * cortex → pons and motor thalamus; VAL → MOp, VM → MOs and frontal areas; pons → cerebellar
     * cortex (mossy fibres; crossed in the animal, kept on the same side here as the report's
     * left-only model does); cerebellar cortex → nuclei; nuclei → VAL/VM (and weak nucleo-cortical
     * mossy fibres); cortex → striatum. Other cortical areas project to the pons and thalamus at 0.05.
     */
    public static RegionConnectome synthetic(List<String> acronyms) {
        String[][] table = {
            {"MOp", "PG", "1"}, {"MOs", "PG", "0.8"}, {"*", "PG", "0.05"},
            {"MOp", "VAL", "0.6"}, {"MOs", "VAL", "0.4"}, {"MOs", "VM", "0.6"}, {"MOp", "VM", "0.2"},
            {"*", "VAL", "0.05"}, {"*", "VM", "0.05"},
            {"VAL", "MOp", "1"}, {"VAL", "MOs", "0.5"}, {"VM", "MOs", "0.8"}, {"VM", "MOp", "0.3"},
            {"VM", "ACAd", "0.3"}, {"VM", "PL", "0.3"}, {"VM", "ORBl", "0.3"},
            {"PG", "SIM", "1"}, {"PG", "ANcr1", "0.8"}, {"PG", "DN", "0.05"}, {"PG", "IP", "0.05"},
            {"SIM", "DN", "1"}, {"SIM", "IP", "0.5"}, {"ANcr1", "DN", "0.8"}, {"ANcr1", "IP", "0.6"},
            {"DN", "VAL", "1"}, {"IP", "VAL", "0.8"}, {"DN", "VM", "0.3"}, {"IP", "VM", "0.3"},
            {"DN", "SIM", "0.1"}, {"IP", "ANcr1", "0.1"},
            {"MOp", "CP", "1"}, {"MOs", "CP", "1"}, {"ACAd", "CP", "0.8"}, {"PL", "CP", "0.6"}, {"ORBl", "CP", "0.6"},
            {"*", "CP", "0.4"}};
        java.util.Set<String> regions = java.util.Set.of("VAL", "VM", "PG", "SIM", "ANcr1", "DN", "IP", "CP", "GPe", "GPi",
                "SNr");
        int n = acronyms.size();
        double[] wi = new double[n * n], wc = new double[n * n];
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                String as = acronyms.get(s), at = acronyms.get(t);
                double w = 0;
                for (String[] row : table) {
                    boolean src = row[0].equals(as) || (row[0].equals("*") && !regions.contains(as));
                    if (src && row[1].equals(at)) {
                        w = Double.parseDouble(row[2]);
                        break;
                    }
                }
                wi[s * n + t] = w;
                wc[s * n + t] = 0.1 * w;
            }
        }
        String src = "synthetic region connectome";
        return new RegionConnectome(src, new Connectome(src, acronyms, wi, wc,
                List.of("synthetic region strengths: the main pathways, not data")));
    }
}
