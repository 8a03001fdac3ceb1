package doka.engine.cortex;

/** The three cell classes per layer: excitatory, fast-spiking (≈ PV+) and low-threshold-spiking (≈ SST+). */
public enum CellClass {
    E, FS, LTS;

    public boolean inhibitory() {
        return this != E;
    }
}
