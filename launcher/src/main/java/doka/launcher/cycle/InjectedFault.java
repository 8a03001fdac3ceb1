package doka.launcher.cycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fault injected for testing ({@code ./doka run … --inject-fault member=M,window=W,kind=K}): member M
 * fails in window W (counted from 0, as the output files count windows) in one of the ways
 * {@link MemberFaults} detects: it throws ({@code crash}), predicts NaN ({@code nan}), 0 ({@code silence}),
 * or ten times {@code faults.runawayAboveHz} ({@code runaway}). The faults are written into the run
 * directory ({@link #FILE}) so that a resumed run injects them again: a replacement is part of the
 * run's deterministic history.
 */
public record InjectedFault(int member, int window, String kind) {
    /** The run directory's file of injected faults, one spec a line. */
    public static final String FILE = "injected-faults.txt";
    private static final String FORM = "expected member=M,window=W,kind=crash|nan|silence|runaway";

    /** Parses one {@code member=M,window=W,kind=K} (each key once, all three present). */
    public static InjectedFault parse(String spec) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : spec.split(",", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
            if (eq < 0 || !List.of("member", "window", "kind").contains(key)) {
                throw new IllegalArgumentException("--inject-fault '" + spec + "': '" + part + "' is not a field; " + FORM);
            }
            if (fields.put(key, part.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("--inject-fault '" + spec + "': '" + key + "' given twice; " + FORM);
            }
        }
        for (String key : List.of("member", "window", "kind")) {
            if (!fields.containsKey(key)) {
                throw new IllegalArgumentException("--inject-fault '" + spec + "': '" + key + "' is missing; " + FORM);
            }
        }
        String kind = fields.get("kind");
        if (!MemberFaults.KINDS.contains(kind)) {
            throw new IllegalArgumentException("--inject-fault '" + spec + "': kind '" + kind + "' is not one of "
                    + MemberFaults.KINDS + "; " + FORM);
        }
        return new InjectedFault(count(spec, "member", fields.get("member")), count(spec, "window", fields.get("window")),
                kind);
    }

    private static int count(String spec, String key, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("--inject-fault '" + spec + "': " + key + " '" + value
                + "' is not a whole number ≥ 0; " + FORM);
    }

    /** Checks the faults against a run of {@code members} members and {@code windows} windows. */
    public static void check(List<InjectedFault> faults, int members, int windows) {
        for (InjectedFault f : faults) {
            if (f.member >= members || f.window >= windows) {
                throw new IllegalArgumentException("--inject-fault " + f.spec() + ": the run has members 0.." + (members - 1)
                        + " and windows 0.." + (windows - 1));
            }
        }
    }

    /** The spec this fault was parsed from. */
    public String spec() {
        return "member=" + member + ",window=" + window + ",kind=" + kind;
    }

    /** Writes {@code faults} into {@code runDir} (nothing when empty). */
    public static void write(Path runDir, List<InjectedFault> faults) {
        if (faults.isEmpty()) {
            return;
        }
        try {
            Files.write(runDir.resolve(FILE), faults.stream().map(InjectedFault::spec).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(FILE), e);
        }
    }

    /** The faults written into {@code runDir} (none when it has no such file). */
    static List<InjectedFault> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<InjectedFault> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(parse(line.trim()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The fault of {@code member} in {@code window} among {@code faults}, or null. */
    static InjectedFault find(List<InjectedFault> faults, int member, int window) {
        for (InjectedFault f : faults) {
            if (f.member == member && f.window == window) {
                return f;
            }
        }
        return null;
    }
}
