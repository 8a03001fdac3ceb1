package doka.engine.input;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import doka.engine.kernel.InputDevice;
import doka.engine.kernel.Rng;

/**
 * A current shared by each group of neurons that follows an Ornstein–Uhlenbeck process: mean 0,
 * standard deviation σ_g (pA), correlation time τ_g (ms). It is held constant over update intervals
 * of Δ = {@code updateSteps} steps and advanced exactly, in unit variance,
 * <pre>
 *   z_{k+1} = a z_k + √(1 − a²) ξ_k,   a = e^{−Δ/τ_g},   current_g = σ_g z_k,
 * </pre>
 * so the autocorrelation at lag mΔ is σ² e^{−mΔ/τ} for any Δ, and z_0 ~ N(0, 1) starts stationary.
 * Because σ multiplies a unit process, changing it acts at once; changing τ changes the correlation from
 * then on. ξ_k is a standard normal from a counter-based stream keyed by (group, k) (Box–Muller in
 * {@link StrictMath}), so the current does not depend on ranks, threads, slices or snapshots, and is
 * the same on every platform. The process advances at every update, also while σ is 0, so that a
 * resumed run and an uninterrupted one see the same τ at the same updates.
 */
public final class OrnsteinUhlenbeckCurrent implements InputDevice {
    private final int[][] targets;
    private final long[] keys;
    private final long updateSteps;
    private final double updateMs;
    private final double[] tauMs;
    private final double[] sdPa;
    private final double[] z;
    private long lastUpdate = -1;
    private long stepOffset;

    /**
     * @param targets     the neurons (global indices) of each group
     * @param keys        one random-stream key per group ({@link Rng#key})
     * @param updateSteps Δ in steps, ≥ 1
     * @param dtMs        the time step, ms
     */
    public OrnsteinUhlenbeckCurrent(int[][] targets, long[] keys, long updateSteps, double dtMs) {
        if (targets.length != keys.length || updateSteps < 1 || !(dtMs > 0)) {
            throw new IllegalArgumentException("OU current needs one key per group, updateSteps >= 1 and dt > 0; got "
                    + targets.length + " groups, " + keys.length + " keys, " + updateSteps + " steps, dt " + dtMs);
        }
        this.targets = targets;
        this.keys = keys.clone();
        this.updateSteps = updateSteps;
        this.updateMs = updateSteps * dtMs;
        this.tauMs = new double[targets.length];
        this.sdPa = new double[targets.length];
        this.z = new double[targets.length];
        Arrays.fill(tauMs, 1.0);
    }

    /**
     * Sets group g's σ (pA, ≥ 0) and τ (ms, > 0); returns whether anything changed (then re-add the device
     * so the network sees it).
     */
    public boolean set(int g, double sdPa, double tauMs) {
        if (!(sdPa >= 0 && Double.isFinite(sdPa) && tauMs > 0 && Double.isFinite(tauMs))) {
            throw new IllegalArgumentException("OU current group " + g + " needs sd >= 0 and tau > 0, got sd " + sdPa
                    + " pA, tau " + tauMs + " ms");
        }
        boolean changed = this.sdPa[g] != sdPa || this.tauMs[g] != tauMs;
        this.sdPa[g] = sdPa;
        this.tauMs[g] = tauMs;
        return changed;
    }

    /** Steps of the network count from this model step (a rebuilt network starts again at 0). */
    public void setStepOffset(long offset) {
        this.stepOffset = offset;
    }

    /** The current of group g now, pA (for tests and plots). */
    public double currentPa(int g) {
        return sdPa[g] * z[g];
    }

    @Override
    public long nextChangeAfter(long step) {
        long abs = stepOffset + step;
        return (abs / updateSteps + 1) * updateSteps - stepOffset;
    }

    @Override
    public void addCurrent(long step, double[] stimulusPa) {
        advanceTo((stepOffset + step) / updateSteps);
        for (int g = 0; g < targets.length; g++) {
            double v = sdPa[g] * z[g];
            if (v != 0) {
                for (int n : targets[g]) {
                    stimulusPa[n] += v;
                }
            }
        }
    }

    private void advanceTo(long k) {
        for (; lastUpdate < k; lastUpdate++) {
            long next = lastUpdate + 1;
            for (int g = 0; g < z.length; g++) {
                double xi = standardNormal(keys[g], next);
                if (next == 0) {
                    z[g] = xi;
                } else {
                    double a = StrictMath.exp(-updateMs / tauMs[g]);
                    z[g] = a * z[g] + StrictMath.sqrt(1 - a * a) * xi;
                }
            }
        }
    }

    /** A standard normal for (key, k): Box–Muller on two counter-based uniforms. */
    static double standardNormal(long key, long k) {
        double u1 = Rng.uniform(key, 2 * k);
        double u2 = Rng.uniform(key, 2 * k + 1);
        return StrictMath.sqrt(-2 * StrictMath.log(1 - u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeLong(lastUpdate);
        out.writeInt(z.length);
        for (double v : z) {
            out.writeDouble(v);
        }
    }

    public void read(DataInputStream in) throws IOException {
        long last = in.readLong();
        int n = in.readInt();
        if (n != z.length) {
            throw new IOException("slow input state has " + n + " groups, this member " + z.length);
        }
        for (int g = 0; g < n; g++) {
            z[g] = in.readDouble();
        }
        lastUpdate = last;
    }
}
