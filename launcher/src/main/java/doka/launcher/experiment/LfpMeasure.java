package doka.launcher.experiment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import doka.engine.kernel.StateIo;
import doka.engine.member.MeasurableMember;
import doka.engine.record.SynapticCurrentRecorder;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.observation.ObservedQuantity;
import doka.observation.operator.LfpProxyOperator;
import doka.observation.operator.SynapticCurrents;

/**
 * The LFP proxy of a member ({@link LfpProxyOperator}, Mazzoni et al. 2015) per area: the synaptic currents onto
 * the area's excitatory cells, sampled every {@code sampleMs} as their mean per cell (AMPA: the excitatory channel;
 * GABA: every inhibitory channel), weighted and delayed by the proxy, and averaged over the samples of each bin
 * (those at times in {@code (bin start, bin end]}). The ranks' sums are fixed point
 * ({@link SynapticCurrentRecorder}) and added over the member's ranks, so every rank holds the same currents, the
 * same for any split. The last samples before a window (the longest delay's worth) are kept for its first bins.
 */
final class LfpMeasure implements ObservedMember.Measure {
    private final MeasurableMember member;
    private final LfpProxyOperator proxy;
    private final List<ObservedQuantity> areas;
    private final int[] cellsPerArea;
    private final SynapticCurrentRecorder recorder;
    private final int everySteps;
    private final long binSteps;
    private final double dtMs;
    /** Samples kept from one call to the next: enough to reach back by the longest delay (at least one). */
    private final int tail;
    // The kept samples and those of the last call: their steps and mean currents per cell, [sample][area].
    private long[] step = new long[0];
    private double[] ampaPa = new double[0];
    private double[] gabaPa = new double[0];
    private int samples;

    LfpMeasure(MeasurableMember member, EnsembleConfig.Lfp c, double binMs) {
        this.member = member;
        this.dtMs = member.dtMs();
        this.proxy = new LfpProxyOperator(c.alpha(), c.ampaDelayMs(), c.gabaDelayMs(), c.scale());
        this.everySteps = samplingSteps(c.sampleMs(), dtMs);
        this.binSteps = Math.round(binMs / dtMs);
        MeasurableMember.CellLabels labels = member.cellLabels();
        this.areas = labels.areas().stream().map(ObservedQuantity::ofArea).toList();
        int[] group = new int[labels.areaOf().length];
        this.cellsPerArea = new int[areas.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = labels.excitatory()[i] ? labels.areaOf()[i] : -1;
            if (group[i] >= 0) {
                cellsPerArea[group[i]]++;
            }
        }
        for (int a = 0; a < areas.size(); a++) {
            if (cellsPerArea[a] == 0) {
                throw new ConfigException("observations.operator lfp: area " + labels.areas().get(a)
                        + " has no excitatory cells whose currents the LFP proxy could sum; raise model.densityScale");
            }
        }
        this.tail = Math.max(1, (int) Math.ceil(Math.max(c.ampaDelayMs(), c.gabaDelayMs()) / c.sampleMs() - 1e-9));
        this.recorder = new SynapticCurrentRecorder(group, areas.size());
        member.recordCurrents(recorder, everySteps);
    }

    /** Steps between current samples; a sampling period that is not a multiple of {@code dtMs} is a configuration error. */
    static int samplingSteps(double sampleMs, double dtMs) {
        int steps = (int) Math.round(sampleMs / dtMs);
        if (steps < 1 || Math.abs(steps * dtMs - sampleMs) > 1e-9 * sampleMs) {
            throw new ConfigException("field 'observations.lfp.sampleMs' is " + sampleMs + "; expected a multiple of the"
                    + " model's time step " + dtMs + " ms");
        }
        return steps;
    }

    @Override
    public double[] advanced(long fromStep, long toStep, int bins) {
        int first = samples;
        takeUp();
        int ng = areas.size();
        double[] out = new double[bins * ng];
        if (bins > 0) {
            if (first < tail) {
                throw new IllegalStateException("the LFP of the first window needs " + tail + " current samples before it;"
                        + " the warm-up gave " + first);
            }
            int n = samples - first;
            double[] times = new double[n];
            for (int k = 0; k < n; k++) {
                times[k] = step[first + k] * dtMs;
            }
            double[] lfp = proxy.apply(currents(), times, new double[n * ng]);
            int[] perBin = new int[bins];
            for (int k = 0; k < n; k++) {
                int b = (int) ((step[first + k] - fromStep - 1) / binSteps);
                perBin[b]++;
                for (int g = 0; g < ng; g++) {
                    out[b * ng + g] += lfp[k * ng + g];
                }
            }
            for (int i = 0; i < out.length; i++) {
                out[i] /= perBin[i / ng];
            }
        }
        keepTail();
        return out;
    }

    /** Adds the recorder's samples (summed over the member's ranks, as means per cell) to the kept ones. */
    private void takeUp() {
        int n = recorder.samples();
        int ng = areas.size();
        long[] sums = new long[2 * n * ng];
        for (int k = 0; k < n; k++) {
            for (int g = 0; g < ng; g++) {
                sums[k * ng + g] = recorder.excitatoryQuanta(k, g);
                sums[(n + k) * ng + g] = recorder.inhibitoryQuanta(k, g);
            }
        }
        if (member.comm() != null) {
            member.comm().sum(sums);
        }
        grow(samples + n);
        for (int k = 0; k < n; k++) {
            step[samples + k] = recorder.sampleStep(k);
            for (int g = 0; g < ng; g++) {
                double perCell = SynapticCurrentRecorder.QUANTUM_PA / cellsPerArea[g];
                ampaPa[(samples + k) * ng + g] = sums[k * ng + g] * perCell;
                gabaPa[(samples + k) * ng + g] = sums[(n + k) * ng + g] * perCell;
            }
        }
        samples += n;
        recorder.clear();
        for (int k = 1; k < samples; k++) {
            if (step[k] - step[k - 1] != everySteps) {
                throw new IllegalStateException("LFP current samples at steps " + step[k - 1] + " and " + step[k]
                        + " are not " + everySteps + " steps apart");
            }
        }
    }

    /** The kept samples as the proxy's input, [area][sample]. */
    private SynapticCurrents currents() {
        int ng = areas.size();
        double[] ampa = new double[ng * samples];
        double[] gaba = new double[ng * samples];
        for (int k = 0; k < samples; k++) {
            for (int g = 0; g < ng; g++) {
                ampa[g * samples + k] = ampaPa[k * ng + g];
                gaba[g * samples + k] = gabaPa[k * ng + g];
            }
        }
        return new SynapticCurrents(areas, step[0] * dtMs, everySteps * dtMs, samples, ampa, gaba);
    }

    private void keepTail() {
        int drop = Math.max(0, samples - tail);
        int ng = areas.size();
        System.arraycopy(step, drop, step, 0, samples - drop);
        System.arraycopy(ampaPa, drop * ng, ampaPa, 0, (samples - drop) * ng);
        System.arraycopy(gabaPa, drop * ng, gabaPa, 0, (samples - drop) * ng);
        samples -= drop;
    }

    private void grow(int n) {
        if (n > step.length) {
            step = Arrays.copyOf(step, n);
            ampaPa = Arrays.copyOf(ampaPa, n * areas.size());
            gabaPa = Arrays.copyOf(gabaPa, n * areas.size());
        }
    }

    /** The kept samples: every rank of a split member holds the same. */
    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(samples);
        for (int k = 0; k < samples; k++) {
            out.writeLong(step[k]);
        }
        StateIo.writeDoubles(out, ampaPa, 0, samples * areas.size());
        StateIo.writeDoubles(out, gabaPa, 0, samples * areas.size());
    }

    @Override
    public void read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > tail) {
            throw new IOException("the checkpoint keeps " + n + " LFP current samples; this configuration keeps at most "
                    + tail + " (observations.lfp must not change on resume)");
        }
        grow(n);
        samples = n;
        for (int k = 0; k < n; k++) {
            step[k] = in.readLong();
        }
        StateIo.readDoubles(in, ampaPa, 0, n * areas.size(), "LFP AMPA currents");
        StateIo.readDoubles(in, gabaPa, 0, n * areas.size(), "LFP GABA currents");
    }

    @Override
    public boolean sharedByRanks() {
        return true;
    }
}
