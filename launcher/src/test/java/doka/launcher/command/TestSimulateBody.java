package doka.launcher.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import doka.engine.body.MuJoCo;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate ensembles/models/body-forelimb.json}: MOp drives the MuJoCo forelimb over the
 * MPJ layout (brain ranks + one body rank), the limb's senses drive SSp-ul. Issue 17's criteria:
 * under DC to MOp's forelimb area a joint sweeps ≥ 10°, at most a fifth of that without the brain
 * → muscle output; the same seed gives the same body for any rank or thread count.
 */
class TestSimulateBody {
    private static final Path MODEL = Path.of("..", "ensembles", "models", "body-forelimb.json").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void mujoco() {
        String why = MuJoCo.missing();
        Assumptions.assumeTrue(why == null, () -> "MuJoCo is not available, test skipped: " + why);
    }

    private static JsonNode simulate(String... extra) throws Exception {
        String[] base = {"simulate", MODEL.toString(), "--json"};
        String[] args = concat(base, extra);
        if (!Arrays.asList(extra).contains("--threads")) {
            args = concat(args, "--threads", "1");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, TestSimulateCommand.run(out, err, args), err.toString());
        return JSON.readTree(out.toString().strip());
    }

    private static double largest(JsonNode excursions) {
        double max = 0;
        for (JsonNode e : excursions) {
            max = Math.max(max, e.asDouble());
        }
        return max;
    }

    @Test
    void theLimbMovesUnderStimulationOfMOpAndNotWithoutTheBrainsOutput(@TempDir Path dir) throws Exception {
        JsonNode on = simulate("--t-sim-ms", "700", "--out", dir.resolve("on").toString());
        JsonNode off = simulate("--t-sim-ms", "700", "--body-output", "off");
        JsonNode body = on.get("body");
        assertEquals("2.2.2", body.get("mujoco").get("version").asText());
        assertTrue(body.get("mujoco").get("origin").asText().contains("libmujoco"), body.toString());
        assertEquals(List.of("shoulder", "elbow", "wrist"), names(body.get("joint_excursion_deg")));
        assertEquals(6, body.get("muscle_activation_mean").size());
        double moved = largest(body.get("joint_excursion_deg"));
        double still = largest(off.get("body").get("joint_excursion_deg"));
        assertTrue(moved >= 10, "with the brain's output some joint sweeps >= 10 deg: " + body);
        assertTrue(still <= moved / 5, "without it at most a fifth of that: " + still + " vs " + moved);
        assertTrue(body.get("muscle_activation_mean").get("elbow_flexor").asDouble() > 0.05, body.toString());
        assertEquals(0.0, off.get("body").get("muscle_activation_mean").get("elbow_flexor").asDouble());
        // the brain side is unchanged by the cut up to the feedback: SSp-ul still receives the senses
        assertTrue(off.get("areas").get("SSp-ul-R").get("rate_hz").asDouble() > 0);
        assertTrue(on.get("timing").get("exchanges").asLong() > 0);

        Path out = dir.resolve("on");
        List<String> angles = Files.readAllLines(out.resolve("joint_angles.csv"));
        assertEquals("time_ms,shoulder,elbow,wrist", angles.get(0));
        assertEquals(body.get("physics_steps").asInt() + 1, angles.size());
        assertEquals("time_ms,shoulder_flexor,shoulder_extensor,elbow_flexor,elbow_extensor,wrist_flexor,wrist_extensor",
                Files.readAllLines(out.resolve("muscle_activations.csv")).get(0));
        for (String f : new String[] {"joint_angles.png", "muscle_activations.png", "limb.gif", "frames/frame_000.png",
            "summary.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        // the GIF holds the frames, one per 20 ms of the 700 ms measured, both ends
        try (var in = javax.imageio.ImageIO.createImageInputStream(out.resolve("limb.gif").toFile());
             var frames = Files.list(out.resolve("frames"))) {
            var reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(36, reader.getNumImages(true));
            assertEquals(36, frames.count());
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The stimulation (500–800 ms) falls in the measured part; the same body bit for bit for 1 or 2 brain ranks, 1 or 2 threads. */
    @Test
    void theSameSeedGivesTheSameBodyForAnyRankOrThreadCount() throws Exception {
        String[] times = {"--t-warmup-ms", "450", "--t-sim-ms", "150", "--density-scale", "0.02"};
        JsonNode first = simulate(times);
        assertTrue(largest(first.get("body").get("joint_excursion_deg")) > 1, first.toString());
        assertEquals(first.get("body"), simulate(times).get("body"), "the same run twice");
        JsonNode twoRanks = simulate(concat(times, "--ranks", "2"));
        assertEquals(2, twoRanks.get("brain_ranks").asInt());
        assertEquals(first.get("body"), twoRanks.get("body"), "2 brain ranks");
        assertEquals(first.get("areas"), twoRanks.get("areas"), "2 brain ranks");
        JsonNode twoThreads = simulate(concat(times, "--threads", "2"));
        assertEquals(first.get("body"), twoThreads.get("body"), "2 threads");
        assertNotEquals(first.get("body"), simulate(concat(times, "--seed", "2")).get("body"), "another seed");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aBadMjcfFileGetsMuJoCosMessageNamingTheFile(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("broken.xml");
        Files.writeString(xml, "<mujoco><worldbody><body><geom type=\"capsule\"/></body></worldbody><actuator><muscle/></actuator></mujoco>");
        Path model = dir.resolve("model.json");
        Files.writeString(model, Files.readString(MODEL).replace("\"forelimb.xml\"", "\"broken.xml\""));
        StringWriter err = new StringWriter();
        assertEquals(2, TestSimulateCommand.run(new StringWriter(), err, "simulate", model.toString()));
        assertTrue(err.toString().contains(xml.toString()), err.toString());
        assertTrue(err.toString().contains("MuJoCo refused the model"), err.toString());

        err = new StringWriter();
        assertEquals(2, TestSimulateCommand.run(new StringWriter(), err, "simulate", "pd14", "--body-output", "off"));
        assertTrue(err.toString().contains("--body-output applies to model files with a body section"), err.toString());

        Files.writeString(model, Files.readString(MODEL).replace("\"exchangeMs\": 10", "\"exchangeMs\": -1"));
        err = new StringWriter();
        assertEquals(2, TestSimulateCommand.run(new StringWriter(), err, "simulate", model.toString()));
        assertTrue(err.toString().contains(model + ": $.body.exchangeMs is -1.0, expected a positive number"), err.toString());
    }

    @Test
    void aMissingMuJoCoLibraryIsAClearError(@TempDir Path dir) {
        String before = System.getProperty(MuJoCo.LIBRARY_PROPERTY);
        System.setProperty(MuJoCo.LIBRARY_PROPERTY, dir.resolve("libmujoco.so.2.2.2").toString());
        try {
            StringWriter err = new StringWriter();
            assertEquals(2, TestSimulateCommand.run(new StringWriter(), err, "simulate", MODEL.toString()));
            assertTrue(err.toString().startsWith("MuJoCo is missing: cannot load the file " + dir.resolve("libmujoco.so.2.2.2")),
                    err.toString());
            assertTrue(err.toString().contains("apt-get install libmujoco2.2.2"), err.toString());
        } finally {
            if (before == null) {
                System.clearProperty(MuJoCo.LIBRARY_PROPERTY);
            } else {
                System.setProperty(MuJoCo.LIBRARY_PROPERTY, before);
            }
        }
    }
}
