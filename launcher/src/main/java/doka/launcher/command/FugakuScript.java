package doka.launcher.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a Fugaku job script ({@code job.sh} in a job directory beside {@code ensemble.json}). It
 * starts the launcher, which starts the ranks with {@code mpiexec} on MPJ Express's native device: the
 * same script runs on a workstation with Open MPI ({@code bash job.sh}: the {@code #PJM} lines are
 * comments there, and {@code llio_transfer} and spack are used only where they exist). Paths are relative
 * to the job directory or given by the user (Doka's folder, the data, the JDK, all on Fugaku).
 *
 * @param name        the ensemble's name
 * @param ranks       members × ranks per member, one per node
 * @param members     members
 * @param group       the PJM group (-g) charged
 * @param rscgrp      the resource group
 * @param nodeRequest {@link FugakuLimits#nodeRequest}
 * @param elapse      PJM elapse
 * @param heapGb      Java heap per rank
 * @param dokaHome    Doka's folder on Fugaku (built there for aarch64)
 * @param dataDir     the model's data folder on Fugaku (null: none)
 * @param javaHome    an aarch64 JDK 17+ on Fugaku (null: spack's {@code spackJava})
 * @param spackJava   the spack spec of the JDK to load when {@code javaHome} is null
 */
record FugakuScript(String name, int ranks, int members, String group, String rscgrp, String nodeRequest, String elapse,
        int heapGb, String dokaHome, String dataDir, String javaHome, String spackJava) {
    /** Fugaku's public spack instance. */
    static final String SPACK_SETUP = "/vol0004/apps/oss/spack/share/spack/setup-env.sh";
    private static final Pattern VOLUME = Pattern.compile("^(/vol\\d{4})/");
    /** Where Doka keeps MPJ's native device's build script and patch, relative to Doka's folder. */
    static final String NATIVE_SOURCES = "launcher/src/main/native";

    /** The second-layer volumes (/vol000N) the job reads from: compute nodes see only those listed in PJM_LLIO_GFSCACHE. */
    Set<String> volumes() {
        Set<String> v = new LinkedHashSet<>();
        for (String p : new String[] {dokaHome, dataDir, javaHome, SPACK_SETUP}) {
            Matcher m = p == null ? null : VOLUME.matcher(p);
            if (m != null && m.find()) {
                v.add(m.group(1));
            }
        }
        return v;
    }

    String text() {
        List<String> s = new ArrayList<>();
        s.add("#!/bin/bash");
        s.add("# Doka ensemble " + name + " as one Fugaku job, written by ./doka job fugaku (docs/fugaku.md).");
        s.add("# Submit from its job directory: cd <job-dir> && pjsub job.sh; resubmit the same script after the time");
        s.add("# limit: it continues from the newest complete checkpoint. Check it with ./doka job fugaku --check job.sh.");
        s.add("# The same script runs on a workstation with Open MPI: bash job.sh (the #PJM lines are comments there).");
        s.add("#PJM -L \"node=" + nodeRequest + "\"");
        s.add("#PJM -L \"rscgrp=" + rscgrp + "\"");
        s.add("#PJM -L \"elapse=" + elapse + "\"");
        s.add("#PJM --mpi \"proc=" + ranks + "\"");
        s.add("#PJM --mpi \"max-proc-per-node=1\"");
        s.add("#PJM -g " + group);
        s.add("#PJM -x PJM_LLIO_GFSCACHE=" + String.join(":", volumes().isEmpty() ? Set.of("/vol0004") : volumes()));
        s.add("#PJM -S");
        s.add("set -euo pipefail");
        s.add("");
        s.add("# " + members + " members × " + ranks / members + " rank(s) = " + ranks + " ranks, one per node; each uses"
                + " the node's " + FugakuLimits.CORES_PER_NODE + " cores as threads.");
        s.add("JOB_DIR=\"${PJM_O_WORKDIR:-$(cd \"$(dirname \"$0\")\" && pwd)}\"");
        s.add("DOKA_HOME=\"${DOKA_HOME:-" + dokaHome + "}\"");
        s.add("RUN_DIR=\"$JOB_DIR/run\"");
        if (javaHome != null) {
            s.add("export PATH=\"" + javaHome + "/bin:$PATH\"");
        } else {
            s.add("# Fugaku's Java comes from spack; elsewhere the java on the PATH is used");
            s.add("if [ -f " + SPACK_SETUP + " ]; then . " + SPACK_SETUP + " && spack load " + spackJava + "; fi");
        }
        s.add("java -version 2>&1 | grep -Eq 'version \"(1[7-9]|[2-9][0-9])' || { echo \"job.sh: needs Java 17 or newer on"
                + " the PATH (docs/fugaku.md)\" >&2; exit 1; }");
        s.add("export MPJ_HOME=\"$DOKA_HOME/target/mpj-home\"");
        s.add("export DOKA_NATIVE_LIB=\"${DOKA_NATIVE_LIB:-$DOKA_HOME/target/native}\"   # libnativempjdev.so built against this MPI");
        // without Doka's patch MPJ's native device corrupts the ranks' heaps (docs/fugaku.md): refuse such a library
        s.add("NATIVE_PATCH=\"$DOKA_HOME/" + NATIVE_SOURCES + "/natmpjdev.patch\"");
        s.add("grep -qs \" $(sha256sum <\"$NATIVE_PATCH\" | cut -d' ' -f1) \" \"$DOKA_NATIVE_LIB/built-from\" || { echo \"job.sh:"
                + " $DOKA_NATIVE_LIB holds no libnativempjdev.so built with Doka's patch $NATIVE_PATCH; build it with"
                + " $DOKA_HOME/" + NATIVE_SOURCES + "/build-natmpjdev.sh (docs/fugaku.md)\" >&2; exit 1; }");
        s.add("export DOKA_RANK_THREADS=\"${DOKA_RANK_THREADS:-" + FugakuLimits.CORES_PER_NODE + "}\"");
        s.add("export DOKA_RANK_JAVA_OPTS=\"${DOKA_RANK_JAVA_OPTS:--Xmx" + heapGb + "g -Xss4m -XX:+UseParallelGC"
                + " -XX:ActiveProcessorCount=" + FugakuLimits.CORES_PER_NODE + "}\"");
        s.add("# the launcher shares node 0 with rank 0: it gives back its heap after the twin's truth run");
        s.add("LAUNCHER_OPTS=\"-Xmx" + heapGb + "g -XX:+UseG1GC -XX:G1PeriodicGCInterval=5000 -XX:MaxHeapFreeRatio=20"
                + " -XX:MinHeapFreeRatio=5\"");
        s.add("CP=\"${DOKA_CP:-$(ls \"$DOKA_HOME\"/launcher/target/doka-launcher-*.jar):$(cat \"$DOKA_HOME/launcher/target/classpath.txt\")}\"");
        s.add("");
        s.add("# LLIO (Fugaku only): the files every node reads go to each node's cache once, not from the shared file system");
        s.add("STAGED=()");
        s.add("if command -v llio_transfer >/dev/null 2>&1; then");
        s.add("    mapfile -t STAGED < <(tr ':' '\\n' <<<\"$CP\"; ls \"$MPJ_HOME\"/lib/*.jar \"$DOKA_NATIVE_LIB\"/*.so;"
                + " find \"$JOB_DIR\" -path \"$RUN_DIR\" -prune -o -type f -name '*.json' -print"
                + (dataDir == null ? "" : "; find " + quote(dataDir) + " -type f") + ")");
        s.add("    llio_transfer \"${STAGED[@]}\"");
        s.add("fi");
        s.add("");
        s.add("doka() { java $LAUNCHER_OPTS -cp \"$CP\" doka.launcher.Main \"$@\"; }");
        s.add("set +e");
        s.add("if [ ! -f \"$RUN_DIR/config.json\" ]; then");
        s.add("    doka run \"$JOB_DIR/ensemble.json\" --run-dir \"$RUN_DIR\" --device native   # the first submission");
        s.add("elif [ -f \"$RUN_DIR/summary.json\" ]; then");
        s.add("    echo \"finished: $RUN_DIR/summary.json\"");
        s.add("else");
        s.add("    doka resume \"$RUN_DIR\" --device native   # from the newest complete, verified checkpoint");
        s.add("fi");
        s.add("status=$?");
        s.add("set -e");
        s.add("if [ ${#STAGED[@]} -gt 0 ]; then llio_transfer --purge \"${STAGED[@]}\"; fi");
        s.add("# 75: stopped on request at a checkpoint; resubmit to continue");
        s.add("exit $status");
        s.add("");
        return String.join("\n", s);
    }

    private static String quote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
