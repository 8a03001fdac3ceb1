package doka.launcher.experiment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import doka.engine.kernel.Rng;
import doka.engine.member.MeasurableMember;
import doka.engine.record.SpikeRecorder;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.observation.ObservedQuantity;
import doka.observation.operator.CalciumFluorescenceOperator;
import doka.observation.operator.CalciumKernel;
import doka.observation.operator.CellSelection;
import doka.observation.operator.NeuronGroups;
import doka.observation.operator.SpikeTrains;

/**
 * Calcium imaging of a member ({@link CalciumFluorescenceOperator}): per area, the mean ΔF/F of the imaged cells
 * at the centre of each bin. Each rank convolves the spikes of its own cells; the per-area sums are fixed point
 * ({@link CalciumFluorescenceOperator#applySums}), so the ranks' parts add up to the same bits for any split.
 *
 * <p>Besides the bin centres, the traces are also brought forward at every multiple of {@link #KEEP_ALIVE_RISES}
 * rise times: the operator rebases its traces at each sample, and these samples, the same for every split, keep
 * a spike from ever leading the reference time enough to rebase at a time that depends on which spikes a rank saw.
 */
final class CalciumMeasure implements ObservedMember.Measure {
    static final int KEEP_ALIVE_RISES = 20;

    private final MeasurableMember member;
    private final CalciumFluorescenceOperator operator;
    private final int areas;
    private final double dtMs;
    private final double binMs;
    private final double keepAliveMs;
    private double[] spikeTimes = new double[1024];
    private int[] spikeIds = new int[1024];

    CalciumMeasure(MeasurableMember member, EnsembleConfig.Calcium c, double binMs) {
        this.member = member;
        this.dtMs = member.dtMs();
        this.binMs = binMs;
        MeasurableMember.CellLabels labels = member.cellLabels();
        this.areas = labels.areas().size();
        int[] group = labels.areaOf().clone();
        for (int i = 0; i < group.length; i++) {
            if (group[i] >= 0 && !imaged(i, c.cellFraction())) {
                group[i] = -1;
            }
        }
        CalciumKernel kernel = new CalciumKernel(c.riseMs(), c.decayMs(), c.amplitudeDff(),
                c.saturationDff() == null ? Double.POSITIVE_INFINITY : c.saturationDff());
        CellSelection selection = c.cells().equals("all") ? CellSelection.ALL : CellSelection.EXCITATORY;
        try {
            this.operator = new CalciumFluorescenceOperator(
                    new NeuronGroups(labels.areas().stream().map(ObservedQuantity::ofArea).toList(), group, labels.excitatory()),
                    selection, kernel, member::owns);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("observations.calcium: " + e.getMessage() + " (observations.calcium.cells '" + c.cells()
                    + "', cellFraction " + c.cellFraction() + "; image more cells)", e);
        }
        this.keepAliveMs = KEEP_ALIVE_RISES * c.riseMs();
    }

    /** Whether cell {@code neuron} is among the imaged share {@code fraction}: a hash of its index, the same on every rank. */
    static boolean imaged(int neuron, double fraction) {
        return fraction >= 1 || (Rng.mix64((neuron + 1L) * Rng.GOLDEN) >>> 11) * 0x1.0p-53 < fraction;
    }

    /** Sample times in time order: the bin centres (marked in {@code isBin}) and the keep-alive times among them. */
    record Samples(double[] timesMs, boolean[] isBin) {
    }

    /** The samples of the steps [startMs, endMs) with {@code bins} bins of {@code binMs}, keep-alive every {@code keepAliveMs}. */
    static Samples samples(double startMs, double endMs, int bins, double binMs, double keepAliveMs) {
        double[] times = new double[bins + (int) (endMs / keepAliveMs - startMs / keepAliveMs) + 2];
        boolean[] isBin = new boolean[times.length];
        int n = 0;
        double keep = (Math.floor(startMs / keepAliveMs) + 1) * keepAliveMs;
        for (int b = 0; b <= bins; b++) {
            double centre = b < bins ? startMs + (b + 0.5) * binMs : endMs;
            for (; keep < centre; keep += keepAliveMs) {
                times[n++] = keep;
            }
            if (b < bins) {
                isBin[n] = true;
                times[n++] = centre;
            }
        }
        return new Samples(Arrays.copyOf(times, n), Arrays.copyOf(isBin, n));
    }

    @Override
    public double[] advanced(long fromStep, long toStep, int bins) {
        Samples samples = samples(fromStep * dtMs, toStep * dtMs, bins, binMs, keepAliveMs);
        double[] times = samples.timesMs();
        boolean[] isBin = samples.isBin();
        int n = times.length;
        long[] sums = operator.applySums(spikes(), times, new long[n * areas]);
        long[] binSums = new long[bins * areas];
        for (int k = 0, b = 0; k < n; k++) {
            if (isBin[k]) {
                System.arraycopy(sums, k * areas, binSums, b++ * areas, areas);
            }
        }
        if (member.comm() != null) {
            member.comm().sum(binSums);
        }
        double[] dff = new double[binSums.length];
        for (int i = 0; i < dff.length; i++) {
            dff[i] = binSums[i] * CalciumFluorescenceOperator.SUM_QUANTUM_DFF / operator.cellCount(i % areas);
        }
        return dff;
    }

    /** This rank's spikes of the last call, with times in ms, in reused buffers. */
    private SpikeTrains spikes() {
        SpikeRecorder r = member.lastSpikes();
        int n = r.size();
        if (n > spikeTimes.length) {
            spikeTimes = new double[Math.max(n, 2 * spikeTimes.length)];
            spikeIds = new int[spikeTimes.length];
        }
        long offset = member.spikeStepOffset();
        for (int i = 0; i < n; i++) {
            spikeTimes[i] = (offset + r.step(i)) * dtMs;
            spikeIds[i] = r.neuron(i);
        }
        return new SpikeTrains(spikeTimes, spikeIds, n);
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        operator.writeState(out);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
        operator.readState(in);
    }

    @Override
    public boolean sharedByRanks() {
        return false;
    }
}
