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
 * {@code izhikevich}: the simple model of Izhikevich (2003, IEEE Trans Neural Netw 14:1569)
 * with exponentially decaying current synapses like {@link IafPscExp}, for the interneuron
 * classes of the cortex model (RS, FS, LTS presets).
 *
 * <pre>
 *   dv/dt = 0.04 v² + 5 v + 140 − u + I/C      (v in mV, t in ms, I/C in mV/ms)
 *   du/dt = a (b v − u)
 *   v ≥ V_peak: spike, v ← c, u ← u + d
 *   I = I_ex + I_in + I_slow + I_e + I_stim, with I_ex, I_in, I_slow exponential currents (τex, τin, τslow):
 *   receptor channels 0, 1, 2, kept by PscExpChannels; I_slow only from populations routed to channel 2)
 * </pre>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>RS default</th><th>unit</th></tr>
 *   <tr><td>a</td><td>0.02</td><td>1/ms</td></tr>
 *   <tr><td>b</td><td>0.2</td><td>1/ms</td></tr>
 *   <tr><td>c</td><td>−65</td><td>mV</td></tr>
 *   <tr><td>d</td><td>8</td><td>mV/ms</td></tr>
 *   <tr><td>V_peak</td><td>30</td><td>mV</td></tr>
 *   <tr><td>C_m</td><td>250</td><td>pF (converts pA to mV/ms)</td></tr>
 *   <tr><td>tau_syn_ex, tau_syn_in</td><td>0.5</td><td>ms</td></tr>
 *   <tr><td>tau_syn_in_slow</td><td>tau_syn_in</td><td>ms</td></tr>
 *   <tr><td>I_e</td><td>0</td><td>pA</td></tr>
 * </table>
 *
 * v and u advance by one forward-Euler step of dt from their values at the start of the step
 * (NEST's {@code consistent_integration}); the currents decay exactly. Recordables: V_m, U_m.
 * New neurons start at v = c, u = b·c; setting v sets u = b·v.
 */
public final class Izhikevich extends NeuronDynamics {
    public static final String NAME = "izhikevich";

    /** Parameters; see the class javadoc. */
    public record Parameters(double a, double b, double c, double d, double vPeakMv, double cMPf,
                             double tauSynExMs, double tauSynInMs, double iEPa, double tauSynInSlowMs)
            implements PscExpParameters {
        /** Without a slow inhibitory channel of its own (tau_syn_in_slow = tau_syn_in). */
        public Parameters(double a, double b, double c, double d, double vPeakMv, double cMPf, double tauSynExMs,
                          double tauSynInMs, double iEPa) {
            this(a, b, c, d, vPeakMv, cMPf, tauSynExMs, tauSynInMs, iEPa, tauSynInMs);
        }

        public Parameters {
            PscExpParameters.requireTaus(NAME, tauSynExMs, tauSynInMs, tauSynInSlowMs);
            ParameterMap.require(Double.isFinite(a), NAME, "a", "finite", a);
            ParameterMap.require(Double.isFinite(b), NAME, "b", "finite", b);
            ParameterMap.require(c < vPeakMv, NAME, "c", "below V_peak = " + vPeakMv + " mV", c);
            ParameterMap.require(Double.isFinite(d), NAME, "d", "finite", d);
            ParameterMap.require(cMPf > 0 && Double.isFinite(cMPf), NAME, "C_m", "positive (pF)", cMPf);
            ParameterMap.require(Double.isFinite(iEPa), NAME, "I_e", "finite (pA)", iEPa);
        }

        /** Regular spiking (excitatory): a, b, c, d = 0.02, 0.2, −65, 8. */
        public static Parameters regularSpiking() {
            return new Parameters(0.02, 0.2, -65, 8, 30, 250, 0.5, 0.5, 0);
        }

        /** Fast spiking (PV+): 0.1, 0.2, −65, 2. */
        public static Parameters fastSpiking() {
            return new Parameters(0.1, 0.2, -65, 2, 30, 250, 0.5, 0.5, 0);
        }

        /** Low-threshold spiking (SST+): 0.02, 0.25, −65, 2. */
        public static Parameters lowThresholdSpiking() {
            return new Parameters(0.02, 0.25, -65, 2, 30, 250, 0.5, 0.5, 0);
        }

        /** A preset ("RS", "FS", "LTS", default RS) overridden by named parameters (a, b, c, d, V_peak, …). */
        public static Parameters fromMap(String preset, Map<String, Double> values) {
            Parameters d = switch (preset == null ? "RS" : preset) {
                case "RS" -> regularSpiking();
                case "FS" -> fastSpiking();
                case "LTS" -> lowThresholdSpiking();
                default -> throw new IllegalArgumentException(NAME + ": preset must be RS, FS or LTS, got " + preset);
            };
            ParameterMap m = new ParameterMap(NAME, values);
            double tauIn = m.get("tau_syn_in", d.tauSynInMs);
            Parameters p = new Parameters(m.get("a", d.a), m.get("b", d.b), m.get("c", d.c), m.get("d", d.d),
                    m.get("V_peak", d.vPeakMv), m.get("C_m", d.cMPf), m.get("tau_syn_ex", d.tauSynExMs), tauIn,
                    m.get("I_e", d.iEPa), m.get("tau_syn_in_slow", tauIn));
            m.requireAllUsed();
            return p;
        }

        @Override
        public String modelName() {
            return NAME;
        }

        @Override
        public NeuronDynamics createDynamics(int size, double dtMs) {
            return new Izhikevich(this, size, dtMs);
        }
    }

    private final double dtMs;
    private Parameters params;
    private final double[] v;
    private final double[] u;
    private final PscExpChannels synapses;

    Izhikevich(Parameters params, int size, double dtMs) {
        super(size);
        this.dtMs = dtMs;
        this.v = new double[size];
        this.u = new double[size];
        this.synapses = new PscExpChannels(NAME, PscExpParameters.currentNames(), size);
        setModel(params);
        for (int i = 0; i < size; i++) {
            v[i] = params.c;
            u[i] = params.b * params.c;
        }
    }

    @Override
    public Parameters model() {
        return params;
    }

    @Override
    public void setModel(NeuronModel model) {
        if (!(model instanceof Parameters p)) {
            throw new IllegalArgumentException(NAME + ": expected izhikevich parameters, got " + model.modelName());
        }
        this.params = p;
        synapses.setTimeConstants(p.receptorTausMs(), dtMs);
    }

    @Override
    public void update(SliceContext ctx, Population pop, int lo, int hi, int localBase, long fromStep, int steps) {
        final double[] buf = ctx.buffer;
        final int ch = ctx.channels;
        final boolean slow = ch > Receptor.SLOW_INHIBITORY; // the network routes to channel 2 (ch is 2 or 3)
        final int stride = ctx.nLocal * ch;
        final long[] keys = ctx.backgroundKey;
        final long[] mix = ctx.stepMix;
        final double[] stim = ctx.stimulusPa;
        final double gEx = pop.excitatoryGain();
        final double gIn = pop.inhibitoryGain();
        final boolean background = pop.hasBackground();
        final PoissonTable.Sampler poisson = pop.backgroundSampler();
        final double bgEx = pop.backgroundExcitatoryPa();
        final double bgIn = pop.backgroundInhibitoryPa();
        final double constant = params.iEPa + pop.dcPa();
        final int off = pop.offset();
        final double h = dtMs;
        final double a = params.a;
        final double b = params.b;
        final double c = params.c;
        final double d = params.d;
        final double peak = params.vPeakMv;
        final double invC = 1.0 / params.cMPf;
        final double a11ex = synapses.decay[0];
        final double a11in = synapses.decay[1];
        final double a11slow = synapses.decay[2];
        final double[] iEx = synapses.currentPa[0];
        final double[] iIn = synapses.currentPa[1];
        final double[] iSlow = synapses.currentPa[2];
        for (int i = lo; i < hi; i++) {
            double vm = v[i];
            double um = u[i];
            double ie = iEx[i];
            double ii = iIn[i];
            double is = iSlow[i];
            final double iConst = ctx.stimulusActive ? constant + stim[off + i] : constant;
            final long key = keys[off + i];
            final int cell = (localBase + i - lo) * ch;
            for (int s = 0; s < steps; s++) {
                int bi = s * stride + cell;
                int k = background ? poisson.sample(Rng.bits53(key, mix[s])) : 0;
                double input = ((slow ? ie + ii + is : ie + ii) + iConst) * invC;
                double vNew = vm + h * (0.04 * vm * vm + 5 * vm + 140 - um + input);
                um = um + h * a * (b * vm - um);
                vm = vNew;
                ie = PscExpChannels.next(a11ex, ie, gEx, PscExpChannels.input(buf, bi, background, k, bgEx));
                ii = PscExpChannels.next(a11in, ii, gIn, PscExpChannels.input(buf, bi + 1, background, k, bgIn));
                if (slow) {
                    is = PscExpChannels.next(a11slow, is, gIn, PscExpChannels.input(buf, bi + 2, false, 0, 0));
                }
                if (vm >= peak) {
                    vm = c;
                    um += d;
                    ctx.spike(off + i, s);
                }
            }
            v[i] = vm;
            u[i] = um;
            iEx[i] = ie;
            iIn[i] = ii;
            iSlow[i] = is;
        }
    }

    @Override
    public double membranePotentialMv(int i) {
        return v[i];
    }

    /** Sets v and the matching resting recovery u = b·v. */
    @Override
    public void setMembranePotentialMv(int i, double vMv) {
        v[i] = vMv;
        u[i] = params.b * vMv;
    }

    @Override
    public double synapticCurrentPa(int channel, int i) {
        return synapses.currentPa[channel][i];
    }

    /** Recovery variable u of neuron {@code i}. */
    public double recovery(int i) {
        return u[i];
    }

    @Override
    public void writeState(DataOutput out, int lo, int hi) throws IOException {
        StateIo.writeDoubles(out, v, lo, hi);
        StateIo.writeDoubles(out, u, lo, hi);
        synapses.writeState(out, lo, hi);
    }

    @Override
    public void readState(DataInput in, int lo, int hi) throws IOException {
        StateIo.readDoubles(in, v, lo, hi, NAME + " V_m");
        StateIo.readDoubles(in, u, lo, hi, NAME + " U_m");
        synapses.readState(in, lo, hi);
    }
}
