package doka.engine.body;

import doka.engine.kernel.RankComm;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body rank's end of the coupling: the MuJoCo body, the motor map and the proprioceptive
 * signals. Every exchange interval it takes part in the member's exchange (its signals to every
 * brain rank, their spike counts back), turns the summed counts into muscle activations, and
 * steps the physics through the interval. The brain ranks meet it from {@link BodyLink}.
 */
public final class Limb implements AutoCloseable {
    /** Called after every physics step (traces, window averages). */
    @FunctionalInterface
    public interface StepListener {
        void afterStep(Physics physics);
    }

    private final Physics physics;
    private final BodySpec spec;
    private final RankComm comm;
    private final int stepsPerExchange;
    /** The brain ranks: every rank but this, the last. */
    private final int[] brain;
    private final double[] gain;
    private final double[][] jointRange;
    private final double[][] lengthRange;
    private long[] poolSizes;
    private final long[] counts;
    private final List<StepListener> listeners = new ArrayList<>();
    private long stepNanos;

    /** Loads the body of {@code spec}; {@code comm}'s last rank is this one (null: the member's only rank, see {@link #intervalLocal}). */
    public Limb(BodySpec spec, RankComm comm) {
        this.spec = spec;
        this.comm = comm;
        this.brain = new int[comm == null ? 0 : comm.size() - 1];
        java.util.Arrays.setAll(brain, q -> q);
        this.physics = Physics.load(spec.mjcf());
        try {
            double steps = spec.exchangeMs() * 1e-3 / physics.timestepS();
            if (Math.abs(steps - Math.rint(steps)) > 1e-9 || steps < 1) {
                throw new IllegalArgumentException("body.exchangeMs " + spec.exchangeMs() + " is not a multiple of the MJCF's"
                        + " timestep " + physics.timestepS() * 1e3 + " ms (" + spec.mjcf() + ")");
            }
            stepsPerExchange = (int) Math.rint(steps);
            gain = new double[physics.actuators()];
            List<String> names = muscles();
            for (int a = 0; a < gain.length; a++) {
                gain[a] = spec.motor().gain().getOrDefault(physics.actuatorName(a), 1.0);
            }
            for (String k : spec.motor().gain().keySet()) {
                if (!names.contains(k)) {
                    throw new IllegalArgumentException("body.motor.gain names the muscle '" + k + "', which " + spec.mjcf()
                            + " does not have; its actuators are " + names);
                }
            }
            jointRange = new double[physics.joints()][];
            for (int j = 0; j < jointRange.length; j++) {
                jointRange[j] = physics.jointRange(j);
            }
            lengthRange = new double[physics.actuators()][];
            for (int a = 0; a < lengthRange.length; a++) {
                lengthRange[a] = physics.lengthRange(a);
            }
            counts = new long[physics.actuators()];
        } catch (RuntimeException e) {
            physics.close();
            throw e;
        }
    }

    /** The motor pools' sizes (from the brain's first rank), for the rates. */
    void setPoolSizes(long[] sizes) {
        this.poolSizes = sizes.clone();
    }

    public void addListener(StepListener l) {
        listeners.add(l);
    }

    public void removeListener(StepListener l) {
        listeners.remove(l);
    }

    /** The proprioceptive channels: each joint's angle, each joint's velocity, each muscle's length. */
    int channels() {
        return 2 * physics.joints() + physics.actuators();
    }

    /** The channel signals now, each in [0, 1]. */
    double[] signals() {
        int nj = physics.joints();
        double[] s = new double[channels()];
        double maxVel = Math.toRadians(spec.proprioception().maxVelocityDegPerS());
        for (int j = 0; j < nj; j++) {
            s[j] = unit((physics.jointPosition(j) - jointRange[j][0]) / (jointRange[j][1] - jointRange[j][0]));
            s[nj + j] = unit(0.5 + physics.jointVelocity(j) / (2 * maxVel));
        }
        for (int a = 0; a < physics.actuators(); a++) {
            s[2 * nj + a] = unit((physics.actuatorLength(a) - lengthRange[a][0]) / (lengthRange[a][1] - lengthRange[a][0]));
        }
        return s;
    }

    private static double unit(double x) {
        return Math.max(0, Math.min(1, x));
    }

    /** Runs {@code intervals} exchange intervals. */
    public void run(long intervals) {
        for (long k = 0; k < intervals; k++) {
            interval();
        }
    }

    /**
     * A member on one rank: the body's side of one exchange without communication (the signals
     * now, then the interval driven by {@code counts}), the same arithmetic as over ranks.
     */
    double[] intervalLocal(long[] motorCounts) {
        double[] s = signals();
        System.arraycopy(motorCounts, 0, counts, 0, counts.length);
        drive();
        return s;
    }

    /** One exchange (signals out, summed counts in), the activations, the physics through the interval. */
    private void interval() {
        double[] s = signals();
        long[] bits = new long[s.length];
        for (int ch = 0; ch < s.length; ch++) {
            bits[ch] = Double.doubleToLongBits(s[ch]);
        }
        long[][] send = new long[comm.size()][];
        for (int q = 0; q < send.length; q++) {
            send[q] = q == comm.rank() ? new long[0] : bits;
        }
        long[][] got = comm.exchange(send, brain, brain);
        java.util.Arrays.fill(counts, 0);
        for (int q = 0; q < got.length; q++) {
            if (q == comm.rank()) {
                continue;
            }
            if (got[q].length != counts.length) {
                throw new IllegalStateException("brain rank " + q + " sent " + got[q].length + " motor counts, expected "
                        + counts.length);
            }
            for (int p = 0; p < counts.length; p++) {
                counts[p] += got[q][p];
            }
        }
        drive();
    }

    /** The activations from the counts, the physics through the interval. */
    private void drive() {
        for (int a = 0; a < counts.length; a++) {
            physics.setControl(a, spec.output() ? activation(a, counts[a]) : 0);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < stepsPerExchange; i++) {
            physics.step();
            for (StepListener l : listeners) {
                l.afterStep(physics);
            }
        }
        // the senses of the next exchange from the state now, as after a restore
        physics.forward();
        stepNanos += System.nanoTime() - t0;
    }

    /** The motor map: muscle a's activation from its pool's count over one interval. */
    double activation(int a, long count) {
        BodySpec.Motor m = spec.motor();
        double rateHz = count / (poolSizes[a] * spec.exchangeMs() * 1e-3);
        return gain[a] * unit((rateHz - m.baselineHz()) / (m.saturationHz() - m.baselineHz()));
    }

    public List<String> muscles() {
        List<String> out = new ArrayList<>();
        for (int a = 0; a < physics.actuators(); a++) {
            out.add(physics.actuatorName(a));
        }
        return out;
    }

    public List<String> joints() {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < physics.joints(); j++) {
            out.add(physics.jointName(j));
        }
        return out;
    }

    public Physics physics() {
        return physics;
    }

    public BodySpec spec() {
        return spec;
    }

    /** Wall time of the physics steps, s. */
    public double stepSeconds() {
        return stepNanos * 1e-9;
    }

    void writeState(DataOutputStream out) throws IOException {
        physics.writeState(out);
    }

    void readState(DataInputStream in) throws IOException {
        physics.readState(in);
    }

    @Override
    public void close() {
        physics.close();
    }
}
