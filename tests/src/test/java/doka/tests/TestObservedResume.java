package doka.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import doka.launcher.checkpoint.CheckpointStore;
import doka.launcher.checkpoint.Manifest;

/**
 * Members observed through calcium imaging or the LFP proxy resume bit for bit after SIGKILL: a small cortex twin
 * of 4 windows, killed after its first checkpoint and resumed, gives the outputs of a run straight through (the
 * calcium traces and the LFP's last currents travel in the members' checkpoint files). Slow: two runs per operator.
 */
@Tag("slow")
class TestObservedResume {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"calcium", "lfp"})
    void aKilledOperatorTwinResumesBitForBit(String operator) throws Exception {
        Path model = Path.of("..", "ensembles", "models", "cortex-small.json").toAbsolutePath();
        Path config = dir.resolve(operator + ".json");
        Files.writeString(config, """
                {"name": "%s-resume", "members": 3, "seed": 13,
                 "model": {"kind": "cortex", "file": "%s"},
                 "parameters": [{"name": "background_rate_scale@MOp-L", "priorMean": 0.95, "priorSd": 0.04,
                                 "lower": 0.7, "upper": 1.3, "transform": "logit"}],
                 "observations": {"operator": "%s", "truth": {"background_rate_scale@MOp-L": 1.0}, "binMs": 50,
                                  "relativeError": 0.05, "errorFloor": 0.001},
                 "filter": {"kind": "etkf", "inflation": 1.0, "rtps": 0.8},
                 "faults": {"runawayAboveHz": 5000},
                 "windows": {"lengthMs": 200, "count": 4, "warmupMs": 50},
                 "checkpoint": {"everyWindows": 1, "keep": 2}}
                """.formatted(operator, model, operator));
        Path straight = dir.resolve("straight-" + operator);
        DokaProcess s = DokaProcess.run(dir, "straight-" + operator, "run", config.toString(), "--run-dir",
                straight.toString(), "--quiet");
        assertEquals(0, s.waitFor(), s.err());

        Path killed = dir.resolve("killed-" + operator);
        DokaProcess k = DokaProcess.start(dir, "killed-" + operator, "run", config.toString(), "--run-dir",
                killed.toString(), "--quiet");
        k.awaitFile(killed.resolve("checkpoints").resolve(CheckpointStore.name(1)).resolve(Manifest.FILE));
        assertTrue(k.isAlive(), "the run finished before it could be killed");
        k.kill();
        DokaProcess r = DokaProcess.run(dir, "resume-" + operator, "resume", killed.toString());
        assertEquals(0, r.waitFor(), r.err());
        assertTrue(Files.readString(killed.resolve("log.txt")).contains("resumed from checkpoint"));
        RunDirs.assertSameOutputs(straight, killed,
                List.of("parameters.csv", "diagnostics.csv", "observations.csv", "observations-input.csv"));
    }
}
