package doka.launcher.simulate;

import com.fasterxml.jackson.annotation.JsonProperty;
import doka.engine.atlas.Area;
import doka.engine.cortex.CellClass;
import doka.engine.cortex.Cells;
import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexNetwork;
import doka.engine.cortex.RateRecorder;
import doka.engine.regions.Regions;
import doka.observation.analysis.PhaseHistogram;
import doka.observation.analysis.PhaseLocking;
import doka.observation.analysis.Spectra;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stimulation experiment of a member with regions (report Fig. 2), beside {@link StimulusReadout}'s per-area
 * power: for every class ("MOp-L/E" over all layers, "PG-L/E",
 * "SIM-L/granule", …) the vector strength of its spikes to MOp's gamma cycle (the band phase of
 * the local rate around the stimulated column, during the stimulus) and a phase histogram.
 */
final class RegionStimulus {
    /** The summary's additions, and the histograms for {@code --out}. */
    record Result(Map<String, Double> phaseLocking, List<String> classes,
                  PhaseHistogram histogram) {
    }

    private RegionStimulus() {
    }

    /**
     * {@code local} is the reference rate (per recorder bin) and {@code bins} the [onset, offset) bins;
     * the recorder must have kept the spikes of every neuron.
     */
    static Result of(CortexMember member, CortexMember.Window w, double[] local, int[] bins) {
        CortexNetwork net = member.network();
        Regions regions = net.regions();
        RateRecorder rec = member.recorder();
        // Classes: cortical area × class (all layers), then every region population.
        List<String> classes = new ArrayList<>();
        int nCortexPop = net.cells().populationCount();
        int[] groupOfPopulation = new int[nCortexPop + regions.cells().populationCount()];
        for (Area a : net.atlas().areas()) {
            for (CellClass c : CellClass.values()) {
                for (int l = 0; l < Cells.LAYERS; l++) {
                    groupOfPopulation[Cells.population(a.index(), l, c)] = classes.size();
                }
                classes.add(a.name() + "/" + c.name());
            }
        }
        for (int p = 0; p < regions.cells().populationCount(); p++) {
            groupOfPopulation[nCortexPop + p] = classes.size();
            classes.add(regions.populationName(p));
        }
        boolean[] all = new boolean[net.network().neuronCount()];
        Arrays.fill(all, true);
        RateRecorder.KeptSpikes spikes = rec.keptSpikes(all, bins[0], bins[1]);
        int[] group = new int[spikes.population().length];
        for (int i = 0; i < group.length; i++) {
            group[i] = groupOfPopulation[spikes.population()[i]];
        }
        double[] vs = PhaseLocking.vectorStrength(local, w.binMs(), CortexRun.GAMMA_LOW_HZ, CortexRun.GAMMA_HIGH_HZ,
                spikes.bin(), group, classes.size());
        Map<String, Double> locking = new LinkedHashMap<>();
        int[] count = new int[classes.size()];
        for (int g : group) {
            count[g]++;
        }
        for (int g = 0; g < classes.size(); g++) {
            if (count[g] >= CortexRun.MIN_PHASE_SPIKES) {
                locking.put(classes.get(g), vs[g]);
            }
        }
        PhaseHistogram h = PhaseHistogram.of(local, w.binMs(), CortexRun.GAMMA_LOW_HZ, CortexRun.GAMMA_HIGH_HZ, spikes.bin(),
                group, classes.size(), CortexRun.PHASE_BINS);
        return new Result(locking, classes, h);
    }

    /**
     * {@code phase_histograms.csv}: class, bin centre (rad), share of the class's spikes, spikes; and
     * {@code phase_histograms.png}, one line per class with enough spikes, labelled with its vector strength (Fig. 2C).
     */
    static void write(Path dir, Result r) throws IOException {
        List<org.jfree.data.xy.XYSeries> lines = new ArrayList<>();
        double[] centres = r.histogram().binCentresRad();
        for (int g = 0; g < r.classes().size(); g++) {
            Double vs = r.phaseLocking().get(r.classes().get(g));
            if (vs != null) {
                org.jfree.data.xy.XYSeries s = new org.jfree.data.xy.XYSeries(
                        String.format(java.util.Locale.ROOT, "%s (%.2f)", r.classes().get(g), vs), false, true);
                for (int b = 0; b < centres.length; b++) {
                    s.add(centres[b], r.histogram().fraction()[g][b]);
                }
                lines.add(s);
            }
        }
        doka.launcher.report.Charts.save(dir.resolve("phase_histograms.png"), doka.launcher.report.Charts.lines(
                "Phase of each class's spikes to MOp's 30–50 Hz cycle during the stimulus (vector strength)",
                "phase (rad; 0 = MOp local rate peak)", "fraction of spikes",
                lines.toArray(new org.jfree.data.xy.XYSeries[0])), 1000, 550);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("phase_histograms.csv"))) {
            out.write("class,phase_rad,fraction,spikes\n");
            double[] centre = r.histogram().binCentresRad();
            for (int g = 0; g < r.classes().size(); g++) {
                if (r.histogram().events()[g] == 0) {
                    continue;
                }
                for (int b = 0; b < centre.length; b++) {
                    out.write(r.classes().get(g) + "," + (float) centre[b] + "," + (float) r.histogram().fraction()[g][b] + ","
                            + r.histogram().events()[g] + "\n");
                }
            }
        }
    }
}
