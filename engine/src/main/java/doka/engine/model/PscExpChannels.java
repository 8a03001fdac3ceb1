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
 * and 1) and g_c the population's gain on the channel. Since the currents never depend on the
 * membrane, a model takes them up for a whole slice before it integrates its membranes, reading
 * the current of each step from the slice buffer; slices of one step may skip that detour
 * ({@link #takeUp}). State is a struct of arrays, one per channel.
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

    int channels() {
        return currentPa.length;
    }

    /** Sets the decay of each channel for time constants {@code tauMs} (one per channel) and step {@code dtMs}. */
    void setTimeConstants(double[] tauMs, double dtMs) {
        for (int c = 0; c < decay.length; c++) {
            decay[c] = StrictMath.exp(-dtMs / tauMs[c]);
        }
    }

    /**
     * Takes up the input of neurons [lo, hi) over a slice of {@code steps} steps. With
     * {@code currentsInCells}, each input cell of channel c and step s is replaced by the current
     * I_c at the start of step s (what the membrane sees in that step): the model integrates
     * afterwards, reading those cells and setting them back to 0. Without, the cells are cleared;
     * a model integrating one-step slices does so first, with {@link #currentPa} as the currents.
     */
    void takeUp(SliceContext ctx, Population pop, int lo, int hi, int localBase, int steps, boolean currentsInCells) {
        final double[] buf = ctx.buffer;
        final int ch = ctx.channels;
        final int stride = ctx.nLocal * ch;
        final long[] keys = ctx.backgroundKey;
        final long[] mix = ctx.stepMix;
        final int off = pop.offset();
        final boolean background = pop.hasBackground();
        final PoissonTable.Sampler poisson = pop.backgroundSampler();
        final double bgEx = pop.backgroundExcitatoryPa();
        final double bgIn = pop.backgroundInhibitoryPa();
        final double gEx = pop.excitatoryGain();
        final double gIn = pop.inhibitoryGain();
        final double a11ex = decay[0];
        final double a11in = decay[1];
        final double[] ies = currentPa[0];
        final double[] iis = currentPa[1];
        final boolean keep = currentsInCells;
        for (int i = lo; i < hi; i++) {
            final int cell = (localBase + i - lo) * ch;
            final long key = keys[off + i];
            double ie = ies[i];
            double ii = iis[i];
            for (int s = 0; s < steps; s++) {
                int b = s * stride + cell;
                double inEx = buf[b];
                double inIn = buf[b + 1];
                buf[b] = keep ? ie : 0;
                buf[b + 1] = keep ? ii : 0;
                if (background) {
                    int k = poisson.sample(Rng.bits53(key, mix[s]));
                    inEx += k * bgEx;
                    inIn += k * bgIn;
                }
                ie = a11ex * ie + gEx * inEx;
                ii = a11in * ii + gIn * inIn;
            }
            ies[i] = ie;
            iis[i] = ii;
        }
        // Further channels: no background, the inhibitory gain.
        for (int c = 2; c < ch; c++) {
            final double a11 = decay[c];
            final double[] ic = currentPa[c];
            for (int i = lo; i < hi; i++) {
                final int cell = (localBase + i - lo) * ch + c;
                double x = ic[i];
                for (int s = 0; s < steps; s++) {
                    int b = s * stride + cell;
                    double in = buf[b];
                    buf[b] = keep ? x : 0;
                    x = a11 * x + gIn * in;
                }
                ic[i] = x;
            }
        }
    }

    /** Sets the {@code channels} cells of one neuron and step, from index {@code b}, back to 0. */
    static void clear(double[] buf, int b, int channels) {
        buf[b] = 0;
        buf[b + 1] = 0;
        for (int k = 2; k < channels; k++) {
            buf[b + k] = 0;
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
