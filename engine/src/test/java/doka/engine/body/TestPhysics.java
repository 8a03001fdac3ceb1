package doka.engine.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPhysics {
    @TempDir
    Path dir;

    @BeforeEach
    void mujoco() {
        MuJoCoAvailable.assume();
    }

    /** A bob of mass m (sphere of radius r) at L below a hinge, without damping. */
    private static String pendulum(double lengthM, double radiusM, double massKg, double timestepS) {
        return """
                <mujoco>
                  <option timestep="%s" gravity="0 0 -9.81" integrator="Euler"/>
                  <worldbody>
                    <body name="bob" pos="0 0 0">
                      <joint name="hinge" type="hinge" axis="0 1 0" damping="0"/>
                      <geom type="sphere" pos="0 0 -%s" size="%s" mass="%s" contype="0" conaffinity="0"/>
                    </body>
                  </worldbody>
                </mujoco>
                """.formatted(timestepS, lengthM, radiusM, massKg);
    }

    /**
     * Small-angle period of a physical pendulum, T = 2π √(I / (m g L)) with I = m L² + 2/5 m r²
     * about the hinge; and its energy m g L (1 − cos θ) + I ω²/2 is kept.
     */
    @Test
    void pendulumSwingsWithTheClosedFormPeriod() throws IOException {
        double l = 0.05, r = 0.005, m = 0.01, g = 9.81, dt = 1e-4;
        try (Physics p = Physics.load(MuJoCoAvailable.mjcf(dir, pendulum(l, r, m, dt)))) {
            double inertia = m * l * l + 0.4 * m * r * r;
            double period = 2 * Math.PI * Math.sqrt(inertia / (m * g * l));
            double theta0 = Math.toRadians(2);
            p.setJointPosition(0, theta0);
            p.forward();
            double energy0 = m * g * l * (1 - Math.cos(theta0));
            // upward zero crossings of θ, interpolated, over about 5 periods
            double previous = p.jointPosition(0);
            double first = Double.NaN, last = Double.NaN;
            int crossings = 0;
            double maxEnergyError = 0;
            int steps = (int) (5.2 * period / dt);
            for (int s = 0; s < steps; s++) {
                p.step();
                double th = p.jointPosition(0);
                if (previous < 0 && th >= 0) {
                    double t = p.timeS() - dt * th / (th - previous);
                    if (crossings == 0) {
                        first = t;
                    }
                    last = t;
                    crossings++;
                }
                previous = th;
                double w = p.jointVelocity(0);
                double e = m * g * l * (1 - Math.cos(th)) + 0.5 * inertia * w * w;
                maxEnergyError = Math.max(maxEnergyError, Math.abs(e - energy0) / energy0);
            }
            double measured = (last - first) / (crossings - 1);
            assertTrue(crossings >= 5, "crossings " + crossings);
            assertEquals(period, measured, 0.002 * period, "small-angle period");
            assertTrue(maxEnergyError < 0.01, "energy drift " + maxEnergyError);
            assertEquals(-9.81, p.gravity()[2], 0);
        }
    }

    /** The state read back through the struct offsets is the one MuJoCo prints itself (mj_printData). */
    @Test
    void offsetsReadWhatMuJoCoPrints() throws IOException {
        try (Physics p = Physics.load(MuJoCoAvailable.forelimb())) {
            p.setJointPosition(1, 0.4);
            p.setControl(0, 0.7);
            for (int s = 0; s < 50; s++) {
                p.step();
            }
            Path dump = dir.resolve("data.txt");
            p.printData(dump);
            List<String> lines = Files.readAllLines(dump);
            double[] qpos = section(lines, "QPOS", p.joints());
            double[] ctrl = section(lines, "CTRL", p.actuators());
            double[] length = section(lines, "ACTUATOR_LENGTH", p.actuators());
            for (int j = 0; j < p.joints(); j++) {
                assertEquals(qpos[j], p.jointPosition(j), printed(qpos[j]), "qpos " + j);
            }
            for (int a = 0; a < p.actuators(); a++) {
                assertEquals(ctrl[a], p.control(a), printed(ctrl[a]), "ctrl " + a);
                assertEquals(length[a], p.actuatorLength(a), printed(length[a]), "actuator_length " + a);
            }
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("TIME")), "mj_printData prints the time");
        }
    }

    /** Half a unit of the last of the two significant digits mj_printData prints ("%.2g"). */
    private static double printed(double value) {
        return value == 0 ? 1e-300 : 0.51 * Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - 1);
    }

    /** The values printed after a section's title ("QPOS" then rows of numbers). */
    private static double[] section(List<String> lines, String title, int n) {
        int i = 0;
        while (!lines.get(i).trim().equals(title)) {
            i++;
        }
        double[] out = new double[n];
        int k = 0;
        for (i++; k < n; i++) {
            for (String tok : lines.get(i).trim().split("\\s+")) {
                if (!tok.isEmpty() && k < n) {
                    out[k++] = Double.parseDouble(tok);
                }
            }
        }
        return out;
    }

    @Test
    void forelimbHasItsJointsMusclesAndGravity() {
        try (Physics p = Physics.load(MuJoCoAvailable.forelimb())) {
            assertEquals(List.of("shoulder", "elbow", "wrist"),
                    Arrays.asList(p.jointName(0), p.jointName(1), p.jointName(2)));
            assertEquals(6, p.actuators());
            assertEquals("shoulder_flexor", p.actuatorName(0));
            assertEquals("wrist_extensor", p.actuatorName(5));
            assertEquals(-9.81, p.gravity()[2], 0);
            // hanging straight down: the paw 25 mm below the shoulder
            assertEquals(-0.025, p.bodyPosition(4, 2), 1e-12);
            assertArrayEquals(new double[] {Math.toRadians(-10), Math.toRadians(130)}, p.jointRange(1), 1e-12);
        }
    }

    /**
     * Save mid-run, with the elbow pressed against its limit (the constraint solver, and its warm
     * start, at work), restore into a fresh model: the rest of the run is the same bit for bit.
     */
    @Test
    void restoredStateContinuesBitForBit() throws IOException {
        double[] straight;
        byte[] saved;
        try (Physics p = Physics.load(MuJoCoAvailable.forelimb())) {
            p.setControl(2, 1);
            for (int s = 0; s < 800; s++) {
                p.step();
            }
            assertTrue(Math.toDegrees(p.jointPosition(1)) > 129, "the elbow flexor holds the elbow at its limit");
            p.forward();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            p.writeState(new DataOutputStream(bytes));
            saved = bytes.toByteArray();
            straight = drive(p, 0, 300);
        }
        try (Physics q = Physics.load(MuJoCoAvailable.forelimb())) {
            q.readState(new DataInputStream(new ByteArrayInputStream(saved)));
            assertArrayEquals(straight, drive(q, 0, 300));
        }
    }

    /** Steps [from, to) with a control pattern that depends on the step; returns the joint angles and time. */
    private static double[] drive(Physics p, int from, int to) {
        for (int s = from; s < to; s++) {
            for (int a = 0; a < p.actuators(); a++) {
                p.setControl(a, ((s / 40 + a) % 3) / 2.0);
            }
            p.step();
        }
        return new double[] {p.jointPosition(0), p.jointPosition(1), p.jointPosition(2), p.jointVelocity(1),
            p.activation(3), p.timeS(), p.actuatorLength(2), p.bodyPosition(4, 0)};
    }

    @Test
    void aBadModelFileGetsMuJoCosMessageNamingTheFile() throws IOException {
        Path bad = MuJoCoAvailable.mjcf(dir, "<mujoco><worldbody><body><joint type=\"hinge\" axis=\"0 1\"/></body></worldbody></mujoco>");
        MuJoCoException e = assertThrows(MuJoCoException.class, () -> Physics.load(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("MuJoCo refused the model"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("axis"), e.getMessage());
        MuJoCoException missing = assertThrows(MuJoCoException.class, () -> Physics.load(dir.resolve("none.xml")));
        assertTrue(missing.getMessage().contains("none.xml"), missing.getMessage());
    }

    @Test
    void aMissingLibraryIsAClearError() {
        MuJoCoException e = assertThrows(MuJoCoException.class, () -> MuJoCo.load(dir.resolve("libmujoco.so").toString()));
        assertTrue(e.getMessage().startsWith("MuJoCo is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("libmujoco2.2.2"), e.getMessage());
    }

    @Test
    void versionAndOriginAreReported() {
        MuJoCo mj = MuJoCo.get();
        assertEquals("2.2.2", mj.version());
        assertTrue(mj.origin().contains("libmujoco"), mj.origin());
    }
}
