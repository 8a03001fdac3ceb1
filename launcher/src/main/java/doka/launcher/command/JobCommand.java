package doka.launcher.command;

import doka.launcher.Main;
import doka.launcher.EnsembleRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./doka job fugaku <ensemble.json>}: writes a batch script for one large job. */
@Command(name = "job", mixinStandardHelpOptions = true, description = "Write batch-job scripts.",
        subcommands = JobCommand.Fugaku.class)
public final class JobCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** A PJM script for Fugaku: one rank per node, all members in one job, on the native MPJ device. */
    @Command(name = "fugaku", mixinStandardHelpOptions = true,
            description = "Write a PJM batch script for Fugaku (A64FX, 48 cores and 32 GB per node) running the whole"
                    + " ensemble as one job; see docs/launcher.md.")
    public static final class Fugaku implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<ensemble.json>")
        Path config;

        @Option(names = "--run-dir", paramLabel = "DIR", description = "Run directory on the shared file system"
                + " (default: the configuration's, else runs/<name>).")
        Path runDir;

        @Option(names = "--elapse", defaultValue = "24:00:00", description = "Wall-time limit (default: ${DEFAULT-VALUE}).")
        String elapse;

        @Option(names = "--rscgrp", defaultValue = "large", description = "Resource group (default: ${DEFAULT-VALUE}).")
        String rscgrp;

        @Option(names = "--group", defaultValue = "YOUR_GROUP", description = "PJM group (-g) to charge (default: ${DEFAULT-VALUE}).")
        String group;

        @Option(names = "--heap-gb", defaultValue = "28", description = "Java heap per rank, GB of a node's 32 (default: ${DEFAULT-VALUE}).")
        int heapGb;

        @Option(names = "--out", paramLabel = "FILE", description = "Script file (default: <name>.pjm.sh).")
        Path out;

        @Override
        public Integer call() throws IOException {
            EnsembleConfig c = ConfigReader.read(config);
            Path dir = EnsembleRunner.runDir(c, runDir);
            Path file = out != null ? out : Path.of(c.name() + ".pjm.sh");
            Files.writeString(file, script(c, config, dir));
            file.toFile().setExecutable(true);
            System.out.printf(Locale.ROOT, "wrote %s: %d nodes (%d members × %d ranks), elapse %s; submit with pjsub %s%n",
                    file, c.members() * c.ranksPerMember(), c.members(), c.ranksPerMember(), elapse, file);
            return 0;
        }

        String script(EnsembleConfig c, Path configFile, Path dir) {
            int nodes = c.members() * c.ranksPerMember();
            return String.join("\n",
                    "#!/bin/bash",
                    "# Doka ensemble " + c.name() + " on Fugaku, written by ./doka job fugaku; see docs/launcher.md.",
                    "#PJM -L \"node=" + nodes + "\"",
                    "#PJM -L \"rscgrp=" + rscgrp + "\"",
                    "#PJM -L \"elapse=" + elapse + "\"",
                    "#PJM --mpi \"max-proc-per-node=1\"",
                    "#PJM -g " + group,
                    "#PJM -S",
                    "set -euo pipefail",
                    "",
                    "# One rank per node: " + c.members() + " members × " + c.ranksPerMember() + " rank(s) = " + nodes
                            + " ranks; each rank's member uses the node's 48 cores as threads.",
                    "DOKA_HOME=${DOKA_HOME:?set DOKA_HOME to the Doka folder (built with ./doka build -Parm64)}",
                    "export MPJ_HOME=${MPJ_HOME:-$DOKA_HOME/target/mpj-home}",
                    "RUN_DIR=" + dir.toAbsolutePath(),
                    "CONFIG=" + configFile.toAbsolutePath(),
                    "CP=\"$DOKA_HOME/launcher/target/classes:$(cat $DOKA_HOME/launcher/target/classpath.txt)\"",
                    "JAVA_OPTS=\"-Xmx" + heapGb + "g -Xss4m -XX:+UseParallelGC -XX:ActiveProcessorCount=48"
                            + " -Djava.library.path=$MPJ_HOME/lib\"",
                    "",
                    "# The first submission prepares the run directory (resolved configuration, twin observations);",
                    "# every submission continues from the newest complete, verified checkpoint (docs/checkpoints.md).",
                    "if [ ! -f \"$RUN_DIR/config.json\" ]; then",
                    "    java $JAVA_OPTS -cp \"$CP\" doka.launcher.Main prepare \"$CONFIG\" --run-dir \"$RUN_DIR\"",
                    "fi",
                    "FROM=$(java $JAVA_OPTS -cp \"$CP\" doka.launcher.Main resume \"$RUN_DIR\" --select-only)",
                    "if [ \"$FROM\" != finished ]; then",
                    "    mpiexec -n " + nodes + " java $JAVA_OPTS -cp \"$CP\" doka.launcher.mpi.NativeRankMain \\",
                    "        doka.launcher.cycle.EnsembleProgram \"$RUN_DIR\" 48 ${FROM#none}",
                    "fi",
                    "java $JAVA_OPTS -cp \"$CP\" doka.launcher.Main report \"$RUN_DIR\"",
                    "");
        }
    }
}
