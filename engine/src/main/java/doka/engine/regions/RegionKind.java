package doka.engine.regions;

import java.util.List;

/**
 * The kinds of non-cortical region a member can hold, each with its cell classes (docs/regions.md
 * gives the sources of the numbers in {@link RegionClass}).
 */
public enum RegionKind {
    THALAMUS(List.of(RegionClass.TC)),
    PONS(List.of(RegionClass.PONTINE)),
    CEREBELLAR_CORTEX(List.of(RegionClass.GRANULE, RegionClass.GOLGI, RegionClass.PURKINJE, RegionClass.MLI)),
    CEREBELLAR_NUCLEI(List.of(RegionClass.NUCLEI)),
    STRIATUM(List.of(RegionClass.D1, RegionClass.D2, RegionClass.STRIATAL_FS)),
    GPE(List.of(RegionClass.GPE)),
    GPI_SNR(List.of(RegionClass.GPI_SNR));

    private final List<RegionClass> classes;

    RegionKind(List<RegionClass> classes) {
        this.classes = classes;
    }

    public List<RegionClass> classes() {
        return classes;
    }

    /**
     * The kind of a region by its Allen acronym in the synthetic atlas, or null; the Allen atlas
     * finds it from the ontology instead ({@link RegionAtlas#kindInOntology}).
     */
    public static RegionKind ofSyntheticAcronym(String acronym) {
        return switch (acronym) {
            case "VAL", "VM" -> THALAMUS;
            case "PG" -> PONS;
            case "SIM", "ANcr1" -> CEREBELLAR_CORTEX;
            case "DN", "IP" -> CEREBELLAR_NUCLEI;
            case "CP" -> STRIATUM;
            case "GPe" -> GPE;
            case "GPi", "SNr" -> GPI_SNR;
            default -> null;
        };
    }
}
