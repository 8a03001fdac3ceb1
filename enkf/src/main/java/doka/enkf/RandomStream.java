package doka.enkf;

/**
 * Every random stream a run derives from its seed, with its id for {@link FilterRandom#derive}. The ids are
 * part of the results: renumbering one changes every number drawn from it, so they are fixed here and
 * nowhere else, and no two purposes share one (a shared id would correlate, e.g., truth and ensemble).
 */
public enum RandomStream {
    /** The twin truth's initial state before its spin-up ({@code TwinExperiment}, the launcher's Lorenz-96). */
    TRUTH(1),
    /** The twin observation errors, one Gaussian per observation and cycle. */
    OBSERVATION(2),
    /** The twin's initial ensemble (state around the truth, parameters from the prior). */
    ENSEMBLE(3),
    /** The filter's own draws: perturbed observations, rotations, parameter jitter. Checkpointed. */
    FILTER(4),
    /**
     * The spiking members' network (connectivity, noise): one network for all, or with independent twin
     * networks member k's from {@code derive(seed, k + 1)} and the truth's from {@code derive(seed, 0)}.
     */
    MEMBER_NETWORK(11),
    /** The spiking members' prior parameter draws, member k's from {@code derive(seed, k)}. */
    PRIOR(12),
    // 13 was the spiking twin truth's own network until the truth shared MEMBER_NETWORK; unused since.
    /** The spiking twin's observation noise on the truth run's rates. */
    TRUTH_NOISE(14),
    /** A calibration's forward runs: member m of iteration i runs with {@code derive(seed, i·N + m)}. */
    CALIBRATION_RUN(15),
    /** A calibration's replicate runs at fixed parameters (the noise of the statistics), replicate r's from {@code derive(seed, r)}. */
    REPLICATE(16),
    /** A failed member's new parameters, drawn from the analysis ensemble: member m's in window w from {@code derive(seed, w·N + m)}. */
    REPLACEMENT(17);

    private final long id;

    RandomStream(long id) {
        this.id = id;
    }

    /** The id mixed into the seed. */
    public long id() {
        return id;
    }

    /** The seed of this stream in a run with base seed {@code seed}. */
    public long seed(long seed) {
        return FilterRandom.derive(seed, id);
    }
}
