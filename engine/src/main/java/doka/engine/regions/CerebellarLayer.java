package doka.engine.regions;

/**
 * Layers of the cerebellar cortex, from the white matter (potential 0) to the surface (1), with
 * their shares of the cortical thickness (after Yamaura et al. 2020's layered model: granular,
 * Purkinje cell and molecular layers; docs/regions.md).
 */
public enum CerebellarLayer {
    GRANULAR(0.50), PURKINJE(0.05), MOLECULAR(0.45);

    private final double thicknessFraction;

    CerebellarLayer(double thicknessFraction) {
        this.thicknessFraction = thicknessFraction;
    }

    public double thicknessFraction() {
        return thicknessFraction;
    }

    /** The layer at potential φ ∈ [0, 1] (0 = white matter, 1 = surface). */
    public static CerebellarLayer at(double potential) {
        if (potential < GRANULAR.thicknessFraction) {
            return GRANULAR;
        }
        return potential < GRANULAR.thicknessFraction + PURKINJE.thicknessFraction ? PURKINJE : MOLECULAR;
    }
}
