package doka.launcher.command;

import static doka.launcher.command.TestLauncherCommands.doka;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import doka.launcher.EnsembleRunner;
import doka.launcher.mpi.NativeWorld;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./doka job fugaku}: the job directory, Fugaku's limits, {@code --check}, and the script run here with Open MPI. */
class TestFugakuJob {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent().toAbsolutePath();
    private static final Path FUGAKU_100 = ROOT.resolve("ensembles/fugaku-100.json");
    private static final String[] FILLED = {"--group", "hp000000", "--doka-home", "/vol0004/hp000000/u1/doka",
        "--data", "/vol0004/hp000000/allen"};

    private static String[] with(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Path l96(Path dir, int members, int windows) throws Exception {
        Path file = dir.resolve("l96-" + members + ".json");
        Files.writeString(file, """
                {"name": "l96", "members": %d, "seed": 7, "model": {"kind": "lorenz96"}, "observations": {},
                 "filter": {"kind": "etkf", "inflation": 1.04}, "windows": {"count": %d}}
                """.formatted(members, windows));
        return file;
    }

    @Test
    void theShippedConfigurationChecksOnlyWithItsPlaceholdersFilled(@TempDir Path dir) throws Exception {
        var bare = doka("job", "fugaku", FUGAKU_100.toString(), "--check");
        assertEquals(1, bare.code(), bare.out() + bare.err());
        assertTrue(bare.out().contains("3 problem(s)"), bare.out());
        for (String p : List.of("YOUR_GROUP: give --group", "/PATH/TO/DOKA: give --doka-home", "/PATH/TO/ALLEN/FILES: give --data")) {
            assertTrue(bare.out().contains(p), bare.out());
        }
        var refused = doka("job", "fugaku", FUGAKU_100.toString(), "--out", dir.resolve("unfilled").toString());
        assertEquals(2, refused.code()); // a configuration error
        assertTrue(refused.err().contains("nothing written") && refused.err().contains("YOUR_GROUP"), refused.err());
        assertFalse(Files.exists(dir.resolve("unfilled")));

        assertEquals(0, doka(with(new String[] {"job", "fugaku", FUGAKU_100.toString(), "--check"}, FILLED)).code());
        Path job = dir.resolve("job");
        var written = doka(with(new String[] {"job", "fugaku", FUGAKU_100.toString(), "--out", job.toString()}, FILLED));
        assertEquals(0, written.code(), written.err());
        var checked = doka("job", "fugaku", "--check", job.resolve("job.sh").toString());
        assertEquals(0, checked.code(), checked.out());
        String script = Files.readString(job.resolve("job.sh"));
        assertTrue(script.contains("#PJM -L \"node=100\"") && script.contains("#PJM -L \"rscgrp=small\"")
                && script.contains("#PJM --mpi \"proc=100\"") && script.contains("#PJM -g hp000000"), script);
        assertTrue(script.contains("#PJM -x PJM_LLIO_GFSCACHE=/vol0004") && script.contains("llio_transfer \"${STAGED[@]}\"")
                && script.contains("find '/vol0004/hp000000/allen' -type f") && script.contains("spack load openjdk@17"), script);
        assertTrue(script.contains("doka run \"$JOB_DIR/ensemble.json\" --run-dir \"$RUN_DIR\" --device native")
                && script.contains("doka resume \"$RUN_DIR\" --device native"), script);
        // no path of the machine that wrote it, no build step that does not exist
        assertFalse(script.contains(ROOT.toString()) || script.contains(dir.toString()), script);
        assertFalse(script.contains("-Parm64"), script);
        String ensemble = Files.readString(job.resolve("ensemble.json"));
        assertTrue(ensemble.contains("\"file\" : \"models/cortex-allen.json\"") && ensemble.contains("/vol0004/hp000000/allen"), ensemble);
        assertArrayEquals(Files.readAllBytes(ROOT.resolve("ensembles/models/cortex-allen.json")),
                Files.readAllBytes(job.resolve("models/cortex-allen.json")));
    }

    @Test
    void theResourceGroupAndNodeShapeFollowTheNodeCount(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("big");
        var r = doka("job", "fugaku", l96(dir, 1000, 10).toString(), "--group", "g", "--doka-home", "/vol0004/g/doka",
                "--out", job.toString());
        assertEquals(0, r.code(), r.err());
        String script = Files.readString(job.resolve("job.sh"));
        assertTrue(script.contains("#PJM -L \"node=10x10x10:torus\"") && script.contains("#PJM -L \"rscgrp=large\"")
                && script.contains("#PJM --mpi \"proc=1000\""), script);
        assertEquals("10x10x17:torus", FugakuLimits.nodeRequest(1700, FugakuLimits.groupFor(1700))); // no node spare
        assertEquals("8x8x13:torus", FugakuLimits.nodeRequest(830, FugakuLimits.groupFor(830)));
        assertEquals("small", FugakuLimits.groupFor(384).name());
        assertEquals("large", FugakuLimits.groupFor(385).name());
    }

    /** Issue 18 case 6 and issue 20: bad elapse, heap, group and node counts are refused, naming the limit. */
    @Test
    void badElapseHeapGroupAndNodeCountsAreRefused(@TempDir Path dir) throws Exception {
        String small = l96(dir, 4, 10).toString();
        String[] base = {"job", "fugaku", small, "--group", "g", "--doka-home", "/d", "--out", dir.resolve("j").toString()};
        record Case(String[] args, String message) {
        }
        for (Case c : List.of(
                new Case(new String[] {"--elapse", "99:99"}, "--elapse 99:99: seconds must be 0–59"),
                new Case(new String[] {"--elapse", "abc"}, "--elapse abc: expected [[hh:]mm:]ss"),
                new Case(new String[] {"--elapse", "73:00:00"}, "longer than the small group's limit of 72:00:00"),
                new Case(new String[] {"--heap-gb", "-5"}, "--heap-gb -5: expected 1–28"),
                new Case(new String[] {"--heap-gb", "40"}, "--heap-gb 40: expected 1–28"),
                new Case(new String[] {"--rscgrp", "large"}, "--rscgrp large takes 385–12288 nodes, the job needs 4")))  {
            var r = doka(with(base, c.args()));
            assertEquals(2, r.code(), String.join(" ", c.args()));
            assertTrue(r.err().contains(c.message()), r.err());
        }
        var large = doka("job", "fugaku", l96(dir, 1000, 10).toString(), "--group", "g", "--doka-home", "/d",
                "--elapse", "30:00:00", "--check");
        assertTrue(large.code() == 2 && large.err().contains("longer than the large group's limit of 24:00:00"), large.err());
        var huge = doka("job", "fugaku", l96(dir, 20_000, 10).toString(), "--check");
        assertTrue(huge.code() == 2 && huge.err().contains("20,000 nodes: more than the large group's 12,288"), huge.err());
        assertFalse(Files.exists(dir.resolve("j")));
    }

    @Test
    void checkListsWhatAHandEditedScriptGotWrong(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job");
        assertEquals(0, doka("job", "fugaku", l96(dir, 4, 10).toString(), "--group", "g", "--doka-home", "/d",
                "--out", job.toString()).code());
        Path script = job.resolve("job.sh");
        Files.writeString(script, Files.readString(script).replace("elapse=24:00:00", "elapse=99:99")
                .replace("#PJM -g g", "#PJM -g YOUR_GROUP").replace("-Xmx28g -Xss4m", "-Xmx-5g -Xss4m")
                .replace("proc=4", "proc=5").replace("\nfi\n", "\n"));
        var r = doka("job", "fugaku", "--check", script.toString());
        assertEquals(1, r.code());
        for (String p : List.of("unfilled placeholder YOUR_GROUP", "--elapse 99:99: seconds must be 0–59",
                "--heap-gb -5: expected 1–28", "proc=5, the ensemble takes 4 ranks (4 members, 1 rank(s) each)", "not valid bash")) {
            assertTrue(r.out().contains(p), p + " in\n" + r.out());
        }
    }

    /**
     * The script that goes to Fugaku runs here as it is, with Open MPI in place of Fujitsu MPI, and gives the
     * multicore device's outputs byte for byte.
     */
    @Test
    void theScriptRunsHereWithOpenMpi(@TempDir Path dir) throws Exception {
        String unavailable = NativeWorld.unavailable();
        assumeTrue(unavailable == null, "skipped: the script needs the native device (./doka test installs Open MPI and"
                + " builds libnativempjdev where apt-get may be used): " + unavailable);
        Path lib = NativeWorld.libraryDir();
        Path config = l96(dir, 4, 40);
        Path job = dir.resolve("job");
        assertEquals(0, doka("job", "fugaku", config.toString(), "--group", "local", "--doka-home", ROOT.toString(),
                "--out", job.toString()).code());
        ProcessBuilder pb = new ProcessBuilder("bash", "job.sh").directory(job.toFile()).redirectErrorStream(true);
        pb.environment().putAll(java.util.Map.of("DOKA_CP", System.getProperty("java.class.path"), "DOKA_RANK_THREADS", "1",
                "DOKA_RANK_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1", "DOKA_NATIVE_LIB", lib.toString(),
                "PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + System.getenv("PATH")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);

        Path multicore = dir.resolve("multicore");
        EnsembleRunner.run(EnsembleRunner.prepare(config, multicore, true), multicore, EnsembleRunner.Device.MULTICORE);
        for (String file : List.of("diagnostics.csv", "observations.csv", "parameters.csv")) {
            assertArrayEquals(Files.readAllBytes(multicore.resolve(file)), Files.readAllBytes(job.resolve("run").resolve(file)), file);
        }
        // resubmitted after the end: nothing more to do
        Process again = pb.start();
        String second = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, again.waitFor(), second);
        assertTrue(second.contains("finished: "), second);

        // a library built without Doka's patch (no built-from naming it) is refused before anything runs
        Path unpatched = Files.createDirectories(dir.resolve("unpatched"));
        Files.copy(lib.resolve(NativeWorld.LIBRARY), unpatched.resolve(NativeWorld.LIBRARY));
        pb.environment().put("DOKA_NATIVE_LIB", unpatched.toString());
        Process refused = pb.start();
        String third = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, refused.waitFor(), third);
        assertTrue(third.contains("holds no libnativempjdev.so built with Doka's patch"), third);
    }
}
