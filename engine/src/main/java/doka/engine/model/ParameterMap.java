package doka.engine.model;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads named parameters with defaults, and rejects names the model does not have. */
final class ParameterMap {
    private final String model;
    private final Map<String, Double> values;
    private final Set<String> used = new HashSet<>();

    ParameterMap(String model, Map<String, Double> values) {
        this.model = model;
        this.values = values;
    }

    double get(String name, double fallback) {
        used.add(name);
        Double v = values.get(name);
        return v == null ? fallback : v;
    }

    void requireAllUsed() {
        for (String k : values.keySet()) {
            if (!used.contains(k)) {
                throw new IllegalArgumentException(model + ": unknown parameter '" + k + "'; expected one of " + used);
            }
        }
    }

    static void require(boolean ok, String model, String field, String expected, double got) {
        if (!ok) {
            throw new IllegalArgumentException(model + ": " + field + " must be " + expected + ", got " + got);
        }
    }
}
