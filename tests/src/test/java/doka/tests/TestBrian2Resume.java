package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.Manifest;

/**
 * External members resume bit for bit: {@code ensembles/brian2-twin.json} (4 Brian 2 processes) with a
 * checkpoint every window, its launcher killed with SIGKILL after the third checkpoint (its member
 * processes see their input close and end), resumed to the end, gives the parameters, diagnostics,
 * predictions, summary and member 0's spikes of the same run straight through. The members' states in
 * the checkpoint are the adapter's own files, saved and restored over the protocol.
 */
class TestBrian2Resume {
    @TempDir
    Path dir;

    @Test
    void aKilledBrian2TwinResumesBitForBit() throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import brian2").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor(120, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "skipped: Brian 2 is not installed (/usr/bin/python3 -c 'import brian2' fails); install Debian's python3-brian");

        Path ensembles = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles");
        JsonMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
        ObjectNode c = (ObjectNode) json.readTree(ensembles.resolve("brian2-twin.json").toFile());
        ((ObjectNode) c.get("model")).put("directory", ensembles.toString());
        c.putObject("checkpoint").put("everyWindows", 1).put("keep", 2);
        Path config = dir.resolve("brian2.json");
        Files.writeString(config, json.writeValueAsString(c));

        Path straight = dir.resolve("straight");
        DokaProcess s = DokaProcess.run(dir, "straight", "run", config.toString(), "--run-dir", straight.toString(), "--quiet");
        assertEquals(0, s.waitFor(), s.err());

        Path killed = dir.resolve("killed");
        DokaProcess k = DokaProcess.start(dir, "killed", "run", config.toString(), "--run-dir", killed.toString(), "--quiet");
        k.awaitFile(killed.resolve("checkpoints").resolve(CheckpointStore.name(3)).resolve(Manifest.FILE));
        Thread.sleep(new Random(5).nextInt(500));
        assertTrue(k.isAlive(), "the run finished before it could be killed");
        k.kill();

        DokaProcess r = DokaProcess.run(dir, "resume", "resume", killed.toString());
        assertEquals(0, r.waitFor(), r.err());
        assertTrue(Files.readString(killed.resolve("log.txt")).contains("resumed from checkpoint window-00000"));
        RunDirs.assertSameOutputs(straight, killed, List.of("parameters.csv", "diagnostics.csv", "observations.csv",
                "raster-member0.csv", "observations-input.csv"));
    }
}
