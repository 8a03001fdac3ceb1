package doka.engine.atlas;

/**
 * Cortical layers of an atlas voxel. L1 holds no modelled neurons (it is kept only to locate the
 * pial surface); L6 merges 6a and 6b.
 */
public enum Layer {
    L1("1"), L2_3("2/3"), L4("4"), L5("5"), L6("6");

    /** The modelled layers, in depth order. */
    public static final Layer[] MODELLED = {L2_3, L4, L5, L6};

    private final String label;

    Layer(String label) {
        this.label = label;
    }

    /** Allen-style label ("2/3"). */
    public String label() {
        return label;
    }

    /** Index among {@link #MODELLED} (L2/3 → 0 … L6 → 3); −1 for L1. */
    public int modelledIndex() {
        return ordinal() - 1;
    }

    /**
     * Layer named by the suffix of an Allen layer acronym after its area acronym ("2/3", "4",
     * "5", "6a", "6b", "1"; also "2" and "3" of split L2/3 files); null when the suffix names no
     * layer.
     */
    public static Layer fromAllenSuffix(String suffix) {
        return switch (suffix) {
            case "1" -> L1;
            case "2/3", "2", "3" -> L2_3;
            case "4" -> L4;
            case "5" -> L5;
            case "6a", "6b", "6" -> L6;
            default -> null;
        };
    }
}
