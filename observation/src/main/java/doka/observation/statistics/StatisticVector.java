package doka.observation.statistics;

import java.util.List;

/**
 * Named statistics with their error variances, in a fixed order: the observation vector of a calibration.
 *
 * @param names     one per statistic, e.g. {@code rest.rate_hz/MOp-L/L2/3 E}
 * @param values    the statistics (NaN where undefined)
 * @param variances their error variances (NaN where unknown)
 */
public record StatisticVector(List<String> names, double[] values, double[] variances) {
    public StatisticVector {
        names = List.copyOf(names);
        if (names.size() != values.length || names.size() != variances.length) {
            throw new IllegalArgumentException(names.size() + " names, " + values.length + " values, " + variances.length
                    + " variances");
        }
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("statistic names repeat: " + names);
        }
    }

    public int size() {
        return names.size();
    }

    public double value(String name) {
        return values[indexOf(name)];
    }

    public double variance(String name) {
        return variances[indexOf(name)];
    }

    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no statistic '" + name + "'");
        }
        return i;
    }
}
