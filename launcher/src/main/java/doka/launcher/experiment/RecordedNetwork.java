package doka.launcher.experiment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import doka.engine.kernel.Network;
import doka.engine.record.SpikeRecorder;
import doka.observation.ObservedQuantity;
import doka.observation.operator.CellSelection;
import doka.observation.operator.NeuronGroups;
import doka.observation.operator.PopulationRateOperator;
import doka.observation.operator.SpikeTrains;

/**
 * An engine {@link Network} with a spike recorder, read out by the observation module's binned
 * population-rate operator over a neuron → quantity map.
 */
abstract class RecordedNetwork implements SpikingModel.Network {
    protected final Network net;
    private final SpikeRecorder spikes = new SpikeRecorder();
    private final NeuronGroups groups;
    private double lastWindowStartMs;

    RecordedNetwork(Network net, List<ObservedQuantity> quantities, int[] groupOfNeuron, boolean[] excitatory) {
        this.net = net;
        this.groups = new NeuronGroups(quantities, groupOfNeuron, excitatory);
        net.addSpikeObserver(spikes);
    }

    @Override
    public void simulateMs(double durationMs) {
        net.simulateMs(durationMs);
    }

    @Override
    public double[] advance(double windowMs, double binMs) {
        spikes.clear();
        lastWindowStartMs = net.timeMs();
        net.simulateMs(windowMs);
        int bins = (int) Math.round(windowMs / binMs);
        var operator = new PopulationRateOperator(groups, CellSelection.ALL, lastWindowStartMs, binMs, bins);
        int n = spikes.size();
        double[] times = new double[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            times[i] = spikes.step(i) * net.dtMs();
            ids[i] = spikes.neuron(i);
        }
        return operator.apply(SpikeTrains.of(times, ids), new double[operator.observationCount()]);
    }

    @Override
    public void writeRaster(Path file, int maxNeurons) throws IOException {
        writeRaster(file, spikes, net.neuronCount(), maxNeurons, net.dtMs(), lastWindowStartMs);
    }

    /**
     * Writes {@code spikes} as {@code time_ms,neuron} lines, times from {@code startMs}, keeping every
     * neuron whose index is a multiple of the stride that leaves at most {@code maxNeurons}.
     */
    static void writeRaster(Path file, SpikeRecorder spikes, int neuronCount, int maxNeurons, double dtMs,
            double startMs) throws IOException {
        int stride = Math.max(1, neuronCount / maxNeurons);
        StringBuilder b = new StringBuilder("time_ms,neuron\n");
        for (int i = 0; i < spikes.size(); i++) {
            if (spikes.neuron(i) % stride == 0) {
                b.append(String.format(Locale.ROOT, "%.1f,%d%n", spikes.step(i) * dtMs - startMs, spikes.neuron(i)));
            }
        }
        Files.writeString(file, b);
    }

    @Override
    public void saveState(DataOutputStream out) throws IOException {
        net.saveState(out);
    }

    @Override
    public void restoreState(DataInputStream in) throws IOException {
        net.restoreState(in);
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
    public void close() {
        net.close();
    }
}
