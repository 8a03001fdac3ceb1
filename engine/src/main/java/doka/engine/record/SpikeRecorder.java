package doka.engine.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import doka.engine.kernel.SpikeObserver;

/**
 * Spike times in two growable {@code int} arrays (neuron, step), in (step, neuron) order.
 * Register with {@code network.addSpikeObserver(recorder)}. Steps are absolute; times in ms are
 * step · dt. {@link #clear()} empties it (e.g. at the start of a window).
 */
public final class SpikeRecorder implements SpikeObserver {
    private int[] neuron = new int[4096];
    private int[] step = new int[4096];
    private int size;

    @Override
    public void onSpikes(int[] neurons, long[] steps, int count) {
        if (size + count > neuron.length) {
            int n = Math.max(size + count, neuron.length * 2);
            neuron = Arrays.copyOf(neuron, n);
            step = Arrays.copyOf(step, n);
        }
        for (int i = 0; i < count; i++) {
            long s = steps[i];
            if (s > Integer.MAX_VALUE) {
                throw new IllegalStateException("spike recorder: step " + s + " exceeds 2^31; clear it between windows");
            }
            neuron[size] = neurons[i];
            step[size] = (int) s;
            size++;
        }
    }

    public int size() {
        return size;
    }

    public int neuron(int i) {
        return neuron[i];
    }

    public int step(int i) {
        return step[i];
    }

    public void clear() {
        size = 0;
    }

    /** Copies of the recorded neurons (length {@link #size()}). */
    public int[] neurons() {
        return Arrays.copyOf(neuron, size);
    }

    /** Copies of the recorded steps (length {@link #size()}). */
    public int[] steps() {
        return Arrays.copyOf(step, size);
    }

    /**
     * Writes the spikes as {@code time_ms,neuron} lines, times from {@code startMs}, keeping every
     * neuron whose index is a multiple of the stride that leaves at most {@code maxNeurons} of
     * {@code neuronCount}.
     */
    public void writeRaster(Path file, int neuronCount, int maxNeurons, double dtMs, double startMs) throws IOException {
        int stride = Math.max(1, neuronCount / maxNeurons);
        StringBuilder b = new StringBuilder("time_ms,neuron\n");
        for (int i = 0; i < size; i++) {
            if (neuron[i] % stride == 0) {
                b.append(String.format(Locale.ROOT, "%.1f,%d%n", step[i] * dtMs - startMs, neuron[i]));
            }
        }
        Files.writeString(file, b);
    }
}
