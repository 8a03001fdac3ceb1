package doka.engine.body;

/**
 * Byte offsets of the few mjModel and mjData fields the body reads, for MuJoCo 2.2.2 on a 64-bit
 * platform ({@code offsetof} over mjmodel.h/mjdata.h of libmujoco-dev 2.2.2; TestMjLayout
 * recompiles them from the installed headers and compares). {@link MuJoCo} refuses any other
 * version, and {@link Physics} checks the layout on every model it loads (the sizes in mjData
 * agree with mjModel's, and the state arrays lie in mjData's buffer in the header's order).
 */
final class MjLayout {
    private MjLayout() {
    }

    // mjModel: sizes (int)
    static final long M_NQ = 0;
    static final long M_NV = 4;
    static final long M_NU = 8;
    static final long M_NA = 12;
    static final long M_NBODY = 16;
    static final long M_NJNT = 20;
    // mjModel.opt (mjOption): timestep, gravity[3] (mjtNum)
    static final long M_OPT_TIMESTEP = 232;
    static final long M_OPT_GRAVITY = 280;
    // mjModel arrays (pointers)
    static final long M_JNT_QPOSADR = 1288;
    static final long M_JNT_DOFADR = 1296;
    static final long M_JNT_RANGE = 1368;
    static final long M_ACTUATOR_LENGTHRANGE = 2848;

    // mjData
    static final long D_NBUFFER = 4;
    static final long D_TIME = 40336;
    static final long D_BUFFER = 40360;
    static final long D_QPOS = 40376;
    static final long D_QVEL = 40384;
    static final long D_ACT = 40392;
    static final long D_QACC_WARMSTART = 40400;
    static final long D_CTRL = 40408;
    static final long D_XPOS = 40480;
    static final long D_ACTUATOR_LENGTH = 40696;
    static final long D_ACTUATOR_VELOCITY = 40952;
    static final long D_ACTUATOR_FORCE = 41080;
}
