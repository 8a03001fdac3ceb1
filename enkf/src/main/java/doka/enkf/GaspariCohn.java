package doka.enkf;

/**
 * The Gaspari–Cohn fifth-order piecewise rational taper (Gaspari & Cohn 1999, QJRMS 125, eq. 4.10), a
 * compactly supported approximation of a Gaussian. With half-width c (the {@code radius}), z = d/c:
 * <pre>
 *   z ≤ 1:     −z⁵/4 + z⁴/2 + 5z³/8 − 5z²/3 + 1
 *   1 < z ≤ 2:  z⁵/12 − z⁴/2 + 5z³/8 + 5z²/3 − 5z + 4 − 2/(3z)
 *   z > 2:      0
 * </pre>
 * so the taper is 1 at distance 0, 5/24 at d = c and 0 from d = 2c on. An infinite radius means no
 * localization (taper 1 everywhere).
 */
public final class GaspariCohn {
    private GaspariCohn() {
    }

    public static double taper(double distance, double radius) {
        if (!(distance >= 0)) {
            throw new IllegalArgumentException("distance must be ≥ 0, got " + distance);
        }
        if (!(radius > 0)) {
            throw new IllegalArgumentException("localization radius must be > 0, got " + radius);
        }
        if (Double.isInfinite(radius)) {
            return 1.0;
        }
        double z = distance / radius;
        if (z <= 1) {
            return (((-0.25 * z + 0.5) * z + 0.625) * z - 5.0 / 3.0) * z * z + 1.0;
        }
        if (z <= 2) {
            return ((((z / 12.0 - 0.5) * z + 0.625) * z + 5.0 / 3.0) * z - 5.0) * z + 4.0 - 2.0 / (3.0 * z);
        }
        return 0.0;
    }
}
