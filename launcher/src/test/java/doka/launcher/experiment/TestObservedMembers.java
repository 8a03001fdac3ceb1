package doka.launcher.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import doka.engine.cortex.CortexMember;
import doka.engine.member.MeasurableMember;
import doka.engine.record.SpikeRecorder;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.mpi.MulticoreWorld;
import doka.observation.ObservedQuantity;
import doka.observation.operator.CalciumFluorescenceOperator;
import doka.observation.operator.CalciumKernel;
import doka.observation.operator.CellSelection;
import doka.observation.operator.LfpProxyOperator;
import doka.observation.operator.NeuronGroups;
import doka.observation.operator.SpikeTrains;
import doka.observation.operator.SynapticCurrents;

/**
 * Members observed through calcium imaging and the LFP proxy: on one rank with one or two threads and split over
 * two MPJ ranks, the predictions are the same to the last bit, equal the observation operator applied to the whole
 * member's spikes (calcium) or currents (LFP), summed independently here, and continue bit for bit after a restore.
 */
class TestObservedMembers {
    private static final String CALCIUM = ", \"calcium\": {\"riseMs\": 10, \"decayMs\": 100, \"amplitudeDff\": 0.5}";
    private static final String LFP = ", \"lfp\": {\"sampleMs\": 1}";
    private static final int BINS = 2;

    @Test
    void calciumIsTheOperatorOnTheWholeMembersSpikesForAnyRanksAndThreads(@TempDir Path dir) throws Exception {
        String one = sameForAnyLayout("calcium", CALCIUM, dir);
        double[][] expected = referenceCalcium();
        double[][] got = windows(one);
        for (int w = 0; w < expected.length; w++) {
            for (int i = 0; i < expected[w].length; i++) {
                // the fixed-point sums round each cell to 2^-32 ΔF/F
                assertEquals(expected[w][i], got[w][i], 1e-9, "window " + w + ", entry " + i);
            }
        }
        assertTrue(Arrays.stream(got[0]).max().orElse(0) > 0.01, "the cortex shines: " + Arrays.toString(got[0]));
    }

    @Test
    void lfpIsTheProxyOfTheWholeMembersCurrentsForAnyRanksAndThreads(@TempDir Path dir) throws Exception {
        String one = sameForAnyLayout("lfp", LFP, dir);
        double[][] expected = referenceLfp();
        double[][] got = windows(one);
        for (int w = 0; w < expected.length; w++) {
            for (int i = 0; i < expected[w].length; i++) {
                // the fixed-point sums round each cell's current to 2^-20 pA
                assertEquals(expected[w][i], got[w][i], 1e-5, "window " + w + ", entry " + i);
            }
        }
        assertTrue(Arrays.stream(got[0]).map(Math::abs).min().orElse(0) > 1, "currents flow: " + Arrays.toString(got[0]));
    }

    @Test
    void theImagedShareOfCellsIsTheCellFractionAndNested() {
        int n = 100_000;
        int at30 = 0;
        for (int i = 0; i < n; i++) {
            boolean in30 = CalciumMeasure.imaged(i, 0.3);
            at30 += in30 ? 1 : 0;
            assertTrue(!in30 || CalciumMeasure.imaged(i, 0.5), "cell " + i + ": imaged at 0.3, so at 0.5 too");
        }
        // binomial: sd = sqrt(n · 0.3 · 0.7) ≈ 145
        assertEquals(0.3 * n, at30, 4 * Math.sqrt(n * 0.3 * 0.7), "imaged cells of " + n);
    }

    @Test
    void anLfpSamplingOffTheModelsTimeGridIsRefusedBeforeAnyMemberIsBuilt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ObservedMemberProgram.experiment("lfp", ", \"lfp\": {\"sampleMs\": 0.25}"));
        assertTrue(e.getMessage().contains("'observations.lfp.sampleMs' is 0.25; expected a multiple of the model's time step"
                + " 0.1 ms"), e.getMessage());
    }

    /** Runs the program on 1 rank × 1 thread, 1 rank × 2 threads and 2 ranks; all agree, and the restore continues. */
    private static String sameForAnyLayout(String operator, String settings, Path dir) throws Exception {
        SpikingExperiment exp = ObservedMemberProgram.experiment(operator, settings);
        String one = ObservedMemberProgram.run(exp, 1, null, dir.resolve("one.state"));
        assertEquals(one, ObservedMemberProgram.run(exp, 2, null, dir.resolve("threads.state")), "2 threads");
        List<Object> two = new MulticoreWorld(2, Duration.ofMinutes(5)).run(ObservedMemberProgram.class.getName(), operator,
                settings, dir.resolve("ranks.state").toString());
        assertEquals(one, two.get(0), "rank 0 of 2");
        assertEquals(one, two.get(1), "rank 1 of 2");
        String[] parts = one.split("\\|");
        String[] whole = parts[0].split("\n");
        assertEquals(whole[2] + "\n" + whole[3] + "\n", parts[1], "windows 3 and 4 after the restore");
        return parts[0];
    }

    private static double[][] windows(String text) {
        return Arrays.stream(text.split("\n")).map(line -> Arrays.stream(line.substring(1, line.length() - 1).split(", "))
                .mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
    }

    /** The plain cortex member the observed ones wrap, with the parameter at its truth. */
    private static MeasurableMember plainMember() {
        SpikingExperiment exp = ObservedMemberProgram.experiment("area_rate", "");
        var model = new CortexSpikingModel(new EnsembleConfig.Model.Cortex(
                Path.of("..", "ensembles", "models", "cortex-small.json").toAbsolutePath().normalize().toString(), null, Map.of()));
        MeasurableMember m = (MeasurableMember) model.build(exp.networkSeed(0), 1, null, exp.readout());
        m.distribute(new double[] {1.0});
        return m;
    }

    /** Every spike of the member, one call at a time; the ΔF/F at every bin centre from the operator's own apply. */
    private static double[][] referenceCalcium() {
        List<Double> times = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        List<Double> samples = new ArrayList<>();
        List<Boolean> isBin = new ArrayList<>();
        MeasurableMember.CellLabels labels;
        try (MeasurableMember m = plainMember()) {
            labels = m.cellLabels();
            for (int call = 0; call <= ObservedMemberProgram.WINDOWS; call++) {
                long from = m.stepCount();
                if (call == 0) {
                    m.simulateMs(ObservedMemberProgram.WARMUP_MS);
                } else {
                    m.advance();
                }
                SpikeRecorder r = m.lastSpikes();
                for (int i = 0; i < r.size(); i++) {
                    times.add((m.spikeStepOffset() + r.step(i)) * m.dtMs());
                    ids.add(r.neuron(i));
                }
                var s = CalciumMeasure.samples(from * m.dtMs(), m.stepCount() * m.dtMs(), call == 0 ? 0 : BINS, 50,
                        CalciumMeasure.KEEP_ALIVE_RISES * 10.0);
                for (int k = 0; k < s.timesMs().length; k++) {
                    samples.add(s.timesMs()[k]);
                    isBin.add(s.isBin()[k]);
                }
            }
        }
        List<ObservedQuantity> areas = labels.areas().stream().map(ObservedQuantity::ofArea).toList();
        var op = new CalciumFluorescenceOperator(new NeuronGroups(areas, labels.areaOf(), labels.excitatory()),
                CellSelection.EXCITATORY, new CalciumKernel(10, 100, 0.5, Double.POSITIVE_INFINITY));
        double[] t = samples.stream().mapToDouble(Double::doubleValue).toArray();
        double[] out = op.apply(new SpikeTrains(times.stream().mapToDouble(Double::doubleValue).toArray(),
                ids.stream().mapToInt(Integer::intValue).toArray(), times.size()), t, new double[t.length * areas.size()]);
        double[][] perWindow = new double[ObservedMemberProgram.WINDOWS][BINS * areas.size()];
        int bin = 0;
        for (int k = 0; k < t.length; k++) {
            if (isBin.get(k)) {
                System.arraycopy(out, k * areas.size(), perWindow[bin / BINS], (bin % BINS) * areas.size(), areas.size());
                bin++;
            }
        }
        return perWindow;
    }

    /**
     * The currents onto every excitatory cell, summed per area in double precision every millisecond by a step
     * observer of the kernel; the Mazzoni proxy of their means per cell, averaged over each bin's samples.
     */
    private static double[][] referenceLfp() {
        List<double[]> ampa = new ArrayList<>();
        List<double[]> gaba = new ArrayList<>();
        List<Double> sampleMs = new ArrayList<>();
        MeasurableMember.CellLabels labels;
        int areas;
        try (MeasurableMember m = plainMember()) {
            labels = m.cellLabels();
            areas = labels.areas().size();
            int[] cells = new int[areas];
            for (int i = 0; i < labels.areaOf().length; i++) {
                cells[Math.max(0, labels.areaOf()[i])] += labels.areaOf()[i] >= 0 && labels.excitatory()[i] ? 1 : 0;
            }
            var network = ((CortexMember) m).network().network();
            int nAreas = areas;
            network.addStepObserver((net, step) -> {
                double[] e = new double[nAreas];
                double[] i = new double[nAreas];
                for (int n = 0; n < labels.areaOf().length; n++) {
                    int a = labels.areaOf()[n];
                    if (a >= 0 && labels.excitatory()[n]) {
                        var p = net.populationOf(n);
                        e[a] += p.dynamics().synapticCurrentPa(0, n - p.offset());
                        for (int c = 1; c < p.dynamics().model().receptorChannels(); c++) {
                            i[a] += p.dynamics().synapticCurrentPa(c, n - p.offset());
                        }
                    }
                }
                for (int a = 0; a < nAreas; a++) {
                    e[a] /= cells[a];
                    i[a] /= cells[a];
                }
                ampa.add(e);
                gaba.add(i);
                sampleMs.add((step + 1) * net.dtMs());
            }, 10);
            m.simulateMs(ObservedMemberProgram.WARMUP_MS);
            for (int w = 0; w < ObservedMemberProgram.WINDOWS; w++) {
                m.advance();
            }
        }
        int n = sampleMs.size();
        double[] ampaPa = new double[areas * n];
        double[] gabaPa = new double[areas * n];
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < areas; a++) {
                ampaPa[a * n + k] = ampa.get(k)[a];
                gabaPa[a * n + k] = gaba.get(k)[a];
            }
        }
        List<ObservedQuantity> quantities = labels.areas().stream().map(ObservedQuantity::ofArea).toList();
        var currents = new SynapticCurrents(quantities, sampleMs.get(0), 1.0, n, ampaPa, gabaPa);
        double[][] perWindow = new double[ObservedMemberProgram.WINDOWS][BINS * areas];
        for (int w = 0; w < ObservedMemberProgram.WINDOWS; w++) {
            for (int b = 0; b < BINS; b++) {
                double start = ObservedMemberProgram.WARMUP_MS + w * 100 + b * 50;
                // the samples at times (start, start + 50] ms: every millisecond
                double[] t = new double[50];
                for (int k = 0; k < t.length; k++) {
                    t[k] = start + k + 1;
                }
                double[] lfp = LfpProxyOperator.mazzoni2015().apply(currents, t, new double[t.length * areas]);
                for (int k = 0; k < t.length; k++) {
                    for (int a = 0; a < areas; a++) {
                        perWindow[w][b * areas + a] += lfp[k * areas + a] / t.length;
                    }
                }
            }
        }
        return perWindow;
    }
}
