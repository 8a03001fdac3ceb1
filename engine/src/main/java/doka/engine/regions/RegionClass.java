package doka.engine.regions;

/**
 * A cell class of a region: its population name suffix ("SIM-L/Purkinje"), sign, the cerebellar
 * layer it lives in, its density at density scale 1 and its neuron (leaky integrate-and-fire,
 * exponential currents, NEST {@code iaf_psc_exp} names) with the drive that sets its resting rate:
 * a Poisson background of {@code backgroundRateHz} events of {@link #BACKGROUND_WEIGHT_PA} and a DC
 * {@code iePa} (pacemaking cells: Purkinje, nuclei, pallidum). Sources and the ranges the rates
 * are checked against: docs/regions.md.
 *
 * @param label population suffix
 * @param excitatory sign of its synapses
 * @param layer cerebellar layer, or null outside the cerebellar cortex
 * @param neuronsPerMm3 density (of its layer, in the cerebellar cortex) at density scale 1
 * @param tauMMs membrane time constant
 * @param vThMv threshold (E_L = V_reset = −65 mV, C_m 250 pF, t_ref 2 ms, τ_syn,ex 0.5 ms, τ_syn,in 5 ms)
 * @param iePa constant current
 * @param backgroundRateHz total Poisson background rate onto each cell
 */
public record RegionClass(String label, boolean excitatory, CerebellarLayer layer, double neuronsPerMm3,
                          double tauMMs, double vThMv, double iePa, double backgroundRateHz) {
    /** PSC amplitude of one background event, pA (the cortex's J). */
    public static final double BACKGROUND_WEIGHT_PA = 87.81;

    public static final RegionClass TC = new RegionClass("TC", true, null, 80_000, 20, -50, 0, 3_000);
    public static final RegionClass PONTINE = new RegionClass("E", true, null, 80_000, 10, -50, 0, 8_000);
    public static final RegionClass GRANULE = new RegionClass("granule", true, CerebellarLayer.GRANULAR, 1_900_000, 5, -50, 150, 2_000);
    public static final RegionClass GOLGI = new RegionClass("Golgi", false, CerebellarLayer.GRANULAR, 5_000, 20, -50, 50, 3_000);
    public static final RegionClass PURKINJE = new RegionClass("Purkinje", false, CerebellarLayer.PURKINJE, 17_500, 10, -50, 420, 4_000);
    public static final RegionClass MLI = new RegionClass("MLI", false, CerebellarLayer.MOLECULAR, 25_000, 10, -50, 100, 6_000);
    public static final RegionClass NUCLEI = new RegionClass("nuclei", true, null, 30_000, 10, -50, 800, 6_000);
    public static final RegionClass D1 = new RegionClass("D1", false, null, 52_000, 10, -45, 0, 11_000);
    public static final RegionClass D2 = new RegionClass("D2", false, null, 52_000, 10, -45, 0, 11_000);
    public static final RegionClass STRIATAL_FS = new RegionClass("FS", false, null, 2_200, 10, -50, 0, 9_000);
    public static final RegionClass GPE = new RegionClass("I", false, null, 20_000, 10, -50, 400, 4_000);
    public static final RegionClass GPI_SNR = new RegionClass("I", false, null, 15_000, 10, -50, 600, 4_000);
}
