package doka.observation;

import java.util.Set;

/**
 * What a reader checks its input against.
 *
 * @param knownAreas the model's area acronyms; an observation of any other area is an error. Null
 *                   accepts every area (for inspecting a file without a model).
 * @param runStartS  start of the run in seconds; earlier samples are an error
 * @param runStopS   end of the run in seconds; later samples are an error
 */
public record ReadOptions(Set<String> knownAreas, double runStartS, double runStopS) {
    public ReadOptions {
        knownAreas = knownAreas == null ? null : Set.copyOf(knownAreas);
        if (Double.isNaN(runStartS) || Double.isNaN(runStopS) || runStopS < runStartS) {
            throw new IllegalArgumentException("run span [" + runStartS + ", " + runStopS + "] s is not an interval");
        }
    }

    /** Any area, any time. */
    public static ReadOptions unchecked() {
        return new ReadOptions(null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public ReadOptions withRun(double startS, double stopS) {
        return new ReadOptions(knownAreas, startS, stopS);
    }

    public boolean knowsArea(String area) {
        return knownAreas == null || knownAreas.contains(area);
    }

    public boolean inRun(double timeS) {
        return timeS >= runStartS && timeS <= runStopS;
    }

    /** "the run [a, b] s", for messages. */
    public String describeRun() {
        return "the run [" + runStartS + ", " + runStopS + "] s";
    }
}
