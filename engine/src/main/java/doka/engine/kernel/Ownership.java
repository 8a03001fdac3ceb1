package doka.engine.kernel;

import java.util.Arrays;

/**
 * The neurons one rank owns when a network is split over several ranks: sorted, disjoint ranges
 * of global indices. The owned neurons are numbered in range order (the rank's local index),
 * and the rank's partitions cut that local numbering into contiguous pieces.
 */
public final class Ownership {
    private final int neurons;
    private final int[] start;
    private final int[] end;
    private final int[] localBase;
    private final int count;

    private Ownership(int neurons, int[] start, int[] end) {
        this.neurons = neurons;
        this.start = start;
        this.end = end;
        this.localBase = new int[start.length];
        int n = 0;
        for (int i = 0; i < start.length; i++) {
            localBase[i] = n;
            n += end[i] - start[i];
        }
        this.count = n;
    }

    /** Every neuron of a network of {@code neurons} (a single rank). */
    public static Ownership all(int neurons) {
        return neurons == 0 ? new Ownership(0, new int[0], new int[0]) : new Ownership(neurons, new int[] {0}, new int[] {neurons});
    }

    /**
     * Ranges [start[i], end[i]) of a network of {@code neurons}: sorted, disjoint and non-empty
     * (adjacent ranges are merged).
     */
    public static Ownership ofRanges(int neurons, int[] start, int[] end) {
        if (start.length != end.length) {
            throw new IllegalArgumentException("ownership: " + start.length + " range starts but " + end.length + " ends");
        }
        int[] s = new int[start.length];
        int[] e = new int[start.length];
        int k = 0;
        for (int i = 0; i < start.length; i++) {
            if (start[i] < 0 || end[i] > neurons || start[i] > end[i]) {
                throw new IllegalArgumentException("ownership: range [" + start[i] + ", " + end[i] + ") is not within [0, "
                        + neurons + ")");
            }
            if (start[i] == end[i]) {
                continue;
            }
            if (k > 0 && start[i] < e[k - 1]) {
                throw new IllegalArgumentException("ownership: range [" + start[i] + ", " + end[i]
                        + ") overlaps or precedes the one before it");
            }
            if (k > 0 && start[i] == e[k - 1]) {
                e[k - 1] = end[i];
            } else {
                s[k] = start[i];
                e[k++] = end[i];
            }
        }
        return new Ownership(neurons, Arrays.copyOf(s, k), Arrays.copyOf(e, k));
    }

    /**
     * The owner rank of every neuron; an error unless the ownerships of all ranks cover every
     * neuron exactly once.
     */
    public static int[] checkCover(Ownership[] byRank) {
        if (byRank.length == 0) {
            throw new IllegalArgumentException("ownership: no ranks");
        }
        int n = byRank[0].neurons;
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        for (int r = 0; r < byRank.length; r++) {
            Ownership o = byRank[r];
            if (o.neurons != n) {
                throw new IllegalArgumentException("ownership: rank " + r + " describes " + o.neurons + " neurons, rank 0 "
                        + n);
            }
            for (int i = 0; i < o.start.length; i++) {
                for (int g = o.start[i]; g < o.end[i]; g++) {
                    if (owner[g] >= 0) {
                        throw new IllegalArgumentException("ownership: neuron " + g + " is claimed by ranks " + owner[g]
                                + " and " + r);
                    }
                    owner[g] = r;
                }
            }
        }
        for (int g = 0; g < n; g++) {
            if (owner[g] < 0) {
                throw new IllegalArgumentException("ownership: neuron " + g + " belongs to no rank");
            }
        }
        return owner;
    }

    public boolean isAll() {
        return count == neurons;
    }

    /** Neurons in the whole network. */
    public int networkNeurons() {
        return neurons;
    }

    /** Neurons owned. */
    public int count() {
        return count;
    }

    public int rangeCount() {
        return start.length;
    }

    public int rangeStart(int i) {
        return start[i];
    }

    public int rangeEnd(int i) {
        return end[i];
    }

    /** Local index of the first neuron of range {@code i}. */
    public int rangeLocalBase(int i) {
        return localBase[i];
    }

    /** Local index of global neuron {@code neuron}, or −1 if it is not owned. */
    public int localIndex(int neuron) {
        int i = Arrays.binarySearch(start, neuron);
        if (i < 0) {
            i = -i - 2;
        }
        if (i < 0 || neuron >= end[i]) {
            return -1;
        }
        return localBase[i] + neuron - start[i];
    }

    public boolean owns(int neuron) {
        return localIndex(neuron) >= 0;
    }

    /** Global index of local neuron {@code local}. */
    public int globalIndex(int local) {
        if (local < 0 || local >= count) {
            throw new IndexOutOfBoundsException("local neuron " + local + " outside [0, " + count + ")");
        }
        int i = Arrays.binarySearch(localBase, local);
        if (i < 0) {
            i = -i - 2;
        }
        return start[i] + local - localBase[i];
    }

    /** A map from global to local index (−1 where not owned), for bulk lookups. */
    int[] localIndexMap() {
        int[] map = new int[neurons];
        Arrays.fill(map, -1);
        for (int i = 0; i < start.length; i++) {
            for (int g = start[i]; g < end[i]; g++) {
                map[g] = localBase[i] + g - start[i];
            }
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ownership w && w.neurons == neurons && Arrays.equals(w.start, start) && Arrays.equals(w.end, end);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(start) + Arrays.hashCode(end);
    }

    @Override
    public String toString() {
        return count + " of " + neurons + " neurons in " + start.length + " ranges";
    }
}
