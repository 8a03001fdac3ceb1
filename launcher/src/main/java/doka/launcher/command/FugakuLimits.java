package doka.launcher.command;

import java.util.List;
import java.util.Locale;

import doka.launcher.config.ConfigException;

/**
 * Fugaku's documented limits that a job script must respect: the resource groups by node count and
 * their wall-time limits, the node's memory, PJM's elapse format, and a torus shape for large jobs.
 * Figures from the Fugaku user guide (resource group configuration; check {@code pjacl --rg <group>}
 * for a project's own limits).
 */
final class FugakuLimits {
    /** Cores of an A64FX node that jobs use. */
    static final int CORES_PER_NODE = 48;
    /** Of a node's 32 GiB HBM2, what a job may use. */
    static final int JOB_MEMORY_GB = 28;

    /** A resource group: node range and longest elapse; above 384 nodes the allocation is a torus only. */
    record Group(String name, int minNodes, int maxNodes, int maxElapseS, boolean torus) {
    }

    static final List<Group> GROUPS = List.of(
            new Group("small", 1, 384, 72 * 3600, false),
            new Group("large", 385, 12_288, 24 * 3600, true));

    private FugakuLimits() {
    }

    /** The group for a node count. */
    static Group groupFor(int nodes) {
        for (Group g : GROUPS) {
            if (nodes >= g.minNodes() && nodes <= g.maxNodes()) {
                return g;
            }
        }
        throw new ConfigException(String.format(Locale.ROOT, "%,d nodes: more than the large group's %,d; larger jobs"
                + " run only in Fugaku's special (huge) operation periods: apply for one, or use fewer members or ranks"
                + " per member", nodes, GROUPS.get(GROUPS.size() - 1).maxNodes()));
    }

    /** A named group (the --rscgrp option), checked to take {@code nodes}. */
    static Group named(String name, int nodes) {
        for (Group g : GROUPS) {
            if (g.name().equals(name)) {
                if (nodes < g.minNodes() || nodes > g.maxNodes()) {
                    throw new ConfigException("--rscgrp " + name + " takes " + g.minNodes() + "–" + g.maxNodes()
                            + " nodes, the job needs " + nodes + " (" + groupFor(nodes).name() + " does)");
                }
                return g;
            }
        }
        throw new ConfigException("--rscgrp " + name + ": unknown resource group; expected one of "
                + GROUPS.stream().map(Group::name).toList() + " (or leave it out: it follows from the node count)");
    }

    /**
     * Seconds of a PJM elapse ({@code [[hh:]mm:]ss}), checked against the group's limit.
     *
     * @throws ConfigException naming the value and what was expected
     */
    static int elapseSeconds(String elapse, Group group) {
        String[] parts = elapse.split(":", -1);
        if (parts.length > 3 || !elapse.matches("\\d+(:\\d+){0,2}")) {
            throw new ConfigException("--elapse " + elapse + ": expected [[hh:]mm:]ss, e.g. 24:00:00");
        }
        long seconds = 0;
        for (int i = 0; i < parts.length; i++) {
            long v = Long.parseLong(parts[i]);
            if (i > 0 && v >= 60) {
                throw new ConfigException("--elapse " + elapse + ": " + (i == parts.length - 1 ? "seconds" : "minutes")
                        + " must be 0–59 (expected [[hh:]mm:]ss, e.g. 24:00:00)");
            }
            seconds = seconds * 60 + v;
        }
        if (seconds < 1) {
            throw new ConfigException("--elapse " + elapse + ": must be at least 1 second");
        }
        if (seconds > group.maxElapseS()) {
            throw new ConfigException("--elapse " + elapse + ": longer than the " + group.name() + " group's limit of "
                    + group.maxElapseS() / 3600 + ":00:00; a longer run resubmits the same script (it continues from"
                    + " its newest checkpoint)");
        }
        return (int) seconds;
    }

    /** A Java heap per rank that fits a node beside the JVM's own memory. */
    static void checkHeap(int heapGb) {
        if (heapGb < 1 || heapGb > JOB_MEMORY_GB) {
            throw new ConfigException("--heap-gb " + heapGb + ": expected 1–" + JOB_MEMORY_GB + " (GB of the "
                    + JOB_MEMORY_GB + " GiB a Fugaku node gives a job)");
        }
    }

    /**
     * The PJM node request: {@code N} for a group that places nodes anywhere, else the most compact
     * three-dimensional torus shape with room for {@code N} ranks (fewest nodes, then the least elongated).
     */
    static String nodeRequest(int nodes, Group group) {
        if (!group.torus()) {
            return Integer.toString(nodes);
        }
        int[] best = null;
        long bestProduct = Long.MAX_VALUE;
        double bestSpread = Double.MAX_VALUE;
        int side = (int) Math.ceil(Math.cbrt(nodes));
        for (int a = 1; a <= side; a++) {
            for (int b = a; (long) a * b * b <= (long) nodes * 4; b++) {
                int c = (int) Math.max(b, (nodes + (long) a * b - 1) / ((long) a * b));
                long product = (long) a * b * c;
                double spread = (double) c / a;
                if (spread <= 4 && (product < bestProduct || product == bestProduct && spread < bestSpread)) {
                    best = new int[] {a, b, c};
                    bestProduct = product;
                    bestSpread = spread;
                }
            }
        }
        return best[0] + "x" + best[1] + "x" + best[2] + ":torus";
    }
}
