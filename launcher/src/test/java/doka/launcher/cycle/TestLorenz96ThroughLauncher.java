package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.enkf.EnsembleFilter.Variant;
import doka.enkf.FilterConfig;
import doka.enkf.twin.HiddenMarkovModel;
import doka.enkf.twin.TwinExperiment;
import doka.enkf.twin.TwinSummary;
import doka.launcher.EnsembleRunner;
import doka.launcher.config.EnsembleConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lorenz-96 assimilated by members on MPI ranks gives the in-process twin runner's numbers. */
class TestLorenz96ThroughLauncher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path config(Path dir, String filter, int members, int windows, String extra) throws Exception {
        Path file = dir.resolve("l96.json");
        Files.writeString(file, """
                {"name": "l96", "members": %d, "seed": 7, "model": {"kind": "lorenz96"}, "observations": {},
                 "filter": {"kind": "%s", "inflation": 1.04 %s}, "windows": {"count": %d}}
                """.formatted(members, filter, extra, windows));
        return file;
    }

    @Test
    void etkfOnTwentyRanksMatchesTheInProcessRunner(@TempDir Path dir) throws Exception {
        int members = 20;
        int windows = 600;
        Path run = dir.resolve("run");
        EnsembleConfig c = EnsembleRunner.prepare(config(dir, "etkf", members, windows, ""), run, true);
        JsonNode summary = JSON.readTree(EnsembleRunner.run(c, run, EnsembleRunner.Device.MULTICORE));

        TwinSummary reference = TwinExperiment.of(HiddenMarkovModel.lorenz96Sakov2008(), Variant.ETKF, members, 1.04)
                .withCycles(windows).withSeed(7).run();
        assertEquals(reference.burnIn(), summary.get("burn_in").asInt());
        assertEquals(reference.rmseAnalysis(), summary.get("rmse_analysis").asDouble(), 1e-9);
        assertEquals(reference.rmseForecast(), summary.get("rmse_forecast").asDouble(), 1e-9);
        assertEquals(reference.spreadAnalysis(), summary.get("spread_analysis").asDouble(), 1e-9);
        assertTrue(summary.get("rmse_analysis").asDouble() < 0.5, "a working filter stays well below the obs error 1");

        List<String> diagnostics = Files.readAllLines(run.resolve("diagnostics.csv"));
        assertEquals(windows + 1, diagnostics.size());
        List<String> observations = Files.readAllLines(run.resolve("observations.csv"));
        assertEquals(windows * 40 + 1, observations.size());
        assertTrue(Files.readString(run.resolve("log.txt")).contains("window 600/600"));
    }

    @Test
    void fourJvmProcessesOnNiodevGiveTheNumbersOfTheMulticoreDevice(@TempDir Path dir) throws Exception {
        Path cfg = config(dir, "letkf", 4, 60, ", \"localization\": 4");
        Path threads = dir.resolve("threads");
        Path processes = dir.resolve("processes");
        JsonNode a = JSON.readTree(EnsembleRunner.run(EnsembleRunner.prepare(cfg, threads, true), threads,
                EnsembleRunner.Device.MULTICORE));
        JsonNode b = JSON.readTree(EnsembleRunner.run(EnsembleRunner.prepare(cfg, processes, true), processes,
                EnsembleRunner.Device.NIODEV));
        assertEquals(a.get("rmse_analysis").asDouble(), b.get("rmse_analysis").asDouble(), 0.0);
        assertEquals(Files.readString(threads.resolve("diagnostics.csv")), Files.readString(processes.resolve("diagnostics.csv")));
    }

    @Test
    void letkfThroughTheLauncherMatchesToo(@TempDir Path dir) throws Exception {
        int members = 6;
        int windows = 300;
        Path run = dir.resolve("run");
        EnsembleConfig c = EnsembleRunner.prepare(config(dir, "letkf", members, windows, ", \"localization\": 4"), run, true);
        JsonNode summary = JSON.readTree(EnsembleRunner.run(c, run, EnsembleRunner.Device.MULTICORE));
        TwinSummary reference = TwinExperiment.of(HiddenMarkovModel.lorenz96Sakov2008(),
                FilterConfig.of(Variant.LETKF, 1.04).withLocalization(4), members).withCycles(windows).withSeed(7).run();
        assertEquals(reference.rmseAnalysis(), summary.get("rmse_analysis").asDouble(), 1e-9);
    }
}
