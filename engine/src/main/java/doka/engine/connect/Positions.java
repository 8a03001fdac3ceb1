package doka.engine.connect;

/** Tangential positions of a population's neurons (population-local order), mm. */
public record Positions(float[] xMm, float[] yMm) {
    public Positions {
        if (xMm.length != yMm.length) {
            throw new IllegalArgumentException("positions: xMm and yMm differ in length (" + xMm.length + " vs "
                    + yMm.length + ")");
        }
    }

    public int size() {
        return xMm.length;
    }
}
