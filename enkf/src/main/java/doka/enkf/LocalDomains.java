package doka.enkf;

/**
 * The model's geometry for localization: how the state splits into local analysis domains (PDAF's
 * "local analysis domains", DAPPER's batches) and how far each observation lies from each domain. Grid
 * distance for Lorenz-96; the distance between areas for the cortex. Distances are in the same unit as
 * the localization radius.
 */
public interface LocalDomains {
    /** Number of local domains. */
    int count();

    /** The state (filter-vector) components updated by the analysis of {@code domain}. */
    int[] stateIndices(int domain);

    /** Distance from {@code domain} to observation {@code obs}; ≥ 0. */
    double distance(int domain, int obs);

    /**
     * One domain per grid point of a cyclic 1-D grid of {@code gridSize} points (Lorenz-96), observations at
     * grid points {@code obsGridIndex}; filter-vector components from {@code gridSize} on (augmented parameters)
     * form one extra domain at distance 0 from every observation, so that global parameters see all data.
     */
    static LocalDomains cyclicGrid(int gridSize, int[] obsGridIndex, int stateDim) {
        if (stateDim < gridSize) {
            throw new IllegalArgumentException("state dimension " + stateDim + " is smaller than the grid " + gridSize);
        }
        int[] obs = obsGridIndex.clone();
        for (int j = 0; j < obs.length; j++) {
            if (obs[j] < 0 || obs[j] >= gridSize) {
                throw new IllegalArgumentException("observation " + j + " lies at grid index " + obs[j]
                        + ", expected 0.." + (gridSize - 1));
            }
        }
        int extra = stateDim - gridSize;
        return new LocalDomains() {
            @Override
            public int count() {
                return gridSize + (extra > 0 ? 1 : 0);
            }

            @Override
            public int[] stateIndices(int domain) {
                if (domain < gridSize) {
                    return new int[] {domain};
                }
                int[] idx = new int[extra];
                for (int i = 0; i < extra; i++) {
                    idx[i] = gridSize + i;
                }
                return idx;
            }

            @Override
            public double distance(int domain, int o) {
                if (domain >= gridSize) {
                    return 0;
                }
                int d = Math.abs(domain - obs[o]);
                return Math.min(d, gridSize - d);
            }
        };
    }

    /** A single domain holding the whole state, every observation at distance 0: the LETKF then is the ETKF. */
    static LocalDomains global(int stateDim) {
        return new LocalDomains() {
            @Override
            public int count() {
                return 1;
            }

            @Override
            public int[] stateIndices(int domain) {
                int[] idx = new int[stateDim];
                for (int i = 0; i < stateDim; i++) {
                    idx[i] = i;
                }
                return idx;
            }

            @Override
            public double distance(int domain, int obs) {
                return 0;
            }
        };
    }
}
