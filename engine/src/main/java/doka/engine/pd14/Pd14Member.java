package doka.engine.pd14;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import doka.engine.kernel.StateIo;
import doka.engine.kernel.Network;
import doka.engine.kernel.Population;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.engine.record.GroupRates;
import doka.engine.record.SpikeRecorder;

/**
 * The Potjans–Diesmann microcircuit as an ensemble member: its predictions are the binned rates
 * of its eight populations, in {@link Pd14#POPULATIONS} order. Estimable parameters
 * ({@link #PARAMETERS}): {@code bgRateScale} (a factor on the 8 Hz background rate of every
 * population) or {@code bgRateScaleL23}, {@code …L4}, {@code …L5}, {@code …L6} (of one layer's two
 * populations), {@code jScale} (a factor on all excitatory synaptic input, J) and {@code gScale}
 * (a factor on all inhibitory input, the ratio g).
 */
public final class Pd14Member implements SpikingMember {
    /** The estimable parameters and what each does. */
    public static final Map<String, String> PARAMETERS;
    /** Layer of each population, for the per-layer background parameters. */
    private static final String[] LAYER = {"L23", "L23", "L4", "L4", "L5", "L5", "L6", "L6"};

    static {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bgRateScale", "factor on the background rate (8 Hz per external synapse) of every population");
        for (String layer : new String[] {"L23", "L4", "L5", "L6"}) {
            p.put("bgRateScale" + layer, "factor on the background rate of the " + layer + " populations");
        }
        p.put("jScale", "factor on every excitatory synaptic weight J");
        p.put("gScale", "factor on every inhibitory synaptic weight (the ratio g)");
        PARAMETERS = Collections.unmodifiableMap(p);
    }

    private final Pd14.Config config;
    private final Readout readout;
    private final Network net;
    private final double[] values;
    private final SpikeRecorder spikes = new SpikeRecorder();
    private final GroupRates rates;
    private double lastWindowStartMs;
    private double[] predicted;

    private Pd14Member(Pd14.Config config, Readout readout) {
        for (String name : readout.parameters()) {
            if (!PARAMETERS.containsKey(name)) {
                throw new IllegalArgumentException("pd14 has no parameter '" + name + "'; expected one of " + PARAMETERS.keySet());
            }
        }
        this.config = config;
        this.readout = readout;
        this.net = Pd14.build(config);
        this.values = new double[readout.parameters().size()];
        Arrays.fill(values, Double.NaN);
        int[] group = new int[net.neuronCount()];
        for (Population p : net.populations()) {
            Arrays.fill(group, p.offset(), p.offset() + p.size(), p.index());
        }
        this.rates = new GroupRates(group);
        net.addSpikeObserver(spikes);
    }

    /** Builds a member; its parameters keep the model's values until the first {@link #distribute}. */
    public static Pd14Member build(Pd14.Config config, Readout readout) {
        return new Pd14Member(config, readout);
    }

    @Override
    public double[] estimated() {
        return values.clone();
    }

    @Override
    public void distribute(double[] v) {
        System.arraycopy(v, 0, values, 0, values.length);
        Map<String, Double> named = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            named.put(readout.parameters().get(i), values[i]);
        }
        for (Population p : net.populations()) {
            Double all = named.get("bgRateScale");
            Double layer = named.get("bgRateScale" + LAYER[p.index()]);
            if (all != null || layer != null) {
                double scale = (all == null ? 1 : all) * (layer == null ? 1 : layer);
                double kExt = Math.round(Pd14.K_EXT[p.index()] * config.kScale());
                p.setBackground(kExt * Pd14.BACKGROUND_RATE_HZ * scale, p.backgroundWeightPa());
            }
            Double j = named.get("jScale");
            if (j != null) {
                p.setExcitatoryGain(j);
            }
            Double g = named.get("gScale");
            if (g != null) {
                p.setInhibitoryGain(g);
            }
        }
    }

    @Override
    public void simulateMs(double durationMs) {
        net.simulateMs(durationMs);
    }

    @Override
    public void advance() {
        spikes.clear();
        lastWindowStartMs = net.timeMs();
        net.simulateMs(readout.windowMs());
        predicted = rates.rates(spikes, net.dtMs(), lastWindowStartMs, readout.binMs(), readout.bins());
    }

    @Override
    public double[] collect() {
        return predicted.clone();
    }

    @Override
    public doka.engine.member.WindowSpikes lastWindowSpikes() {
        return doka.engine.member.WindowSpikes.of(net, spikes, 0, lastWindowStartMs, population -> ""); // no areas
    }

    @Override
    public void writeRaster(Path file, int maxNeurons) throws IOException {
        spikes.writeRaster(file, net.neuronCount(), maxNeurons, net.dtMs(), lastWindowStartMs);
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIo.writeDoubles(out, values);
        net.saveState(out);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        double[] v = new double[values.length];
        StateIo.readDoubles(in, v, "estimated values");
        net.restoreState(in);
        distribute(v);
    }

    @Override
    public int neurons() {
        return net.neuronCount();
    }

    @Override
    public long synapses() {
        return net.synapses().synapseCount();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "PD14 microcircuit at n-scale %.3g, k-scale %.3g (%s background):"
                + " %,d neurons, %,d synapses", config.nScale(), config.kScale(),
                config.background().name().toLowerCase(Locale.ROOT), net.neuronCount(), synapses());
    }

    @Override
    public void close() {
        net.close();
    }
}
