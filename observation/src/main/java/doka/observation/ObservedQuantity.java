package doka.observation;

import java.util.Objects;

/**
 * What one column of an {@link Observations} window measures: a model area, optionally refined by a
 * group inside it (a layer or cell class such as {@code L23E}, or a recording channel).
 *
 * @param area  model area acronym, e.g. {@code MOp}; never blank
 * @param group layer/class or channel inside the area; empty when the quantity covers the whole area
 */
public record ObservedQuantity(String area, String group) implements Comparable<ObservedQuantity> {
    public ObservedQuantity {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(group, "group");
        if (area.isBlank()) {
            throw new IllegalArgumentException("observed quantity needs an area, got a blank one");
        }
        if (area.contains("/")) {
            throw new IllegalArgumentException("area '" + area + "' must not contain '/' (it separates area and group in labels)");
        }
    }

    public static ObservedQuantity ofArea(String area) {
        return new ObservedQuantity(area, "");
    }

    /** {@code area} or {@code area/group}. */
    public String label() {
        return group.isEmpty() ? area : area + "/" + group;
    }

    /** Inverse of {@link #label()}. */
    public static ObservedQuantity parse(String label) {
        int slash = label.indexOf('/');
        return slash < 0 ? ofArea(label) : new ObservedQuantity(label.substring(0, slash), label.substring(slash + 1));
    }

    @Override
    public int compareTo(ObservedQuantity o) {
        int c = area.compareTo(o.area);
        return c != 0 ? c : group.compareTo(o.group);
    }

    @Override
    public String toString() {
        return label();
    }
}
