package doka.engine.body;

import com.sun.jna.Pointer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One MuJoCo model and its data: load an MJCF file, step, and read the state (joint angles and
 * velocities, actuator lengths and forces, body positions) and write the controls. The dynamic
 * state ({@code time, qpos, qvel, act, qacc_warmstart, ctrl}: what {@code mj_step} reads) can be
 * saved and restored; a restored run continues bit for bit.
 */
public final class Physics implements AutoCloseable {
    private final MuJoCo mj;
    private final Path file;
    private Pointer model;
    private Pointer data;
    private final int nq;
    private final int nv;
    private final int nu;
    private final int na;
    private final int nbody;
    private final int njnt;
    private final String[] jointNames;
    private final String[] actuatorNames;
    private final String[] bodyNames;
    private final int[] jointQpos;
    private final int[] jointDof;
    private final Pointer qpos;
    private final Pointer qvel;
    private final Pointer act;
    private final Pointer qaccWarmstart;
    private final Pointer ctrl;
    private final Pointer xpos;
    private final Pointer actuatorLength;
    private final Pointer actuatorVelocity;
    private final Pointer actuatorForce;

    private Physics(MuJoCo mj, Path file, Pointer model) {
        this.mj = mj;
        this.file = file;
        this.model = model;
        this.data = mj.lib.mj_makeData(model);
        if (data == null) {
            mj.lib.mj_deleteModel(model);
            throw new MuJoCoException(file + ": MuJoCo could not allocate the model's data (mj_makeData)");
        }
        nq = model.getInt(MjLayout.M_NQ);
        nv = model.getInt(MjLayout.M_NV);
        nu = model.getInt(MjLayout.M_NU);
        na = model.getInt(MjLayout.M_NA);
        nbody = model.getInt(MjLayout.M_NBODY);
        njnt = model.getInt(MjLayout.M_NJNT);
        qpos = data.getPointer(MjLayout.D_QPOS);
        qvel = data.getPointer(MjLayout.D_QVEL);
        act = data.getPointer(MjLayout.D_ACT);
        qaccWarmstart = data.getPointer(MjLayout.D_QACC_WARMSTART);
        ctrl = data.getPointer(MjLayout.D_CTRL);
        xpos = data.getPointer(MjLayout.D_XPOS);
        actuatorLength = data.getPointer(MjLayout.D_ACTUATOR_LENGTH);
        actuatorVelocity = data.getPointer(MjLayout.D_ACTUATOR_VELOCITY);
        actuatorForce = data.getPointer(MjLayout.D_ACTUATOR_FORCE);
        checkLayout();
        jointNames = names(MuJoCo.OBJ_JOINT, njnt);
        actuatorNames = names(MuJoCo.OBJ_ACTUATOR, nu);
        bodyNames = names(MuJoCo.OBJ_BODY, nbody);
        jointQpos = model.getPointer(MjLayout.M_JNT_QPOSADR).getIntArray(0, njnt);
        jointDof = model.getPointer(MjLayout.M_JNT_DOFADR).getIntArray(0, njnt);
        forward();
    }

    /** Loads an MJCF file; MuJoCo's own message, naming the file, when it refuses it. */
    public static Physics load(Path xml) {
        MuJoCo mj = MuJoCo.get();
        if (!Files.isRegularFile(xml)) {
            throw new MuJoCoException(xml + ": no such MJCF file");
        }
        byte[] error = new byte[1000];
        Pointer m = mj.lib.mj_loadXML(xml.toAbsolutePath().toString(), null, error, error.length);
        if (m == null) {
            int n = 0;
            while (n < error.length && error[n] != 0) {
                n++;
            }
            throw new MuJoCoException(xml + ": MuJoCo refused the model: " + new String(error, 0, n, StandardCharsets.UTF_8).trim());
        }
        return new Physics(mj, xml, m);
    }

    /** The joint names of an MJCF file (loads it once). */
    public static java.util.List<String> jointNames(Path xml) {
        try (Physics p = load(xml)) {
            return java.util.Arrays.asList(p.jointNames.clone());
        }
    }

    /**
     * The offsets of {@link MjLayout} must describe this library: the state arrays start mjData's
     * buffer (of mjData's size), in the header's order.
     */
    private void checkLayout() {
        long size = data.getInt(MjLayout.D_NBUFFER);
        long start = Pointer.nativeValue(data.getPointer(MjLayout.D_BUFFER));
        long[] order = {Pointer.nativeValue(qpos), Pointer.nativeValue(qvel), Pointer.nativeValue(act),
            Pointer.nativeValue(qaccWarmstart), Pointer.nativeValue(ctrl)};
        boolean ok = order[0] == start && nq >= 0 && nq <= size / 8;
        for (int i = 1; i < order.length; i++) {
            ok &= order[i] >= order[i - 1];
        }
        ok &= order[order.length - 1] + 8L * nu <= start + size;
        if (!ok) {
            throw new MuJoCoException("the MuJoCo library at " + mj.origin() + " does not have the mjModel/mjData layout of "
                    + MuJoCo.versionString(MuJoCo.SUPPORTED_VERSION) + " that Doka reads");
        }
    }

    private String[] names(int type, int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            String s = mj.lib.mj_id2name(model, type, i);
            out[i] = s == null ? "" : s;
        }
        return out;
    }

    /** One {@code mj_step} of {@link #timestepS}. */
    public void step() {
        mj.lib.mj_step(model, data);
    }

    /**
     * Recomputes the derived quantities (positions, actuator lengths and velocities) from the
     * state, without touching the dynamics: {@code mj_forward} also sets the constraint solver's
     * warm start, which the next step starts from, so it is put back. (After {@code mj_step} the
     * derived quantities are those of the state before the step.)
     */
    public void forward() {
        double[] warm = qaccWarmstart.getDoubleArray(0, nv);
        mj.lib.mj_forward(model, data);
        qaccWarmstart.write(0, warm, 0, nv);
    }

    public Path file() {
        return file;
    }

    public MuJoCo library() {
        return mj;
    }

    public double timestepS() {
        return model.getDouble(MjLayout.M_OPT_TIMESTEP);
    }

    /** Gravity (m/s²), x, y, z. */
    public double[] gravity() {
        return model.getDoubleArray(MjLayout.M_OPT_GRAVITY, 3);
    }

    /** Simulation time, s. */
    public double timeS() {
        return data.getDouble(MjLayout.D_TIME);
    }

    public int joints() {
        return njnt;
    }

    public int actuators() {
        return nu;
    }

    public int bodies() {
        return nbody;
    }

    public String jointName(int j) {
        return jointNames[j];
    }

    public String actuatorName(int a) {
        return actuatorNames[a];
    }

    public String bodyName(int b) {
        return bodyNames[b];
    }

    /** Joint j's position (rad for a hinge). */
    public double jointPosition(int j) {
        return qpos.getDouble(8L * jointQpos[j]);
    }

    /** Joint j's velocity (rad/s for a hinge). */
    public double jointVelocity(int j) {
        return qvel.getDouble(8L * jointDof[j]);
    }

    public void setJointPosition(int j, double value) {
        qpos.setDouble(8L * jointQpos[j], value);
    }

    /** Joint j's range [lo, hi] (rad for a hinge). */
    public double[] jointRange(int j) {
        return model.getPointer(MjLayout.M_JNT_RANGE).getDoubleArray(16L * j, 2);
    }

    /** Actuator a's length range [lo, hi] (m for a muscle: computed by MuJoCo at compile time). */
    public double[] lengthRange(int a) {
        return model.getPointer(MjLayout.M_ACTUATOR_LENGTHRANGE).getDoubleArray(16L * a, 2);
    }

    public void setControl(int a, double value) {
        ctrl.setDouble(8L * a, value);
    }

    public double control(int a) {
        return ctrl.getDouble(8L * a);
    }

    /** Actuator a's length (m; a muscle's tendon-path length). */
    public double actuatorLength(int a) {
        return actuatorLength.getDouble(8L * a);
    }

    public double actuatorVelocity(int a) {
        return actuatorVelocity.getDouble(8L * a);
    }

    /** Actuator a's force (N; negative for a pulling muscle). */
    public double actuatorForce(int a) {
        return actuatorForce.getDouble(8L * a);
    }

    /** Actuator a's activation state (a muscle's; 0 for an actuator without one). */
    public double activation(int a) {
        return a < na ? act.getDouble(8L * a) : 0;
    }

    /** Body b's frame origin (m), {@code axis} 0..2. */
    public double bodyPosition(int b, int axis) {
        return xpos.getDouble(8L * (3L * b + axis));
    }

    /** Writes the state {@code mj_step} continues from. */
    public void writeState(DataOutputStream out) throws IOException {
        out.writeDouble(timeS());
        write(out, qpos, nq);
        write(out, qvel, nv);
        write(out, act, na);
        write(out, qaccWarmstart, nv);
        write(out, ctrl, nu);
    }

    /** Reads what {@link #writeState} wrote (the same model), then recomputes the derived quantities. */
    public void readState(DataInputStream in) throws IOException {
        data.setDouble(MjLayout.D_TIME, in.readDouble());
        read(in, qpos, nq);
        read(in, qvel, nv);
        read(in, act, na);
        read(in, qaccWarmstart, nv);
        read(in, ctrl, nu);
        forward();
    }

    private static void write(DataOutputStream out, Pointer p, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            out.writeDouble(p.getDouble(8L * i));
        }
    }

    private static void read(DataInputStream in, Pointer p, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            p.setDouble(8L * i, in.readDouble());
        }
    }

    /** Writes MuJoCo's own text dump of the data ({@code mj_printData}): a layout-free view for tests. */
    public void printData(Path file) {
        mj.lib.mj_printData(model, data, file.toAbsolutePath().toString());
    }

    @Override
    public void close() {
        if (data != null) {
            mj.lib.mj_deleteData(data);
            mj.lib.mj_deleteModel(model);
            data = null;
            model = null;
        }
    }
}
