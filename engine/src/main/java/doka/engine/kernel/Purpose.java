package doka.engine.kernel;

/** Stream purposes for {@link Rng#key}: distinct numbers keep streams of different uses apart. */
public final class Purpose {
    public static final long BACKGROUND = 1;
    public static final long INITIAL_V = 2;
    public static final long CONNECT_PAIRS = 3;
    public static final long CONNECT_VALUES = 4;
    public static final long GENERATOR = 5;
    public static final long PLACEMENT = 6;
    public static final long SLOW_INPUT = 7;

    private Purpose() {
    }
}
