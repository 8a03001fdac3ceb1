package doka.engine.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import doka.engine.kernel.StateIo;

/**
 * Exponentially decaying synaptic currents, one per receptor channel, of a population: the part
 * of a current-based model that does not depend on the membrane. Per step, each current decays
 * exactly and takes up the input that arrives in the step,
 *
 * <pre>
 *   I_c ← e^(−h/τ_c) · I_c + g_c · x_c,
 * </pre>
 *
 * with x_c the summed synaptic input of channel c (plus the Poisson background on channels 0
 * and 1) and g_c the population's gain on the channel (excitatory for channel 0, inhibitory for
 * the others). State is a struct of arrays, one per channel. The step itself is {@link #input}
 * and {@link #next}, called inside the model's one loop over neurons and steps, where membrane
 * and currents stay in registers (taking the currents up in a pass of their own over the slice
 * buffer made B10k about 30 % slower).
 */
final class PscExpChannels {
    private final String model;
    private final String[] names;
    /** Current of channel c of neuron i (population-local), pA: {@code currentPa[c][i]}. */
    final double[][] currentPa;
    /** Decay over one step, e^(−h/τ_c), per channel. */
    final double[] decay;

    /**
     * @param model the model's name (for snapshot messages)
     * @param names the channels' recordable names, e.g. I_syn_ex, I_syn_in (their count is the channel count)
     */
    PscExpChannels(String model, String[] names, int size) {
        this.model = model;
        this.names = names.clone();
        this.currentPa = new double[names.length][size];
        this.decay = new double[names.length];
    }

    /** Sets the decay of each channel for time constants {@code tauMs} (one per channel) and step {@code dtMs}. */
    void setTimeConstants(double[] tauMs, double dtMs) {
        for (int c = 0; c < decay.length; c++) {
            decay[c] = StrictMath.exp(-dtMs / tauMs[c]);
        }
    }

    /**
     * The input of cell {@code b} of the slice buffer, pA, which is set back to 0, plus
     * {@code count} background events of {@code backgroundPa} each when {@code background}.
     */
    static double input(double[] buf, int b, boolean background, int count, double backgroundPa) {
        double x = buf[b];
        buf[b] = 0;
        if (background) {
            x += count * backgroundPa;
        }
        return x;
    }

    /** The current after one step: decayed by {@code decay}, plus {@code gain} times the step's input. */
    static double next(double decay, double currentPa, double gain, double inputPa) {
        return decay * currentPa + gain * inputPa;
    }

    /** Writes the currents of neurons [lo, hi), channel by channel. */
    void writeState(DataOutput out, int lo, int hi) throws IOException {
        for (double[] current : currentPa) {
            StateIo.writeDoubles(out, current, lo, hi);
        }
    }

    /** Reads the currents of neurons [lo, hi), as written by {@link #writeState}. */
    void readState(DataInput in, int lo, int hi) throws IOException {
        for (int c = 0; c < currentPa.length; c++) {
            StateIo.readDoubles(in, currentPa[c], lo, hi, model + " " + names[c]);
        }
    }
}
