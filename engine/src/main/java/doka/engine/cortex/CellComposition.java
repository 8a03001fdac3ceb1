package doka.engine.cortex;

import doka.engine.atlas.Layer;
import java.util.Map;

/**
 * How many cells of which class a voxel holds, per modelled layer (index
 * {@link Layer#modelledIndex()}: L2/3, L4, L5, L6).
 *
 * <p>Defaults: densities are the PD14 neuron counts under 1 mm² (L2/3 26,517, L4 27,394, L5
 * 5,915, L6 17,343) divided by the layer thicknesses of a 1.2 mm reference column with the
 * synthetic atlas's granular fractions (0.324, 0.18, 0.264, 0.3 mm), giving 81.8, 152.2, 22.4
 * and 57.8 × 10³ per mm³ — about 2/3 of the mouse mean (a modelling choice kept so that
 * in-degrees match PD14). E fractions are PD14's (0.780, 0.800, 0.820, 0.830). The FS share of
 * the inhibitory cells is Kim et al. 2017's isocortex PV : SST by layer (0.49, 0.63, 0.49,
 * 0.37), overridable per area (see {@link doka.engine.atlas.Kim2017}).
 *
 * @param neuronsPerMm3 density per layer at density scale 1
 * @param excitatoryFraction E share per layer
 * @param fsShare FS share of inhibitory cells per layer (global)
 * @param fsShareByArea per area acronym, FS share per layer (entries NaN fall back to global)
 */
public record CellComposition(double[] neuronsPerMm3, double[] excitatoryFraction, double[] fsShare,
                              Map<String, double[]> fsShareByArea) {
    public static final double[] PD14_NEURONS_PER_MM2 = {26517, 27394, 5915, 17343};
    public static final double[] REFERENCE_THICKNESS_MM = {0.324, 0.18, 0.264, 0.3};

    public CellComposition {
        check(neuronsPerMm3, "neuronsPerMm3", 0, 1e7);
        check(excitatoryFraction, "excitatoryFraction", 0, 1);
        check(fsShare, "fsShare", 0, 1);
        fsShareByArea = Map.copyOf(fsShareByArea);
    }

    private static void check(double[] v, String name, double lo, double hi) {
        if (v.length != Layer.MODELLED.length) {
            throw new IllegalArgumentException("cell composition: " + name + " needs 4 values (L2/3, L4, L5, L6), got " + v.length);
        }
        for (double x : v) {
            if (!(x >= lo && x <= hi)) {
                throw new IllegalArgumentException("cell composition: " + name + " value " + x + " outside [" + lo + ", " + hi + "]");
            }
        }
    }

    /** PD14 densities and E fractions, Kim 2017 global FS shares. */
    public static CellComposition defaults() {
        double[] rho = new double[4];
        for (int l = 0; l < 4; l++) {
            rho[l] = PD14_NEURONS_PER_MM2[l] / REFERENCE_THICKNESS_MM[l];
        }
        return new CellComposition(rho, new double[] {20683.0 / 26517, 21915.0 / 27394, 4850.0 / 5915, 14395.0 / 17343},
                new double[] {0.49, 0.63, 0.49, 0.37}, Map.of());
    }

    /** The same composition with per-area FS shares. */
    public CellComposition withFsShareByArea(Map<String, double[]> byArea) {
        return new CellComposition(neuronsPerMm3, excitatoryFraction, fsShare, byArea);
    }

    /** FS share of inhibitory cells in a layer of an area. */
    public double fsShare(String acronym, int layer) {
        double[] a = fsShareByArea.get(acronym);
        return a != null && !Double.isNaN(a[layer]) ? a[layer] : fsShare[layer];
    }

    /** Expected cells of a class in one voxel of the given layer and area, at density scale s. */
    public double expectedPerVoxel(String acronym, int layer, CellClass c, double voxelMm3, double densityScale) {
        double n = neuronsPerMm3[layer] * voxelMm3 * densityScale;
        double e = excitatoryFraction[layer];
        double fs = fsShare(acronym, layer);
        return switch (c) {
            case E -> n * e;
            case FS -> n * (1 - e) * fs;
            case LTS -> n * (1 - e) * (1 - fs);
        };
    }
}
