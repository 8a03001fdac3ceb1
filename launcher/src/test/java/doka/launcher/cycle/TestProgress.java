package doka.launcher.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestProgress {
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    private List<String> lines() {
        return terminal.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aSimulationPrintsALineWhenItPassesATenthOfItsTime() {
        try (Progress p = new Progress(null, false, new PrintStream(terminal, true, StandardCharsets.UTF_8))) {
            Progress.Simulation s = p.simulation("truth", 2000, 0);
            s.at(100);
            assertTrue(lines().isEmpty(), "5 % is no tenth: " + lines());
            s.at(200);
            s.at(250);
            s.at(700);
            s.at(2000);
            s.at(2000);
        }
        List<String> lines = lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("truth: 10 % of 2000 ms simulated | elapsed "), lines.get(0));
        assertTrue(lines.get(1).startsWith("truth: 30 % of 2000 ms simulated"), "one line for a jump over tenths: " + lines);
        assertTrue(lines.get(2).startsWith("truth: 100 % of 2000 ms simulated") && lines.get(2).endsWith("ETA 0 s"), lines.get(2));
    }

    @Test
    void quietAndShortSimulationsPrintNothingButTheLogKeepsTheLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log.txt");
        try (Progress p = new Progress(log, true, new PrintStream(terminal, true, StandardCharsets.UTF_8))) {
            p.simulation("quiet", 1000, 0).at(1000);
            p.simulation("short", 1000).at(1000); // done before the silent seconds are over
        }
        assertTrue(lines().isEmpty(), lines().toString());
        List<String> logged = Files.readAllLines(log);
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).contains("quiet: 100 % of 1000 ms simulated"), logged.toString());
    }
}
