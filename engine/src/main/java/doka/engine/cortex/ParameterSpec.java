package doka.engine.cortex;

import java.util.Map;

/**
 * One estimable quantity of the cortex model (spec §7): a value with bounds, settable globally,
 * per hemisphere ("L", "R") or per area ("MOp-L"); the most specific setting wins.
 *
 * @param value global value
 * @param min lower bound (inclusive)
 * @param max upper bound (inclusive)
 * @param hemisphere per-hemisphere values, keyed "L"/"R"
 * @param area per-area values, keyed by area name
 */
public record ParameterSpec(Double value, Double min, Double max, Map<String, Double> hemisphere,
                            Map<String, Double> area) {
    public ParameterSpec {
        hemisphere = hemisphere == null ? Map.of() : Map.copyOf(hemisphere);
        area = area == null ? Map.of() : Map.copyOf(area);
    }

    /** A global value with bounds. */
    public static ParameterSpec of(double value, double min, double max) {
        return new ParameterSpec(value, min, max, Map.of(), Map.of());
    }

    /** Missing fields taken from {@code defaults}; all values checked against the bounds. */
    ParameterSpec completedBy(ParameterSpec defaults, String where) {
        ParameterSpec p = new ParameterSpec(value != null ? value : defaults.value,
                min != null ? min : defaults.min, max != null ? max : defaults.max, hemisphere, area);
        if (!(p.min <= p.max)) {
            throw new IllegalArgumentException(where + ": min " + p.min + " exceeds max " + p.max);
        }
        p.check(p.value, where + ".value");
        p.hemisphere.forEach((k, v) -> {
            if (!k.equals("L") && !k.equals("R")) {
                throw new IllegalArgumentException(where + ".hemisphere: key '" + k + "', expected L or R");
            }
            p.check(v, where + ".hemisphere." + k);
        });
        p.area.forEach((k, v) -> p.check(v, where + ".area." + k));
        return p;
    }

    void check(double v, String where) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(where + " = " + v + " is outside its bounds [" + min + ", " + max + "]");
        }
    }

    /** The value for an area ("MOp-L") in hemisphere tag ("L"). */
    public double valueFor(String areaName, String hemisphereTag) {
        Double v = area.get(areaName);
        if (v != null) {
            return v;
        }
        v = hemisphere.get(hemisphereTag);
        return v != null ? v : value;
    }
}
