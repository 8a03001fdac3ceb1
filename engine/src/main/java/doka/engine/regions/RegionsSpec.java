package doka.engine.regions;

import java.util.List;
import java.util.Map;

/**
 * The {@code regions} section of a cortex model file: which non-cortical regions the member
 * holds beside the cortex, at what density, and overrides of the defaults of docs/regions.md.
 *
 * @param areas regions by Allen acronym and hemisphere ("VAL-L", "PG-L", "SIM-L", "DN-L", "CP-L", …)
 * @param densityScale density scale of the regions (null: the cortex's)
 * @param seed placement seed (null: the cortex's cell seed)
 * @param classes per class (TC, PONTINE, GRANULE, GOLGI, PURKINJE, MLI, NUCLEI, D1, D2, STRIATAL_FS,
 *        GPE, GPI_SNR): {@code iePa} and {@code backgroundRateHz} overrides
 * @param pathways per pathway name ({@link RegionWiring#DEFAULTS}): {@code inDegree} and {@code weightPa} overrides
 * @param foldHemispheres long-range strengths onto a region add the source's contralateral ones to the
 *        ipsilateral (null: false): a one-sided model of crossed pathways (pons → cerebellum, nuclei →
 *        thalamus in the Allen data) keeps them
 */
public record RegionsSpec(List<String> areas, Double densityScale, Long seed, Map<String, Map<String, Double>> classes,
                          Map<String, Map<String, Double>> pathways, Boolean foldHemispheres) {
    /** Without folding. */
    public RegionsSpec(List<String> areas, Double densityScale, Long seed, Map<String, Map<String, Double>> classes,
                       Map<String, Map<String, Double>> pathways) {
        this(areas, densityScale, seed, classes, pathways, null);
    }

    /** Defaults filled from the cortex (density, seed), names checked; errors name the JSON path. */
    public RegionsSpec completed(double cortexDensityScale, long cortexSeed) {
        if (areas == null || areas.isEmpty()) {
            throw new IllegalArgumentException("$.regions.areas is missing or empty; expected region names such as \"PG-L\"");
        }
        for (String a : areas) {
            if (!a.matches("[A-Za-z0-9-]+-[LR]")) {
                throw new IllegalArgumentException("$.regions.areas: '" + a + "' is not ACRONYM-L or ACRONYM-R");
            }
        }
        double s = densityScale == null ? cortexDensityScale : densityScale;
        if (!(s > 0 && s <= 1)) {
            throw new IllegalArgumentException("$.regions.densityScale is " + s + ", expected 0 < s <= 1");
        }
        Map<String, Map<String, Double>> cl = classes == null ? Map.of() : Map.copyOf(classes);
        for (Map.Entry<String, Map<String, Double>> e : cl.entrySet()) {
            RegionClasses.byKey(e.getKey(), "$.regions.classes." + e.getKey());
            for (String f : e.getValue().keySet()) {
                if (!f.equals("iePa") && !f.equals("backgroundRateHz")) {
                    throw new IllegalArgumentException("$.regions.classes." + e.getKey() + "." + f
                            + ": unknown field, expected iePa or backgroundRateHz");
                }
            }
        }
        Map<String, Map<String, Double>> pw = pathways == null ? Map.of() : Map.copyOf(pathways);
        for (Map.Entry<String, Map<String, Double>> e : pw.entrySet()) {
            if (RegionWiring.DEFAULTS.stream().noneMatch(d -> d.name().equals(e.getKey()))) {
                throw new IllegalArgumentException("$.regions.pathways." + e.getKey() + ": unknown pathway, expected one of "
                        + RegionWiring.DEFAULTS.stream().map(RegionWiring.Rule::name).toList());
            }
            for (Map.Entry<String, Double> f : e.getValue().entrySet()) {
                if (!f.getKey().equals("inDegree") && !f.getKey().equals("weightPa")) {
                    throw new IllegalArgumentException("$.regions.pathways." + e.getKey() + "." + f.getKey()
                            + ": unknown field, expected inDegree or weightPa");
                }
                if (f.getKey().equals("inDegree") && !(f.getValue() >= 0)) {
                    throw new IllegalArgumentException("$.regions.pathways." + e.getKey() + ".inDegree must be >= 0");
                }
            }
        }
        return new RegionsSpec(List.copyOf(areas), s, seed == null ? cortexSeed : seed, cl, pw,
                foldHemispheres != null && foldHemispheres);
    }

    /** A class with this file's overrides. */
    public RegionClass classWithOverrides(RegionClass c) {
        Map<String, Double> o = classes.get(RegionClasses.key(c));
        if (o == null) {
            return c;
        }
        return new RegionClass(c.label(), c.excitatory(), c.layer(), c.neuronsPerMm3(), c.tauMMs(), c.vThMv(),
                o.getOrDefault("iePa", c.iePa()), o.getOrDefault("backgroundRateHz", c.backgroundRateHz()));
    }

    /** A pathway rule with this file's overrides. */
    public RegionWiring.Rule ruleWithOverrides(RegionWiring.Rule r) {
        Map<String, Double> o = pathways.get(r.name());
        if (o == null) {
            return r;
        }
        return r.with((int) Math.round(o.getOrDefault("inDegree", (double) r.inDegree())), o.getOrDefault("weightPa", r.weightPa()));
    }
}
