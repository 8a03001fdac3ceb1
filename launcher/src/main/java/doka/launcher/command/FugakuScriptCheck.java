package doka.launcher.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import doka.launcher.config.ConfigException;
import doka.launcher.config.ConfigReader;
import doka.launcher.config.EnsembleConfig;

/**
 * {@code ./doka job fugaku --check}: what a job script must satisfy before {@code pjsub}: no unfilled
 * placeholder, a group to charge, a resource group that takes the node count, an elapse within its
 * limit, a heap that fits a node, as many ranks as the ensemble has, and valid bash.
 */
final class FugakuScriptCheck {
    private static final Pattern PJM_L = Pattern.compile("^#PJM -L \"(\\w[\\w-]*)=([^\"]*)\"", Pattern.MULTILINE);
    private static final Pattern PROC = Pattern.compile("^#PJM --mpi \"proc=(\\d+)\"", Pattern.MULTILINE);
    private static final Pattern GROUP = Pattern.compile("^#PJM -g (\\S+)", Pattern.MULTILINE);
    private static final Pattern HEAP = Pattern.compile("DOKA_RANK_JAVA_OPTS:--Xmx(-?\\d+)g");
    private static final Pattern SHAPE = Pattern.compile("(\\d+)(?:x(\\d+))?(?:x(\\d+))?(?::\\w+)*");

    private FugakuScriptCheck() {
    }

    /** The problems of a written job.sh and the ensemble.json beside it. */
    static List<String> check(Path script) {
        try {
            String text = Files.readString(script);
            Path ensemble = script.toAbsolutePath().resolveSibling("ensemble.json");
            if (!Files.isRegularFile(ensemble)) {
                return List.of(ensemble + ": missing: the job directory holds the script's configuration beside it");
            }
            EnsembleConfig c;
            try {
                c = ConfigReader.read(ensemble);
            } catch (ConfigException e) {
                return List.of(e.getMessage());
            }
            List<String> problems = check(text, Files.readString(ensemble), c);
            problems.addAll(bashSyntax(script));
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + script, e);
        }
    }

    /** The problems of a script's text, its configuration's text, and that configuration. */
    static List<String> check(String script, String ensembleJson, EnsembleConfig c) {
        List<String> problems = new ArrayList<>();
        placeholders("job.sh", script, problems);
        placeholders("ensemble.json", ensembleJson, problems);
        String nodes = null;
        String rscgrp = null;
        String elapse = null;
        for (Matcher m = PJM_L.matcher(script); m.find(); ) {
            switch (m.group(1)) {
                case "node" -> nodes = m.group(2);
                case "rscgrp" -> rscgrp = m.group(2);
                case "elapse" -> elapse = m.group(2);
                default -> { }
            }
        }
        Matcher proc = PROC.matcher(script);
        int ranks = doka.launcher.EnsembleRunner.ranks(c, doka.launcher.EnsembleRunner.Device.NATIVE, 1);
        if (!GROUP.matcher(script).find()) {
            problems.add("job.sh: no '#PJM -g <group>': every Fugaku job is charged to a project group");
        }
        if (nodes == null || rscgrp == null || elapse == null || !proc.find()) {
            problems.add("job.sh: expected #PJM -L lines for node, rscgrp and elapse and #PJM --mpi \"proc=N\"");
            return problems;
        }
        if (Integer.parseInt(proc.group(1)) != ranks) {
            problems.add("job.sh: proc=" + proc.group(1) + ", the ensemble takes " + ranks + " ranks (" + c.members()
                    + " members, " + c.ranksPerMember() + " rank(s) each" + (c.membersPerRank() == null ? ""
                    : ", " + c.membersPerRank() + " per task") + ")");
        }
        Matcher shape = SHAPE.matcher(nodes);
        if (!shape.matches()) {
            problems.add("job.sh: node=" + nodes + ": expected N or AxBxC[:torus]");
        } else {
            long room = 1;
            for (int i = 1; i <= 3; i++) {
                room *= shape.group(i) == null ? 1 : Long.parseLong(shape.group(i));
            }
            if (room < ranks) {
                problems.add("job.sh: node=" + nodes + " holds " + room + " nodes, the job needs " + ranks);
            }
        }
        try {
            FugakuLimits.Group g = FugakuLimits.named(rscgrp, ranks);
            FugakuLimits.elapseSeconds(elapse, g);
            if (g.torus() && !nodes.contains("x")) {
                problems.add("job.sh: the " + g.name() + " group allocates a torus: give node=AxBxC:torus");
            }
        } catch (ConfigException e) {
            problems.add("job.sh: " + e.getMessage());
        }
        Matcher heap = HEAP.matcher(script);
        if (heap.find()) {
            try {
                FugakuLimits.checkHeap(Integer.parseInt(heap.group(1)));
            } catch (ConfigException e) {
                problems.add("job.sh: " + e.getMessage());
            }
        }
        return problems;
    }

    private static void placeholders(String file, String text, List<String> problems) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(JobCommand.Fugaku.GROUP_PLACEHOLDER)) {
                problems.add(file + " line " + (i + 1) + ": unfilled placeholder " + JobCommand.Fugaku.GROUP_PLACEHOLDER
                        + ": give --group <your project group>");
            }
            int at = lines[i].indexOf(JobCommand.Fugaku.PATH_PLACEHOLDER);
            if (at >= 0) {
                String value = lines[i].substring(at).split("[\"'}\\s]")[0];
                problems.add(file + " line " + (i + 1) + ": unfilled placeholder " + value + ": give "
                        + (value.endsWith("/DOKA") ? "--doka-home <Doka's folder on Fugaku>"
                        : file.equals("ensemble.json") ? "--data <the folder on Fugaku>, or the path in the configuration"
                        : "the path"));
            }
        }
    }

    private static List<String> bashSyntax(Path script) {
        try {
            Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? List.of() : List.of(script + ": not valid bash: " + out);
        } catch (IOException e) {
            return List.of(); // no bash here to ask
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
