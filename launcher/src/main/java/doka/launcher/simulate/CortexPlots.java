package doka.launcher.simulate;

import doka.engine.atlas.Atlas;
import doka.engine.cortex.CellClass;
import doka.engine.cortex.Cells;
import doka.engine.cortex.CortexMember;
import doka.engine.cortex.RateRecorder;
import doka.launcher.report.Charts;
import doka.observation.analysis.PhaseHistogram;
import doka.observation.analysis.Spectra;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The PNG figures of a cortex run, drawn with JFreeChart in the style of {@link Charts}: raster,
 * rate traces, spectra and gamma-phase histograms; with a stimulus, also the rate around the
 * stimulated column and its spectra before and during the stimulus.
 */
final class CortexPlots {
    /** Highest frequency the spectra show, Hz (the gamma band and its neighbours). */
    private static final double SPECTRUM_MAX_HZ = 150;

    /** One figure: file name, chart and size. */
    record Figure(String file, JFreeChart chart, int widthPx, int heightPx) {
    }

    private CortexPlots() {
    }

    /**
     * Writes raster.png, rates.png, spectrum.png and (when spikes were kept) phases.png; with a
     * stimulus, also stimulus.png and stimulus-spectrum.png.
     */
    static void write(Path dir, CortexMember member, CortexMember.Window w, int focus) {
        for (Figure f : figures(member, w, focus)) {
            Charts.save(dir.resolve(f.file()), f.chart(), f.widthPx(), f.heightPx());
        }
    }

    /** The figures {@link #write} writes. */
    static List<Figure> figures(CortexMember member, CortexMember.Window w, int focus) {
        Atlas atlas = member.network().atlas();
        RateRecorder rec = member.recorder();
        Cells cells = member.network().cells();
        String focusName = atlas.areas().get(focus).name();
        String tag = atlas.synthetic() ? " [synthetic atlas]" : "";
        List<Figure> out = new ArrayList<>();
        out.add(new Figure("raster.png", raster(member, w, focus, "Spikes in " + focusName + tag), 1000, 600));
        // Rate traces and spectra of the focus area and up to three others (MOs first).
        List<XYSeries> rates = new ArrayList<>(), spectra = new ArrayList<>();
        for (int a : shownAreas(atlas, focus)) {
            String name = atlas.areas().get(a).name();
            rates.add(trace(name, w, w.rateHz()[a]));
            spectra.add(psd(name, w.rateHz()[a], 0, w.rateHz()[a].length, w));
        }
        out.add(new Figure("rates.png", lines("Population rates" + tag, timeAxis(w),
                new NumberAxis("rate (Hz)"), rates, Charts.PALETTE), 1000, 400));
        out.add(new Figure("spectrum.png", spectrumChart("Population-rate spectra (Welch)" + tag, spectra, Charts.PALETTE),
                800, 450));
        int[] stimBins = CortexRun.stimulusBins(member.model(), w);
        if (stimBins != null && rec.keptCount() > 0) {
            stimulusFigures(out, member, w, focus, stimBins, tag);
        }
        if (rec.keptCount() > 0) {
            boolean[] who = stimBins == null ? cells.inArea(focus) : CortexRun.localCells(member, focus);
            double[] r = rec.keptRateHz(who);
            PhaseHistogram ph = CortexRun.gammaPhases(rec, r, who, stimBins == null ? 0 : stimBins[0],
                    stimBins == null ? r.length : stimBins[1]);
            String scope = stimBins == null ? focusName : focusName + " within " + (int) CortexRun.LOCAL_RADIUS_UM
                    + " µm of the stimulated column, during stimulation";
            List<XYSeries> phases = new ArrayList<>();
            double[] centres = ph.binCentresRad();
            for (int l = 0; l < Cells.LAYERS; l++) {
                for (int c = 0; c < Cells.CLASSES; c++) {
                    int g = CortexRun.group(l, c);
                    if (ph.events()[g] >= CortexRun.MIN_PHASE_SPIKES) {
                        phases.add(series(CortexRun.label(l, c) + String.format(" (%.2f)", ph.meanPhaseRad()[g]), centres,
                                ph.fraction()[g]));
                    }
                }
            }
            NumberAxis phase = new NumberAxis("phase (rad; 0 = population-rate peak)");
            phase.setRange(-Math.PI, Math.PI);
            out.add(new Figure("phases.png", lines("Gamma (" + (int) CortexRun.GAMMA_LOW_HZ + "–"
                    + (int) CortexRun.GAMMA_HIGH_HZ + " Hz) phase of spikes, " + scope + tag, phase,
                    new NumberAxis("fraction of spikes"), phases, Charts.PALETTE), 900, 450));
        }
        return out;
    }

    /** Raster of the focus area's kept spikes: one series per layer × class, L2/3 at the top. */
    private static JFreeChart raster(CortexMember member, CortexMember.Window w, int focus, String title) {
        RateRecorder rec = member.recorder();
        Cells cells = member.network().cells();
        double dtMs = member.model().run().dtMs();
        int first = cells.areaStart(focus), last = cells.areaEnd(focus);
        XYSeriesCollection data = new XYSeriesCollection();
        List<Color> colours = new ArrayList<>();
        for (int l = 0; l < Cells.LAYERS; l++) {
            for (CellClass c : CellClass.values()) {
                int p = Cells.population(focus, l, c);
                XYSeries s = new XYSeries(CortexRun.label(l, c.ordinal()), false, true);
                for (int i = 0; i < rec.keptCount(); i++) {
                    int k = rec.keptNeuron(i);
                    if (k >= cells.offset(p) && k < cells.offset(p + 1)) {
                        s.add(w.startMs() + (rec.keptStep(i) - rec.startStep()) * dtMs, last - k);
                    }
                }
                if (s.getItemCount() > 0) {
                    data.addSeries(s);
                    // classes in three colours, alternate layers in three others
                    colours.add(Charts.PALETTE[c.ordinal() + 3 * (l % 2)]);
                }
            }
        }
        NumberAxis neuron = new NumberAxis("neuron (L2/3 top → L6 bottom)");
        neuron.setRange(0, Math.max(1, last - first));
        return chart(title, new XYPlot(data, timeAxis(w), neuron, Charts.dots(2)), colours.toArray(Color[]::new), true);
    }

    /** stimulus.png: local rate around the column; stimulus-spectrum.png: spectra before and during. */
    private static void stimulusFigures(List<Figure> out, CortexMember member, CortexMember.Window w, int focus, int[] bins,
                                        String tag) {
        Atlas atlas = member.network().atlas();
        double[] r = member.recorder().keptRateHz(CortexRun.localCells(member, focus));
        String where = atlas.areas().get(focus).name() + " ≤ " + (int) CortexRun.LOCAL_RADIUS_UM
                + " µm of the column, driven cells left out";
        // one series, named by the title: no legend
        out.add(new Figure("stimulus.png", chart("Rate of " + where + " (stimulus from "
                + (int) (w.startMs() + bins[0] * w.binMs()) + " ms)" + tag, new XYPlot(
                new XYSeriesCollection(trace(where, w, r)), timeAxis(w), new NumberAxis("rate (Hz)"),
                new XYLineAndShapeRenderer(true, false)), new Color[] {Charts.PALETTE[0]}, false), 1000, 400));
        List<XYSeries> spectra = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        spectra.add(psd("local, before", r, 0, bins[0], w));
        spectra.add(psd("local, during", r, bins[0], bins[1], w));
        colours.addAll(List.of(Charts.PALETTE[7], Charts.PALETTE[0]));
        String mos = "MOs-" + atlas.areas().get(focus).hemisphere().tag();
        if (atlas.hasArea(mos)) {
            double[] rate = w.rateHz()[atlas.area(mos).index()];
            spectra.add(psd(mos + ", before", rate, 0, bins[0], w));
            spectra.add(psd(mos + ", during", rate, bins[0], bins[1], w));
            colours.addAll(List.of(Charts.PALETTE[4], Charts.PALETTE[1]));
        }
        out.add(new Figure("stimulus-spectrum.png", spectrumChart("Spectra before / during the stimulus (local = " + where
                + ")" + tag, spectra, colours.toArray(Color[]::new)), 900, 450));
    }

    /** Time over the simulated window (not from 0: the warm-up is not shown). */
    private static NumberAxis timeAxis(CortexMember.Window w) {
        NumberAxis time = new NumberAxis("time (ms)");
        time.setRange(w.startMs(), w.startMs() + w.rateHz()[0].length * w.binMs());
        return time;
    }

    /** A rate per bin against the bin's start time. */
    private static XYSeries trace(String name, CortexMember.Window w, double[] rateHz) {
        double[] t = new double[rateHz.length];
        for (int b = 0; b < t.length; b++) {
            t[b] = w.startMs() + b * w.binMs();
        }
        return series(name, t, rateHz);
    }

    /**
     * Welch PSD of bins [from, to) of a rate, up to {@link #SPECTRUM_MAX_HZ}; without 0 Hz (the
     * removed mean) and zero densities, which a log axis cannot show.
     */
    private static XYSeries psd(String name, double[] rateHz, int from, int to, CortexMember.Window w) {
        Spectra.Psd p = Spectra.welch(Arrays.copyOfRange(rateHz, from, to), w.binMs(), CortexRun.segmentBins(w.binMs()));
        XYSeries s = new XYSeries(name);
        for (int k = 0; k < p.frequencyHz().length; k++) {
            if (p.frequencyHz()[k] > 0 && p.frequencyHz()[k] <= SPECTRUM_MAX_HZ && p.density()[k] > 0) {
                s.add(p.frequencyHz()[k], p.density()[k]);
            }
        }
        return s;
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        XYSeries s = new XYSeries(name);
        for (int i = 0; i < x.length; i++) {
            s.add(x[i], y[i]);
        }
        return s;
    }

    private static JFreeChart spectrumChart(String title, List<XYSeries> spectra, Color[] colours) {
        NumberAxis f = new NumberAxis("frequency (Hz)");
        f.setRange(0, SPECTRUM_MAX_HZ);
        LogAxis psd = new LogAxis("PSD (Hz²/Hz)");
        psd.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // ticks at whole decades, not 10^0.5
        return lines(title, f, psd, spectra, colours);
    }

    private static JFreeChart lines(String title, ValueAxis x, ValueAxis y, List<XYSeries> series, Color[] colours) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach(data::addSeries);
        return chart(title, new XYPlot(data, x, y, new XYLineAndShapeRenderer(true, false)), colours, true);
    }

    /** Series colours in order (cycling through {@code colours}); the legend, if any, right of the plot. */
    private static JFreeChart chart(String title, XYPlot plot, Color[] colours, boolean legend) {
        XYItemRenderer r = plot.getRenderer();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            r.setSeriesPaint(i, colours[i % colours.length]);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
        // room for the last tick label of the time axis when no legend stands beside the plot
        chart.setPadding(new RectangleInsets(4, 4, 4, 16));
        if (legend) {
            chart.getLegend().setPosition(RectangleEdge.RIGHT);
        }
        return chart;
    }

    /** The focus area, then MOs, MOp and SSp-ul of its hemisphere where present: four at most. */
    private static int[] shownAreas(Atlas atlas, int focus) {
        List<Integer> out = new ArrayList<>();
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
