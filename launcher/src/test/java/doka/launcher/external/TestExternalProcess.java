package doka.launcher.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.engine.member.Readout;

/**
 * A member process that fails gives a clear error naming the member and the request: real processes
 * (small Python scripts written here) that exit, hang past the timeout, answer out of protocol or
 * report an error; and a real one that speaks the protocol through to its shutdown.
 */
class TestExternalProcess {
    @TempDir
    Path dir;

    /** A script that answers hello properly, then behaves as {@code afterHello} says for the next request. */
    private List<String> script(String afterHello) throws Exception {
        Path file = dir.resolve("member.py");
        Files.writeString(file, """
                import json, sys, time
                def say(o):
                    sys.stdout.write(json.dumps(o) + "\\n"); sys.stdout.flush()
                for line in sys.stdin:
                    req = json.loads(line)
                    if req["op"] == "hello":
                        say({"op": "hello", "protocol": 1, "program": "test script", "parameters": ["a"],
                             "observables": ["x"], "neurons": 1, "synapses": 0})
                        continue
                    if req["op"] == "shutdown":
                        say({"op": "shutdown"}); break
                %s
                """.formatted(afterHello.indent(4)));
        return List.of("python3", file.toString());
    }

    private ExternalMember member(List<String> command, double timeoutS) {
        return new ExternalMember("member 7", command, dir, Duration.ofMillis(Math.round(timeoutS * 1000)), 1, 1,
                List.of("x"), new Readout(List.of("a"), 100, 50));
    }

    private static void assertMessage(RuntimeException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void aProcessThatExitsIsReportedWithItsCodeAndStderr() throws Exception {
        ExternalMember m = member(script("sys.stderr.write('segmentation fault in my model\\n'); sys.exit(3)"), 10);
        var e = assertThrows(ExternalMemberException.class, () -> m.distribute(new double[] {1}));
        assertMessage(e, "member 7", "request 'set'", "ended without answering", "exited with code 3",
                "segmentation fault in my model");
        m.close();
    }

    @Test
    void aProcessThatHangsIsKilledAfterTheTimeout() throws Exception {
        ExternalMember m = member(script("time.sleep(600)"), 1);
        long t0 = System.nanoTime();
        var e = assertThrows(ExternalMemberException.class, () -> m.distribute(new double[] {1}));
        assertMessage(e, "member 7", "request 'set'", "no answer within 1 s", "killed");
        assertTrue((System.nanoTime() - t0) * 1e-9 < 60, "the timeout did not end the wait");
        m.close();
    }

    @Test
    void anAnswerOutOfProtocolIsReportedWithTheAnswer() throws Exception {
        ExternalMember notJson = member(script("print('rates are fine'); sys.stdout.flush()"), 10);
        var e = assertThrows(ExternalMemberException.class, () -> notJson.distribute(new double[] {1}));
        assertMessage(e, "member 7", "request 'set'", "out of protocol", "rates are fine");
        notJson.close();

        ExternalMember wrongOp = member(script("say({'op': 'observe', 'values': {}})"), 10);
        e = assertThrows(ExternalMemberException.class, () -> wrongOp.distribute(new double[] {1}));
        assertMessage(e, "member 7", "out of protocol (expected op \"set\")", "observe");
        wrongOp.close();

        ExternalMember wrongTime = member(script("say({'op': req['op'], 't_ms': 3.0})"), 10);
        e = assertThrows(ExternalMemberException.class, wrongTime::advance);
        assertMessage(e, "member 7", "request 'advance'", "asked to advance to 100.0 ms", "at 3.0 ms");
        wrongTime.close();

        ExternalMember fewBins = member(script("say({'op': req['op'], 't_ms': 100.0, 'values': {'x': [1.0]}})"), 10);
        e = assertThrows(ExternalMemberException.class, fewBins::advance);
        assertMessage(e, "member 7", "request 'observe'", "'x' should be 2 numbers");
        fewBins.close();
    }

    @Test
    void anErrorAnswerIsReportedWithTheProgramsMessage() throws Exception {
        ExternalMember m = member(script("say({'op': 'error', 'message': 'NaN in the membrane potential'})"), 10);
        var e = assertThrows(ExternalMemberException.class, () -> m.distribute(new double[] {1}));
        assertMessage(e, "member 7", "request 'set'", "reports an error: NaN in the membrane potential");
        m.close();
    }

    @Test
    void theGreetingChecksTheVersionTheParametersAndTheObservables() throws Exception {
        Path file = dir.resolve("old.py");
        Files.writeString(file, """
                import json, sys
                for line in sys.stdin:
                    print(json.dumps({"op": "hello", "protocol": 0, "parameters": [], "observables": []}), flush=True)
                """);
        var e = assertThrows(ExternalMemberException.class, () -> member(List.of("python3", file.toString()), 10));
        assertMessage(e, "member 7", "speaks protocol 0", "Doka speaks 1");

        e = assertThrows(ExternalMemberException.class, () -> new ExternalMember("member 2", script(""), dir,
                Duration.ofSeconds(10), 1, 1, List.of("x"), new Readout(List.of("b"), 100, 50)));
        assertMessage(e, "member 2", "no parameter 'b'", "[a]");
        e = assertThrows(ExternalMemberException.class, () -> new ExternalMember("member 2", script(""), dir,
                Duration.ofSeconds(10), 1, 1, List.of("y"), new Readout(List.of("a"), 100, 50)));
        assertMessage(e, "member 2", "no observable 'y'", "[x]");

        e = assertThrows(ExternalMemberException.class, () -> member(List.of("no-such-program-doka"), 10));
        assertMessage(e, "member 7", "cannot start [no-such-program-doka]");
    }

    @Test
    void aProcessThatFollowsTheProtocolRunsAndShutsDown() throws Exception {
        ExternalMember m = member(script("""
                if req["op"] == "set": say({"op": "set"})
                elif req["op"] == "advance": say({"op": "advance", "t_ms": req["to_ms"], "sim_s": 0.0})
                elif req["op"] == "observe": say({"op": "observe", "values": {"x": [1.5, 2.5]}})"""), 10);
        m.distribute(new double[] {4});
        m.advance();
        assertEquals(List.of(1.5, 2.5), java.util.Arrays.stream(m.collect()).boxed().toList());
        assertEquals(4, m.estimated()[0]);
        m.close();
    }

    @Test
    void theCostBenchTimesWindowsAndASnapshotOfARealProcess() throws Exception {
        List<String> command = script("""
                if req["op"] == "set": say({"op": "set"})
                elif req["op"] == "advance": t = req["to_ms"]; say({"op": "advance", "t_ms": t, "sim_s": 0.25})
                elif req["op"] == "observe": say({"op": "observe", "values": {"x": [1.0, 2.0]}})
                elif req["op"] == "save": open(req["path"], "w").write(str(t)); say({"op": "save", "bytes": 5})
                elif req["op"] == "restore": t = float(open(req["path"]).read()); say({"op": "restore", "t_ms": t})""");
        String json = """
                {"name": "cost", "members": 2,
                 "model": {"kind": "external", "command": %s, "observables": ["x"], "directory": "%s"},
                 "parameters": [{"name": "a", "priorMean": 1.0, "priorSd": 0.1}],
                 "observations": {"truth": {"a": 1.0}, "binMs": 50},
                 "windows": {"lengthMs": 100, "count": 3, "warmupMs": 100}}
                """.formatted(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(command), dir);
        var config = doka.launcher.config.ConfigReader.parse("cost.json", json);
        var cost = doka.launcher.experiment.ExternalCost.measure(config, dir, 3);
        assertEquals(3, cost.requestS().length);
        for (int w = 0; w < 3; w++) {
            // the script claims 0.25 s of simulation and answers at once: the cost is the round trip minus that claim
            assertEquals(0.25, cost.simulationS()[w], 1e-12, "the program's own time of window " + w);
            assertEquals(cost.requestS()[w] - 0.25, cost.protocolS()[w], 1e-12);
            assertTrue(cost.requestS()[w] > 0, "a round trip takes time");
        }
        assertTrue(cost.stateBytes() > 0);
        assertTrue(cost.report(config).contains("3 windows of 100 ms (2 bins): the program simulates 0.250 s per window"),
                cost.report(config));
    }
}
