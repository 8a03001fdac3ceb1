package doka.engine.kernel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A named, contiguous range of neurons of one model, with the inputs and gains that can change
 * between windows without rebuilding: the Poisson background (rate and weight), a constant
 * current, and gains on the summed excitatory and inhibitory synaptic input (a weight scale J
 * and an inhibition ratio g act exactly through these, since current synapses are linear).
 * Change them only between calls to {@link Network#simulate}.
 */
public final class Population {
    private final String name;
    private final int index;
    private final int offset;
    private final int size;
    private final NeuronDynamics dynamics;
    private final double dtMs;

    private double backgroundRateHz;
    private double backgroundWeightPa;
    private PoissonTable.Sampler backgroundSampler = new PoissonTable.Sampler(0);
    private double dcPa;
    private double excitatoryGain = 1;
    private double inhibitoryGain = 1;
    private int receptorChannel = Receptor.BY_SIGN;

    Population(String name, int index, int offset, int size, NeuronDynamics dynamics, double dtMs) {
        this.name = name;
        this.index = index;
        this.offset = offset;
        this.size = size;
        this.dynamics = dynamics;
        this.dtMs = dtMs;
    }

    public String name() {
        return name;
    }

    /** Position in {@link Network#populations()}. */
    public int index() {
        return index;
    }

    /** Global index of the first neuron. */
    public int offset() {
        return offset;
    }

    public int size() {
        return size;
    }

    public NeuronDynamics dynamics() {
        return dynamics;
    }

    /**
     * Independent Poisson input to every neuron: {@code rateHz} is the total rate per neuron
     * (K_ext · ν), each event adds {@code weightPa} to the excitatory (w ≥ 0) or inhibitory
     * current. Drawn exactly as a Poisson count per neuron per step.
     */
    public void setBackground(double rateHz, double weightPa) {
        if (!(rateHz >= 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException(name + ": background rateHz must be finite and >= 0, got " + rateHz);
        }
        if (!Double.isFinite(weightPa)) {
            throw new IllegalArgumentException(name + ": background weightPa must be finite, got " + weightPa);
        }
        this.backgroundSampler = new PoissonTable.Sampler(rateHz * dtMs * 1e-3);
        this.backgroundRateHz = rateHz;
        this.backgroundWeightPa = weightPa;
    }

    public double backgroundRateHz() {
        return backgroundRateHz;
    }

    public double backgroundWeightPa() {
        return backgroundWeightPa;
    }

    /** The background weight on the excitatory channel (0 if the weight is inhibitory), pA. */
    public double backgroundExcitatoryPa() {
        return backgroundWeightPa >= 0 ? backgroundWeightPa : 0;
    }

    /** The background weight on the inhibitory channel (0 if the weight is excitatory), pA. */
    public double backgroundInhibitoryPa() {
        return backgroundWeightPa < 0 ? backgroundWeightPa : 0;
    }

    /** True when the background is on (rate and weight non-zero). */
    public boolean hasBackground() {
        return backgroundRateHz > 0 && backgroundWeightPa != 0;
    }

    /** Sampler of the background count per step (for model updates). */
    public PoissonTable.Sampler backgroundSampler() {
        return backgroundSampler;
    }

    /** A constant current into every neuron, pA (DC background, compensation currents). */
    public void setDcPa(double dcPa) {
        if (!Double.isFinite(dcPa)) {
            throw new IllegalArgumentException(name + ": dcPa must be finite, got " + dcPa);
        }
        this.dcPa = dcPa;
    }

    public double dcPa() {
        return dcPa;
    }

    /** Factor on all excitatory input (synapses, background, generators) to this population. */
    public void setExcitatoryGain(double gain) {
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException(name + ": excitatoryGain must be finite and >= 0, got " + gain);
        }
        this.excitatoryGain = gain;
    }

    public double excitatoryGain() {
        return excitatoryGain;
    }

    /** Factor on all inhibitory input to this population. */
    public void setInhibitoryGain(double gain) {
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException(name + ": inhibitoryGain must be finite and >= 0, got " + gain);
        }
        this.inhibitoryGain = gain;
    }

    public double inhibitoryGain() {
        return inhibitoryGain;
    }

    /** Sets all membrane potentials, mV (population-local order). */
    public void setMembranePotentialsMv(double[] vMv) {
        if (vMv.length != size) {
            throw new IllegalArgumentException(name + ": expected " + size + " membrane potentials, got " + vMv.length);
        }
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(vMv[i])) {
                throw new IllegalArgumentException(name + ": membrane potential " + i + " is not finite");
            }
            dynamics.setMembranePotentialMv(i, vMv[i]);
        }
    }

    /** Draws membrane potentials from N(mean, sd), one counter-based stream per neuron. */
    public void drawMembranePotentialsNormal(double meanMv, double sdMv, long seed) {
        if (!(sdMv >= 0)) {
            throw new IllegalArgumentException(name + ": sdMv must be >= 0, got " + sdMv);
        }
        for (int i = 0; i < size; i++) {
            SplitMix64 r = new SplitMix64(Rng.key(seed, Purpose.INITIAL_V, offset + i));
            dynamics.setMembranePotentialMv(i, meanMv + sdMv * r.nextGaussian());
        }
    }

    /** Draws membrane potentials from U(lo, hi), one counter-based stream per neuron. */
    public void drawMembranePotentialsUniform(double loMv, double hiMv, long seed) {
        if (!(hiMv >= loMv)) {
            throw new IllegalArgumentException(name + ": need loMv <= hiMv, got " + loMv + ", " + hiMv);
        }
        for (int i = 0; i < size; i++) {
            SplitMix64 r = new SplitMix64(Rng.key(seed, Purpose.INITIAL_V, offset + i));
            dynamics.setMembranePotentialMv(i, loMv + (hiMv - loMv) * r.nextDouble());
        }
    }

    /** The gain on receptor channel {@code channel}: excitatory for channel 0, inhibitory for all others. */
    public double channelGain(int channel) {
        return channel == Receptor.EXCITATORY ? excitatoryGain : inhibitoryGain;
    }

    /**
     * The receptor channel of their targets that this population's synapses drive, or
     * {@link Receptor#BY_SIGN} (set by the builder).
     */
    public int receptorChannel() {
        return receptorChannel;
    }

    /** Whether this population's synapses drive the slow inhibitory channel (channel 2). */
    public boolean slowInhibitory() {
        return receptorChannel == Receptor.SLOW_INHIBITORY;
    }

    void setReceptorChannel(int channel) {
        this.receptorChannel = channel;
    }

    void writeControls(DataOutput out) throws IOException {
        out.writeDouble(backgroundRateHz);
        out.writeDouble(backgroundWeightPa);
        out.writeDouble(dcPa);
        out.writeDouble(excitatoryGain);
        out.writeDouble(inhibitoryGain);
    }

    void readControls(DataInput in) throws IOException {
        double rate = in.readDouble();
        double weight = in.readDouble();
        setBackground(rate, weight);
        setDcPa(in.readDouble());
        setExcitatoryGain(in.readDouble());
        setInhibitoryGain(in.readDouble());
    }
}
