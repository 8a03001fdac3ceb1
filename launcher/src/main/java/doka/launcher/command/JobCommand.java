package doka.launcher.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import doka.launcher.config.ConfigException;
import doka.launcher.EnsembleRunner;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./doka job fugaku <ensemble.json>}: lays out a job directory for one large job. */
@Command(name = "job", mixinStandardHelpOptions = true, description = "Write batch-job scripts.",
        subcommands = JobCommand.Fugaku.class)
public final class JobCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /**
     * A job directory for Fugaku: {@code job.sh} (PJM, one rank per node, all members in one job, on the native
     * MPJ device), {@code ensemble.json} and the model file; or, with {@code --check}, the same checks on a
     * written {@code job.sh} or as a dry run of a configuration.
     */
    @Command(name = "fugaku", mixinStandardHelpOptions = true,
            description = {"Lay out a job directory for Fugaku (A64FX, 48 cores and 32 GiB per node) that runs the whole"
                    + " ensemble as one job: job.sh, ensemble.json and the model file. The resource group follows from the"
                    + " node count; the script is the one that runs here with Open MPI (bash job.sh). See docs/fugaku.md.",
                "With --check: check a written job.sh (or, given a configuration, the script it would get) and list"
                    + " every problem: unfilled placeholders, group, node count, elapse, heap; exit 1 if any."})
    public static final class Fugaku implements Callable<Integer> {
        static final String GROUP_PLACEHOLDER = "YOUR_GROUP";
        static final String PATH_PLACEHOLDER = "/PATH/TO";
        /** Observation files a configuration may name: copied into the job directory when they are on this machine. */
        private static final List<String> INPUT_FIELDS = List.of("file", "mapping");
        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @Parameters(index = "0", paramLabel = "<ensemble.json|job.sh>",
                description = "The ensemble configuration; with --check also a written job.sh.")
        Path input;

        @Option(names = "--check", description = "Check instead of writing: list the problems, exit 1 if any.")
        boolean check;

        @Option(names = "--group", paramLabel = "GROUP", description = "PJM group (-g) to charge: your project (see 'id'"
                + " on a login node). Required.")
        String group;

        @Option(names = "--doka-home", paramLabel = "DIR", description = "Doka's folder on Fugaku, built there for aarch64"
                + " (docs/fugaku.md). Required.")
        String dokaHome;

        @Option(names = "--data", paramLabel = "DIR", description = "The folder on Fugaku that stands for a placeholder"
                + " data path of the model (model.dataPaths, e.g. DOKA_ALLEN: the Allen files).")
        String data;

        @Option(names = "--java-home", paramLabel = "DIR", description = "An aarch64 JDK 17+ on Fugaku (default: spack"
                + " load of --spack-java).")
        String javaHome;

        @Option(names = "--spack-java", defaultValue = "openjdk@17", paramLabel = "SPEC",
                description = "The JDK that Fugaku's spack loads when --java-home is not given (default: ${DEFAULT-VALUE}).")
        String spackJava;

        @Option(names = "--elapse", defaultValue = "24:00:00", description = "Wall-time limit, [[hh:]mm:]ss, at most the"
                + " resource group's (small 72:00:00, large 24:00:00) (default: ${DEFAULT-VALUE}).")
        String elapse;

        @Option(names = "--rscgrp", paramLabel = "GROUP", description = "Resource group (default: from the node count,"
                + " small for 1–384 nodes, large for 385–12,288).")
        String rscgrp;

        @Option(names = "--heap-gb", defaultValue = "28", description = "Java heap per rank, GB of the 28 GiB a node gives"
                + " a job (default: ${DEFAULT-VALUE}).")
        int heapGb;

        @Option(names = "--out", paramLabel = "DIR", description = "The job directory to lay out (default: jobs/<name>).")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (check && input.toString().endsWith(".sh")) {
                return report(FugakuScriptCheck.check(input));
            }
            EnsembleConfig c = ConfigReader.read(input);
            int ranks = EnsembleRunner.ranks(c, EnsembleRunner.Device.NATIVE, 1);
            FugakuLimits.Group g = rscgrp == null ? FugakuLimits.groupFor(ranks) : FugakuLimits.named(rscgrp, ranks);
            FugakuLimits.elapseSeconds(elapse, g);
            FugakuLimits.checkHeap(heapGb);
            ObjectNode ensemble = jobEnsemble(c);
            FugakuScript script = new FugakuScript(c.name(), ranks, c.members(), orPlaceholder(group, GROUP_PLACEHOLDER),
                    g.name(), FugakuLimits.nodeRequest(ranks, g), elapse, heapGb, orPlaceholder(dokaHome, PATH_PLACEHOLDER
                    + "/DOKA"), data, javaHome, spackJava);
            List<String> problems = FugakuScriptCheck.check(script.text(), JSON.writeValueAsString(ensemble), c);
            if (check) {
                return report(problems);
            }
            if (!problems.isEmpty()) {
                throw new ConfigException("job fugaku: nothing written: " + String.join("; ", problems));
            }
            Path dir = out != null ? out : Path.of("jobs", c.name());
            write(dir, script, ensemble);
            System.out.printf(Locale.ROOT, "wrote %s: %d nodes (%d members in %d task(s) × %d rank(s)) as %s in rscgrp %s,"
                    + " elapse %s; submit with: cd %s && pjsub job.sh%n", dir.resolve("job.sh"), ranks, c.members(),
                    ranks / c.ranksPerMember(), c.ranksPerMember(),
                    script.nodeRequest(), g.name(), elapse, dir);
            return 0;
        }

        private static String orPlaceholder(String value, String placeholder) {
            return value == null || value.isBlank() ? placeholder : value;
        }

        private static int report(List<String> problems) {
            if (problems.isEmpty()) {
                System.out.println("job fugaku --check: no problems found");
                return 0;
            }
            System.out.println("job fugaku --check: " + problems.size() + " problem(s):");
            problems.forEach(p -> System.out.println("  - " + p));
            return 1;
        }

        /**
         * The configuration as the job directory holds it: the model file beside it in {@code models/}, observation
         * files found here in {@code inputs/}, a placeholder data path replaced by {@code --data}; no path of this machine.
         */
        private ObjectNode jobEnsemble(EnsembleConfig c) {
            ObjectNode tree = (ObjectNode) ConfigReader.tree(input).deepCopy();
            JsonNode model = tree.get("model");
            if (model instanceof ObjectNode m && m.hasNonNull("file")) {
                m.put("file", "models/" + Path.of(m.get("file").asText()).getFileName());
                if (m.get("dataPaths") instanceof ObjectNode paths && data != null) {
                    paths.fieldNames().forEachRemaining(k -> {
                        if (paths.get(k).asText().startsWith(PATH_PLACEHOLDER)) {
                            paths.put(k, data);
                        }
                    });
                }
            }
            if (tree.get("observations") instanceof ObjectNode o) {
                for (String field : INPUT_FIELDS) {
                    if (o.hasNonNull(field) && Files.isRegularFile(local(o.get(field).asText()))) {
                        o.put(field, "inputs/" + Path.of(o.get(field).asText()).getFileName());
                    }
                }
            }
            tree.remove("output");
            return tree;
        }

        /** A path of the configuration, as on this machine (relative to the configuration's folder). */
        private Path local(String path) {
            return input.toAbsolutePath().getParent().resolve(path);
        }

        private void write(Path dir, FugakuScript script, ObjectNode ensemble) throws IOException {
            Files.createDirectories(dir);
            if (ensemble.get("model") instanceof ObjectNode m && m.hasNonNull("file")) {
                Path modelFile = local(ConfigReader.tree(input).get("model").get("file").asText());
                Files.createDirectories(dir.resolve("models"));
                Files.copy(modelFile, dir.resolve(m.get("file").asText()), StandardCopyOption.REPLACE_EXISTING);
            }
            JsonNode given = ConfigReader.tree(input).get("observations");
            for (String field : INPUT_FIELDS) {
                if (given != null && given.hasNonNull(field) && Files.isRegularFile(local(given.get(field).asText()))) {
                    Files.createDirectories(dir.resolve("inputs"));
                    Files.copy(local(given.get(field).asText()), dir.resolve(ensemble.get("observations").get(field).asText()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(dir.resolve("ensemble.json"), JSON.writeValueAsString(ensemble) + "\n");
            Path job = dir.resolve("job.sh");
            Files.writeString(job, script.text());
            job.toFile().setExecutable(true);
        }
    }
}
