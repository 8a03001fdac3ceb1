package doka.engine.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

import doka.engine.kernel.NeuronDynamics;
import doka.engine.kernel.NeuronModel;
import doka.engine.kernel.PoissonTable;
import doka.engine.kernel.Population;
import doka.engine.kernel.Receptor;
import doka.engine.kernel.Rng;
import doka.engine.kernel.SliceContext;
import doka.engine.kernel.StateIo;

/**
 * {@code iaf_psc_exp}: leaky integrate-and-fire neurons with exponentially decaying current
 * synapses, excitatory and inhibitory with their own time constants, and an absolute
 * refractory period, integrated exactly on the grid as NEST does (Rotter and Diesmann 1999).
 *
 * <pre>
 *   τm dV/dt = −(V − E_L) + (I_ex + I_in + I_slow + I_e + I_stim)·τm/C
 *   τex dI_ex/dt = −I_ex + Σ w δ(t − t_k),   τin dI_in/dt = −I_in + Σ w δ(t − t_k)
 *   τslow dI_slow/dt = −I_slow + Σ w δ(t − t_k)   (synapses routed to receptor channel 2 only)
 *   V ≥ V_th: spike, V ← V_reset, V clamped for t_ref
 * </pre>
 *
 * <table>
 *   <caption>Parameters (defaults: Potjans and Diesmann 2014)</caption>
 *   <tr><th>name</th><th>default</th><th>unit</th></tr>
 *   <tr><td>C_m</td><td>250</td><td>pF</td></tr>
 *   <tr><td>tau_m</td><td>10</td><td>ms</td></tr>
 *   <tr><td>tau_syn_ex, tau_syn_in</td><td>0.5</td><td>ms</td></tr>
 *   <tr><td>tau_syn_in_slow</td><td>tau_syn_in</td><td>ms</td></tr>
 *   <tr><td>t_ref</td><td>2</td><td>ms</td></tr>
 *   <tr><td>E_L</td><td>−65</td><td>mV</td></tr>
 *   <tr><td>V_th</td><td>−50</td><td>mV</td></tr>
 *   <tr><td>V_reset</td><td>−65</td><td>mV</td></tr>
 *   <tr><td>I_e</td><td>0</td><td>pA</td></tr>
 * </table>
 *
 * The three currents are the neuron's receptor channels 0, 1 and 2 ({@link Receptor}),
 * kept by {@link PscExpChannels}. tau_syn_in_slow is a Doka extension (not in NEST's model): the
 * time constant of channel 2, driven only by populations routed to it (e.g. with
 * {@code NetworkBuilder.slowInhibitionFrom}: dendritic, LTS-like inhibition); in networks where
 * no population is, channel 2 is skipped.
 * Recordables: V_m (mV), I_syn_ex, I_syn_in, I_syn_in_slow (pA). Per step, in NEST's order: V from the
 * currents of the previous step (unless refractory), decay of the currents, arrival of this
 * step's input, threshold. Constant currents (I_e, DC, stimulation) act in the same step.
 */
public final class IafPscExp extends NeuronDynamics {
    public static final String NAME = "iaf_psc_exp";
    /** Receptor channels: excitatory, inhibitory, slow inhibitory. */
    static final int CHANNELS = 3;

    /** Parameters; see the class javadoc for units and defaults. */
    public record Parameters(double cMPf, double tauMMs, double tauSynExMs, double tauSynInMs, double tRefMs,
                             double eLMv, double vThMv, double vResetMv, double iEPa, double tauSynInSlowMs)
            implements PscExpParameters {
        /** Without a slow inhibitory channel of its own (tau_syn_in_slow = tau_syn_in). */
        public Parameters(double cMPf, double tauMMs, double tauSynExMs, double tauSynInMs, double tRefMs,
                          double eLMv, double vThMv, double vResetMv, double iEPa) {
            this(cMPf, tauMMs, tauSynExMs, tauSynInMs, tRefMs, eLMv, vThMv, vResetMv, iEPa, tauSynInMs);
        }

        public Parameters {
            PscExpParameters.requireTaus(NAME, tauSynExMs, tauSynInMs, tauSynInSlowMs);
            ParameterMap.require(cMPf > 0 && Double.isFinite(cMPf), NAME, "C_m", "positive (pF)", cMPf);
            ParameterMap.require(tauMMs > 0 && Double.isFinite(tauMMs), NAME, "tau_m", "positive (ms)", tauMMs);
            ParameterMap.require(tRefMs >= 0 && Double.isFinite(tRefMs), NAME, "t_ref", ">= 0 (ms)", tRefMs);
            ParameterMap.require(Double.isFinite(eLMv), NAME, "E_L", "finite (mV)", eLMv);
            ParameterMap.require(Double.isFinite(vThMv), NAME, "V_th", "finite (mV)", vThMv);
            ParameterMap.require(vResetMv < vThMv, NAME, "V_reset", "below V_th = " + vThMv + " mV", vResetMv);
            ParameterMap.require(Double.isFinite(iEPa), NAME, "I_e", "finite (pA)", iEPa);
        }

        /** The PD14 neuron. */
        public static Parameters pd14() {
            return new Parameters(250, 10, 0.5, 0.5, 2, -65, -50, -65, 0);
        }

        /** PD14 defaults overridden by NEST-named parameters (C_m, tau_m, tau_syn_ex, …). */
        public static Parameters fromMap(Map<String, Double> values) {
            ParameterMap m = new ParameterMap(NAME, values);
            Parameters d = pd14();
            double tauIn = m.get("tau_syn_in", d.tauSynInMs);
            Parameters p = new Parameters(m.get("C_m", d.cMPf), m.get("tau_m", d.tauMMs),
                    m.get("tau_syn_ex", d.tauSynExMs), tauIn, m.get("t_ref", d.tRefMs),
                    m.get("E_L", d.eLMv), m.get("V_th", d.vThMv), m.get("V_reset", d.vResetMv), m.get("I_e", d.iEPa),
                    m.get("tau_syn_in_slow", tauIn));
            m.requireAllUsed();
            return p;
        }

        @Override
        public String modelName() {
            return NAME;
        }

        @Override
        public NeuronDynamics createDynamics(int size, double dtMs) {
            return new IafPscExp(this, size, dtMs);
        }
    }

    private final double dtMs;
    private Parameters params;
    // State (V relative to E_L, as NEST stores it).
    private final double[] v;
    private final PscExpChannels synapses;
    private final int[] refractory;
    // Propagators: membrane decay, voltage per unit current of each channel, per unit constant current.
    private double p22;
    private final double[] p21 = new double[CHANNELS];
    private double p20;
    private int refractorySteps;

    IafPscExp(Parameters params, int size, double dtMs) {
        super(size);
        this.dtMs = dtMs;
        this.v = new double[size];
        this.synapses = new PscExpChannels(NAME, PscExpParameters.currentNames(), size);
        this.refractory = new int[size];
        setModel(params);
    }

    @Override
    public Parameters model() {
        return params;
    }

    @Override
    public void setModel(NeuronModel model) {
        if (!(model instanceof Parameters p)) {
            throw new IllegalArgumentException(NAME + ": expected iaf_psc_exp parameters, got " + model.modelName());
        }
        double shift = params == null ? 0 : params.eLMv - p.eLMv;
        this.params = p;
        double h = dtMs;
        double[] tauMs = p.receptorTausMs();
        synapses.setTimeConstants(tauMs, h);
        p22 = StrictMath.exp(-h / p.tauMMs);
        for (int c = 0; c < CHANNELS; c++) {
            p21[c] = PscExpPropagator.p21(tauMs[c], p.tauMMs, p.cMPf, h);
        }
        p20 = PscExpPropagator.p20(p.tauMMs, p.cMPf, h);
        refractorySteps = (int) Math.round(p.tRefMs / h);
        if (shift != 0) {
            for (int i = 0; i < size; i++) {
                v[i] += shift; // keep absolute potentials when E_L moves
            }
        }
    }

    @Override
    public void update(SliceContext c, Population pop, int lo, int hi, int localBase, long fromStep, int steps) {
        final double[] buf = c.buffer;
        final int ch = c.channels;
        final boolean slow = ch > Receptor.SLOW_INHIBITORY; // the network routes to channel 2 (ch is 2 or 3)
        final long[] keys = c.backgroundKey;
        final long[] mix = c.stepMix;
        final double[] stim = c.stimulusPa;
        final double gEx = pop.excitatoryGain();
        final double gIn = pop.inhibitoryGain();
        final boolean background = pop.hasBackground();
        final PoissonTable.Sampler poisson = pop.backgroundSampler();
        final double bgEx = pop.backgroundExcitatoryPa();
        final double bgIn = pop.backgroundInhibitoryPa();
        final double constant = params.iEPa + pop.dcPa();
        final int off = pop.offset();
        final double theta = params.vThMv - params.eLMv;
        final double reset = params.vResetMv - params.eLMv;
        final double a11ex = synapses.decay[0];
        final double a11in = synapses.decay[1];
        final double a11slow = synapses.decay[2];
        final double a22 = p22;
        final double a21ex = p21[0];
        final double a21in = p21[1];
        final double a21slow = p21[2];
        final double a20 = p20;
        final int refSteps = refractorySteps;
        final double[] vs = v;
        final double[] ies = synapses.currentPa[0];
        final double[] iis = synapses.currentPa[1];
        final double[] iss = synapses.currentPa[2];
        final int[] rs = refractory;
        final boolean stimulated = c.stimulusActive;
        final double drive0 = a20 * constant;
        if (steps == 1) {
            // One-step slices (PD14: delays down to dt) get a flat loop over neurons; an inner
            // loop with a trip count of one costs the JIT's loop set-up for every neuron.
            final long m = mix[0];
            final int cell0 = (localBase - lo) * ch;
            for (int i = lo; i < hi; i++) {
                int b = cell0 + ch * i;
                int k = background ? poisson.sample(Rng.bits53(keys[off + i], m)) : 0;
                double vm = vs[i];
                double ie = ies[i];
                double ii = iis[i];
                int r = rs[i];
                if (r == 0) {
                    double drive = stimulated ? a20 * (constant + stim[off + i]) : drive0;
                    vm = drive + a22 * vm + a21ex * ie + a21in * ii;
                    if (slow) {
                        vm += a21slow * iss[i];
                    }
                } else {
                    rs[i] = r - 1;
                }
                ies[i] = PscExpChannels.next(a11ex, ie, gEx, PscExpChannels.input(buf, b, background, k, bgEx));
                iis[i] = PscExpChannels.next(a11in, ii, gIn, PscExpChannels.input(buf, b + 1, background, k, bgIn));
                if (slow) {
                    iss[i] = PscExpChannels.next(a11slow, iss[i], gIn, PscExpChannels.input(buf, b + 2, false, 0, 0));
                }
                if (vm >= theta) {
                    rs[i] = refSteps;
                    vm = reset;
                    c.spike(off + i, 0);
                }
                vs[i] = vm;
            }
            return;
        }
        final int stride = c.nLocal * ch;
        for (int i = lo; i < hi; i++) {
            double vm = vs[i];
            double ie = ies[i];
            double ii = iis[i];
            double is = iss[i];
            int r = rs[i];
            final double drive = stimulated ? a20 * (constant + stim[off + i]) : drive0;
            final long key = keys[off + i];
            final int cell = (localBase + i - lo) * ch;
            for (int s = 0; s < steps; s++) {
                int b = s * stride + cell;
                int k = background ? poisson.sample(Rng.bits53(key, mix[s])) : 0;
                if (r == 0) {
                    vm = drive + a22 * vm + a21ex * ie + a21in * ii;
                    if (slow) {
                        vm += a21slow * is;
                    }
                } else {
                    r--;
                }
                ie = PscExpChannels.next(a11ex, ie, gEx, PscExpChannels.input(buf, b, background, k, bgEx));
                ii = PscExpChannels.next(a11in, ii, gIn, PscExpChannels.input(buf, b + 1, background, k, bgIn));
                if (slow) {
                    is = PscExpChannels.next(a11slow, is, gIn, PscExpChannels.input(buf, b + 2, false, 0, 0));
                }
                if (vm >= theta) {
                    r = refSteps;
                    vm = reset;
                    c.spike(off + i, s);
                }
            }
            vs[i] = vm;
            ies[i] = ie;
            iis[i] = ii;
            iss[i] = is;
            rs[i] = r;
        }
    }

    @Override
    public double membranePotentialMv(int i) {
        return v[i] + params.eLMv;
    }

    @Override
    public void setMembranePotentialMv(int i, double vMv) {
        v[i] = vMv - params.eLMv;
    }

    @Override
    public double synapticCurrentPa(int channel, int i) {
        return synapses.currentPa[channel][i];
    }

    /** Excitatory synaptic current of neuron {@code i}, pA. */
    public double excitatoryCurrentPa(int i) {
        return synapticCurrentPa(Receptor.EXCITATORY, i);
    }

    /** Inhibitory synaptic current of neuron {@code i}, pA. */
    public double inhibitoryCurrentPa(int i) {
        return synapticCurrentPa(Receptor.INHIBITORY, i);
    }

    /** Slow inhibitory synaptic current of neuron {@code i}, pA. */
    public double slowInhibitoryCurrentPa(int i) {
        return synapticCurrentPa(Receptor.SLOW_INHIBITORY, i);
    }

    /** Remaining refractory steps of neuron {@code i}. */
    public int refractorySteps(int i) {
        return refractory[i];
    }

    @Override
    public void writeState(DataOutput out, int lo, int hi) throws IOException {
        StateIo.writeDoubles(out, v, lo, hi);
        synapses.writeState(out, lo, hi);
        StateIo.writeInts(out, refractory, lo, hi);
    }

    @Override
    public void readState(DataInput in, int lo, int hi) throws IOException {
        StateIo.readDoubles(in, v, lo, hi, NAME + " V_m");
        synapses.readState(in, lo, hi);
        StateIo.readInts(in, refractory, lo, hi, NAME + " refractory counters");
    }
}
