package doka.engine.body;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code body} section of a cortex model file (docs/body.md): the MJCF file, the exchange
 * interval, the motor map (which cells drive which muscle, and how strongly), the proprioceptive
 * input, and a DC stimulation of the motor cells. Read with {@link #read}; a model file without
 * the section has no body.
 *
 * @param mjcf the MJCF file (relative paths from the model file's folder)
 * @param exchangeMs model time between two exchanges of spike counts and body state
 * @param output false cuts the brain → muscle signal (the muscles stay inactive; everything else runs)
 */
public record BodySpec(Path mjcf, double exchangeMs, boolean output, Motor motor, Proprioception proprioception,
                       Stimulation stimulation) {
    /**
     * The motor map. The E cells of {@code layer} of {@code area} (the output cells: model L5 for
     * the report's L5B) are split, in cell order, into one pool per muscle (the MJCF's actuator
     * order); a pool's rate r (Hz per cell over an exchange interval) gives the muscle the
     * activation {@code gain × clip((r − baselineHz) / (saturationHz − baselineHz), 0, 1)}.
     */
    public record Motor(String area, String layer, double baselineHz, double saturationHz, Map<String, Double> gain) {
    }

    /**
     * The proprioceptive input: the E cells of {@code layer} of {@code area} are split, in cell
     * order, into one pool per channel (each joint's angle, each joint's velocity, each muscle's
     * length); a pool receives {@code amplitudePa × s}, s in [0, 1] the channel's signal (angle
     * and length across their ranges, velocity 0.5 + ω / (2 maxVelocityDegPerS)).
     */
    public record Proprioception(String area, String layer, double amplitudePa, double maxVelocityDegPerS) {
    }

    /** DC current into every motor cell over [startMs, stopMs) (the report's stimulation of MOp's forelimb area). */
    public record Stimulation(double amplitudePa, double startMs, double stopMs) {
    }

    /** The same body with the brain → muscle signal on or off. */
    public BodySpec withOutput(boolean on) {
        return new BodySpec(mjcf, exchangeMs, on, motor, proprioception, stimulation);
    }

    /** Whether the model file has a {@code body} section (false for a file that is not JSON). */
    public static boolean present(Path modelFile) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(modelFile));
            return root != null && root.has("body");
        } catch (IOException e) {
            return false;
        }
    }

    /** The {@code body} section of a model file, or null when it has none. */
    public static BodySpec read(Path modelFile) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(modelFile));
        } catch (IOException e) {
            throw new IOException(modelFile + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode body = root == null ? null : root.get("body");
        if (body == null) {
            return null;
        }
        Raw raw;
        try {
            raw = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).treeToValue(body, Raw.class);
        } catch (JsonMappingException e) {
            StringBuilder where = new StringBuilder("$.body");
            for (JsonMappingException.Reference r : e.getPath()) {
                where.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
            }
            throw new IOException(modelFile + ": at " + where + ": " + e.getOriginalMessage().split("\n")[0]);
        }
        try {
            return raw.completed(modelFile);
        } catch (IllegalArgumentException e) {
            throw new IOException(modelFile + ": " + e.getMessage());
        }
    }

    /** The section as written; null fields take their defaults. */
    record Raw(String mjcf, Double exchangeMs, RawMotor motor, RawProprioception proprioception, Stimulation stimulation) {
        BodySpec completed(Path modelFile) {
            if (mjcf == null) {
                throw new IllegalArgumentException("$.body.mjcf is missing: the MJCF file of the body (e.g. \"forelimb.xml\")");
            }
            Path dir = modelFile.toAbsolutePath().getParent();
            Path file = dir.resolve(mjcf).normalize();
            double ex = exchangeMs == null ? 10 : exchangeMs;
            positive(ex, "$.body.exchangeMs");
            RawMotor m = motor == null ? new RawMotor(null, null, null, null, null) : motor;
            Motor mo = new Motor(m.area == null ? "MOp-R" : m.area, m.layer == null ? "5" : m.layer,
                    m.baselineHz == null ? 5 : m.baselineHz, m.saturationHz == null ? 40 : m.saturationHz,
                    m.gain == null ? Map.of() : new LinkedHashMap<>(m.gain));
            if (!(mo.saturationHz() > mo.baselineHz()) || mo.baselineHz() < 0) {
                throw new IllegalArgumentException("$.body.motor: needs 0 <= baselineHz < saturationHz, got "
                        + mo.baselineHz() + " and " + mo.saturationHz());
            }
            mo.gain().forEach((k, v) -> {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("$.body.motor.gain." + k + " is " + v + ", expected 0..1");
                }
            });
            RawProprioception p = proprioception == null ? new RawProprioception(null, null, null, null) : proprioception;
            Proprioception pr = new Proprioception(p.area == null ? "SSp-ul-R" : p.area, p.layer == null ? "4" : p.layer,
                    p.amplitudePa == null ? 100 : p.amplitudePa, p.maxVelocityDegPerS == null ? 500 : p.maxVelocityDegPerS);
            positive(pr.maxVelocityDegPerS(), "$.body.proprioception.maxVelocityDegPerS");
            if (stimulation != null && !(stimulation.stopMs() >= stimulation.startMs() && stimulation.startMs() >= 0)) {
                throw new IllegalArgumentException("$.body.stimulation: needs 0 <= startMs <= stopMs");
            }
            return new BodySpec(file, ex, true, mo, pr, stimulation);
        }

        private static void positive(double v, String field) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(field + " is " + v + ", expected a positive number");
            }
        }
    }

    record RawMotor(String area, String layer, Double baselineHz, Double saturationHz, Map<String, Double> gain) {
    }

    record RawProprioception(String area, String layer, Double amplitudePa, Double maxVelocityDegPerS) {
    }
}
