package doka.engine.atlas;

/** Side of the mid-sagittal plane. */
public enum Hemisphere {
    LEFT("L"), RIGHT("R");

    private final String tag;

    Hemisphere(String tag) {
        this.tag = tag;
    }

    /** One-letter tag used in population and area names ("MOp-L"). */
    public String tag() {
        return tag;
    }
}
