package doka.engine.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import doka.engine.kernel.PoissonTable;
import doka.engine.kernel.Population;
import doka.engine.kernel.Rng;
import doka.engine.kernel.SliceContext;
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
 * and 1) and g_c the population's gain on the channel. State is a struct of arrays, one per
 * channel. A model's update loop (one per neuron and step, where the membrane and currents stay
 * in registers) takes channels 0 and 1 up with {@link #input} and {@link #next}; further channels,
 * which only some networks use, are taken up for the whole slice before that loop by
 * {@link #takeUpFurther}, which leaves their currents in the slice buffer for the membrane.
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

    /**
     * Takes up channels 2 and above of neurons [lo, hi) over a slice of {@code steps} steps
     * (nothing when the buffer has only channels 0 and 1): each of their cells at step s is
     * replaced by the channel's current at the start of step s, which the model's loop adds to
     * its membrane and sets back to 0 ({@link #clearFurther}). Further channels have no
     * background and take the inhibitory gain.
     */
    void takeUpFurther(SliceContext ctx, Population pop, int lo, int hi, int localBase, int steps) {
        final int ch = ctx.channels;
        if (ch <= 2) {
            return;
        }
        final double[] buf = ctx.buffer;
        final int stride = ctx.nLocal * ch;
        final double gIn = pop.inhibitoryGain();
        for (int c = 2; c < ch; c++) {
            final double a11 = decay[c];
            final double[] ic = currentPa[c];
            for (int i = lo; i < hi; i++) {
                final int cell = (localBase + i - lo) * ch + c;
                double x = ic[i];
                for (int s = 0; s < steps; s++) {
                    int b = s * stride + cell;
                    double in = buf[b];
                    buf[b] = x;
                    x = next(a11, x, gIn, in);
                }
                ic[i] = x;
            }
        }
    }

    /** Sets the cells of channels 2 and above of one neuron and step, from channel 0's cell {@code b}, back to 0. */
    static void clearFurther(double[] buf, int b, int channels) {
        for (int c = 2; c < channels; c++) {
            buf[b + c] = 0;
        }
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
