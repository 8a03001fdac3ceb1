package doka.launcher.simulate;

import doka.engine.atlas.Atlas;
import doka.engine.cortex.CellClass;
import doka.engine.cortex.Cells;
import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexNetwork;
import doka.engine.cortex.RateRecorder;
import doka.observation.analysis.PhaseHistogram;
import doka.observation.analysis.Spectra;
import java.io.IOException;
import java.nio.file.Path;

/** The PNG figures of a cortex run: raster, rate traces, spectra and gamma-phase histograms. */
public final class CortexPlots {
    private CortexPlots() {
    }

    /**
     * Writes raster.png, rates.png, spectrum.png and (when spikes were kept) phases.png; with a
     * stimulus, also stimulus.png and stimulus-spectrum.png.
     */
    public static void write(Path dir, CortexMember member, CortexMember.Window w, int focus) throws IOException {
        CortexNetwork net = member.network();
        Atlas atlas = net.atlas();
        RateRecorder rec = member.recorder();
        Cells cells = net.cells();
        String focusName = atlas.areas().get(focus).name();
        String tag = atlas.synthetic() ? " [synthetic atlas]" : "";
        double dt = member.model().run().dtMs();
        // Raster of the focus area: one series per layer × class, neurons in population order.
        PngPlot raster = new PngPlot("Spikes in " + focusName + tag, "time (ms)", "neuron (L2/3 top → L6 bottom)");
        int first = cells.areaStart(focus), last = cells.areaEnd(focus);
        for (int l = 0; l < Cells.LAYERS; l++) {
            for (CellClass c : CellClass.values()) {
                int p = Cells.population(focus, l, c);
                int n = 0;
                for (int i = 0; i < rec.keptCount(); i++) {
                    int k = rec.keptNeuron(i);
                    n += k >= cells.offset(p) && k < cells.offset(p + 1) ? 1 : 0;
                }
                double[] x = new double[n], y = new double[n];
                int j = 0;
                for (int i = 0; i < rec.keptCount(); i++) {
                    int k = rec.keptNeuron(i);
                    if (k >= cells.offset(p) && k < cells.offset(p + 1)) {
                        x[j] = w.startMs() + (rec.keptStep(i) - rec.startStep()) * dt;
                        y[j++] = last - k;
                    }
                }
                raster.points(n > 0 ? CortexRun.label(l, c.ordinal()) : null, x, y,
                        PngPlot.PALETTE[c.ordinal() + 3 * (l % 2)]);
            }
        }
        raster.yRange(0, Math.max(1, last - first)).write(dir.resolve("raster.png"), 1000, 600);
        // Rate traces and spectra of the focus area and up to three others (MOs first).
        int[] shown = shownAreas(atlas, focus);
        PngPlot rates = new PngPlot("Population rates" + tag, "time (ms)", "rate (Hz)");
        PngPlot spectrum = new PngPlot("Population-rate spectra (Welch)" + tag, "frequency (Hz)", "PSD (Hz²/Hz)").logY();
        for (int i = 0; i < shown.length; i++) {
            double[] r = w.rateHz()[shown[i]];
            double[] t = new double[r.length];
            for (int b = 0; b < r.length; b++) {
                t[b] = w.startMs() + b * w.binMs();
            }
            rates.line(atlas.areas().get(shown[i]).name(), t, r, PngPlot.PALETTE[i]);
            Spectra.Psd psd = Spectra.welch(r, w.binMs(), CortexRun.segmentBins(w.binMs()));
            spectrum.line(atlas.areas().get(shown[i]).name(), psd.frequencyHz(), psd.density(), PngPlot.PALETTE[i]);
        }
        rates.write(dir.resolve("rates.png"), 1000, 400);
        spectrum.xRange(0, 150).write(dir.resolve("spectrum.png"), 800, 450);
        int[] stimBins = CortexRun.stimulusBins(member.model(), w);
        if (stimBins != null && rec.keptCount() > 0) {
            writeStimulus(dir, member, w, focus, stimBins, tag);
        }
        if (rec.keptCount() > 0) {
            int[] bins = stimBins;
            boolean[] who = bins == null ? cells.inArea(focus) : CortexRun.localCells(member, focus);
            double[] r = rec.keptRateHz(who);
            PhaseHistogram ph = CortexRun.gammaPhases(rec, r, who, bins == null ? 0 : bins[0],
                    bins == null ? r.length : bins[1]);
            String scope = bins == null ? focusName : focusName + " within " + (int) CortexRun.LOCAL_RADIUS_UM
                    + " µm of the stimulated column, during stimulation";
            PngPlot phases = new PngPlot("Gamma (30–50 Hz) phase of spikes, " + scope + tag,
                    "phase (rad; 0 = population-rate peak)", "fraction of spikes");
            double[] centres = ph.binCentresRad();
            int k = 0;
            for (int l = 0; l < Cells.LAYERS; l++) {
                for (int c = 0; c < Cells.CLASSES; c++) {
                    int g = CortexRun.group(l, c);
                    if (ph.events()[g] >= CortexRun.MIN_PHASE_SPIKES) {
                        phases.line(CortexRun.label(l, c) + String.format(" (%.2f)", ph.meanPhaseRad()[g]),
                                centres, ph.fraction()[g], PngPlot.PALETTE[k++ % PngPlot.PALETTE.length]);
                    }
                }
            }
            phases.xRange(-Math.PI, Math.PI).write(dir.resolve("phases.png"), 900, 450);
        }
    }

    /** stimulus.png: local rate around the column; stimulus-spectrum.png: spectra before and during. */
    private static void writeStimulus(Path dir, CortexMember member, CortexMember.Window w, int focus, int[] bins,
                                      String tag) throws IOException {
        CortexNetwork net = member.network();
        Atlas atlas = net.atlas();
        boolean[] local = CortexRun.localCells(member, focus);
        double[] r = member.recorder().keptRateHz(local);
        double[] t = new double[r.length];
        for (int b = 0; b < r.length; b++) {
            t[b] = w.startMs() + b * w.binMs();
        }
        String where = atlas.areas().get(focus).name() + " ≤ " + (int) CortexRun.LOCAL_RADIUS_UM + " µm of the column, driven cells left out";
        new PngPlot("Rate of " + where + " (stimulus from " + (int) (w.startMs() + bins[0] * w.binMs()) + " ms)" + tag,
                "time (ms)", "rate (Hz)").line(where, t, r, PngPlot.PALETTE[0])
                .write(dir.resolve("stimulus.png"), 1000, 400);
        int seg = CortexRun.segmentBins(w.binMs());
        PngPlot sp = new PngPlot("Spectra before / during the stimulus (local = " + where + ")" + tag, "frequency (Hz)", "PSD (Hz²/Hz)").logY();
        sp.line("local, before", psdOf(r, 0, bins[0], w, seg).frequencyHz(), psdOf(r, 0, bins[0], w, seg).density(),
                PngPlot.PALETTE[7]);
        sp.line("local, during", psdOf(r, bins[0], bins[1], w, seg).frequencyHz(),
                psdOf(r, bins[0], bins[1], w, seg).density(), PngPlot.PALETTE[0]);
        String hemi = atlas.areas().get(focus).hemisphere().tag();
        if (atlas.hasArea("MOs-" + hemi)) {
            double[] mos = w.rateHz()[atlas.area("MOs-" + hemi).index()];
            sp.line("MOs-" + hemi + ", before", psdOf(mos, 0, bins[0], w, seg).frequencyHz(),
                    psdOf(mos, 0, bins[0], w, seg).density(), PngPlot.PALETTE[4]);
            sp.line("MOs-" + hemi + ", during", psdOf(mos, bins[0], bins[1], w, seg).frequencyHz(),
                    psdOf(mos, bins[0], bins[1], w, seg).density(), PngPlot.PALETTE[1]);
        }
        sp.xRange(0, 150).write(dir.resolve("stimulus-spectrum.png"), 900, 450);
    }

    private static Spectra.Psd psdOf(double[] x, int from, int to, CortexMember.Window w, int seg) {
        return Spectra.welch(java.util.Arrays.copyOfRange(x, from, to), w.binMs(), seg);
    }

    private static int[] shownAreas(Atlas atlas, int focus) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        out.add(focus);
        String hemi = atlas.areas().get(focus).hemisphere().tag();
        for (String acr : new String[] {"MOs", "MOp", "SSp-ul"}) {
            String name = acr + "-" + hemi;
            if (atlas.hasArea(name) && atlas.area(name).index() != focus && out.size() < 4) {
                out.add(atlas.area(name).index());
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
