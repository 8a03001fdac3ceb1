package doka.launcher.simulate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import doka.engine.atlas.Area;
import doka.engine.atlas.Atlas;
import doka.engine.atlas.Layer;
import doka.engine.bench.PeakMemory;
import doka.engine.cortex.CellClass;
import doka.engine.cortex.Cells;
import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.engine.cortex.RateRecorder;
import doka.engine.kernel.RankComm;
import doka.launcher.cycle.Progress;
import doka.observation.analysis.PhaseHistogram;
import doka.observation.analysis.Signals;
import doka.observation.analysis.Spectra;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds and runs one member for a model file's warm-up and simulation time, and summarises it:
 * per area the mean rate, the peak frequency of the population-rate spectrum (10–200 Hz) and
 * the 30–50 Hz power; per population the mean rate; sizes and timings. Optionally writes rates,
 * spikes of the stimulated (or first) area, a voxel rate map, the summary and PNG plots.
 */
public final class CortexRun {
    /** The gamma band, Hz. */
    static final double GAMMA_LOW_HZ = 30;
    static final double GAMMA_HIGH_HZ = 50;
    /** Bins of the gamma-phase histograms over −π..π. */
    static final int PHASE_BINS = 18;
    /** Fewest spikes for a layer × class to have a mean phase reported. */
    static final int MIN_PHASE_SPIKES = 20;

    /** Summary of one area. */
    public record AreaSummary(double rateHz, double peakHz, double gammaPower) {
    }

    /**
     * The stimulation experiment: the cells within {@code radiusUm} of the stimulated column
     * ("local"), before and during the stimulus; gamma (30–50 Hz) power of their rate (also over the
     * second half of the stimulus, which tells a sustained rhythm from an onset transient) and of the
     * other areas' rates; mean gamma phase per layer and class during the stimulus; the lag of each
     * watched area behind the local rate.
     */
    public record StimulusSummary(String area, int column, int stimulatedCells, double radiusUm, int localCells,
                                  double localRatePreHz, double localRateDuringHz, double localGammaPre,
                                  double localGammaDuring, double localGammaLate, double localPeakDuringHz,
                                  Map<String, Double> meanPhaseRad, Map<String, double[]> areaGammaPreDuring,
                                  Map<String, Double> lagMs, Map<String, StimulusReadout.AreaGamma> areas,
                                  @JsonProperty("phase_rad") Map<String, Double> phaseRad,
                                  @JsonProperty("lag_ms") Map<String, Double> areaLagMs,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("phase_locking")
                                  Map<String, Double> phaseLocking,
                                  @JsonIgnore RegionStimulus.Result regions) {
    }

    /**
     * One rank's share of a member split over ranks (the whole member on one rank): neurons
     * owned, synapses stored and their bytes, spikes of its neurons and spikes sent to other
     * ranks (copies; both with the warm-up), spike exchanges and the seconds spent in them, simulation time of the measured
     * part, and the process's peak resident memory.
     */
    public record RankShare(int rank, int ranks, int neurons, long synapses, long synapseBytes, long spikes, long spikesSent,
                            long exchanges, double exchangeS, double simS, double peakRssMb) {
    }

    /** Everything the run reports (the simulate command prints it as JSON). */
    public record Summary(String model, String atlas, boolean synthetic, double densityScale, int neurons,
                          long synapses, double buildS, double simS, double peakRssMb, double gamma,
                          Map<String, AreaSummary> areas, Map<String, Double> populationRatesHz,
                          Map<String, Double> populationCvIsi, Map<String, Long> synapsesBySource,
                          StimulusReadout.Rest rest, StimulusSummary stimulus, List<String> notes, RankShare share) {
        /** The summary as one JSON line (keys as in the command's documentation). */
        public String toJson() throws IOException {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("atlas", atlas);
            m.put("synthetic", synthetic);
            m.put("density_scale", densityScale);
            m.put("neurons", neurons);
            m.put("synapses", synapses);
            m.put("build_s", buildS);
            m.put("sim_s", simS);
            m.put("peak_rss_mb", finite(peakRssMb));
            m.put("synapses_by_source", synapsesBySource);
            m.put("long_range_gamma", gamma);
            Map<String, Object> areasOut = new LinkedHashMap<>();
            areas.forEach((k, v) -> {
                // ordered, so that the same run prints the same bytes
                Map<String, Object> area = new LinkedHashMap<>();
                area.put("rate_hz", v.rateHz);
                area.put("peak_hz", finite(v.peakHz));
                area.put("gamma_power", v.gammaPower);
                areasOut.put(k, area);
            });
            m.put("areas", areasOut);
            m.put("populations", populationRatesHz);
            m.put("cv_isi", populationCvIsi);
            m.put("rest", rest);
            if (stimulus != null) {
                m.put("stimulus", stimulus);
            }
            m.put("notes", notes);
            m.put("rank_share", share);
            return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        }

        private static Object finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    private CortexRun() {
    }

    /** Runs the model; writes outputs into {@code outDir} when it is not null. */
    public static Summary run(CortexModel model, Path outDir) throws IOException {
        return run(model, CortexNetwork.loadInputs(model), outDir, null, null, null);
    }

    /**
     * Runs this rank's part of the model split over the ranks of {@code comm} (null: one rank).
     * Every rank returns the whole member's summary; only rank 0 writes {@code outDir} and, when
     * {@code nwbFile} is not null, the spikes and rates as NWB ({@link MemberNwb}), and reports
     * the simulated time to {@code progress} (when not null).
     */
    public static Summary run(CortexModel model, CortexNetwork.Inputs inputs, Path outDir, Path nwbFile, RankComm comm,
            Progress progress) throws IOException {
        java.time.Instant startedAt = java.time.Instant.now();
        long t0 = System.nanoTime();
        CortexMember member = CortexMember.build(model, inputs, comm);
        double buildS = (System.nanoTime() - t0) * 1e-9;
        try {
            CortexNetwork net = member.network();
            Atlas atlas = net.atlas();
            int focus = focusArea(model, atlas);
            double totalMs = model.run().warmupMs() + model.run().tSimMs();
            Progress.Simulation simulated = progress != null && (comm == null || comm.rank() == 0)
                    ? progress.simulation("simulate " + model.name(), totalMs) : null;
            if (simulated != null) {
                // told once per slice of the step loop, which is where the network's clock can be read without slowing it
                long firstStep = net.network().step();
                double dtMs = model.run().dtMs();
                net.network().addSpikeObserver((neuron, step, count) ->
                        simulated.at((net.network().step() - firstStep) * dtMs));
            }
            warmUp(member, focus);
            RateRecorder rec = member.recorder();
            long t1 = System.nanoTime();
            CortexMember.Window w = member.advance(model.run().tSimMs());
            double simS = (System.nanoTime() - t1) * 1e-9;
            if (simulated != null) {
                simulated.at(totalMs);
            }
            Map<String, AreaSummary> areas = new LinkedHashMap<>();
            for (Area a : atlas.areas()) {
                double[] r = w.rateHz()[a.index()];
                Spectra.Psd psd = Spectra.welch(r, w.binMs(), segmentBins(w.binMs()));
                areas.put(a.name(), new AreaSummary(Signals.mean(r), psd.peakHz(10, 200),
                        psd.bandPower(GAMMA_LOW_HZ, GAMMA_HIGH_HZ)));
            }
            // the whole window's rates and CVs are the "rest" read-out of a window without a stimulus
            StimulusReadout.Rest whole = StimulusReadout.rest(member, rec.bins());
            int[] bins = stimulusBins(model, w);
            StimulusReadout readout = bins == null ? null : StimulusReadout.of(model, member, w, bins);
            Summary s = new Summary(model.name(), atlas.name(), atlas.synthetic(), model.cells().densityScale(),
                    net.network().neuronCount(), net.synapseCount(), buildS, simS, PeakMemory.peakRssMb(), net.gamma(), areas,
                    whole.ratesHz(), whole.cvIsi(), synapsesBySource(net), readout == null ? whole : readout.rest(),
                    readout == null ? null : stimulusSummary(model, member, w, bins, readout), net.notes(),
                    new RankShare(comm == null ? 0 : comm.rank(), comm == null ? 1 : comm.size(),
                            net.network().owned().count(), net.network().synapses().synapseCount(),
                            net.network().synapses().bytes(), net.network().spikesEmitted(), net.network().spikesSent(),
                            net.network().exchanges(),
                            net.network().exchangeSeconds(), simS, PeakMemory.peakRssMb()));
            if (outDir != null && (comm == null || comm.rank() == 0)) {
                write(outDir, model, member, w, focus, s);
            }
            if (nwbFile != null && (comm == null || comm.rank() == 0)) {
                MemberNwb.write(nwbFile, member, w, startedAt);
            }
            return s;
        } finally {
            member.close();
        }
    }

    /**
     * Runs a built member through its model's warm-up and simulation and reads out its stimulus experiment (what
     * {@code simulate --json} prints as {@code rest} and {@code stimulus}).
     *
     * @throws IllegalArgumentException when the model has no stimulus with 128 bins before and during it
     */
    public static StimulusReadout readout(CortexModel model, CortexMember member) {
        warmUp(member, focusArea(model, member.network().atlas()));
        CortexMember.Window w = member.advance(model.run().tSimMs());
        int[] bins = stimulusBins(model, w);
        if (bins == null) {
            throw new IllegalArgumentException(model.name() + ": expected a stimulation with at least 128 bins of "
                    + model.run().binMs() + " ms after the warm-up and before it, and 128 during it");
        }
        return StimulusReadout.of(model, member, w, bins);
    }

    /** Advances through the model's warm-up, then keeps the spikes of the focus area. */
    static void warmUp(CortexMember member, int focus) {
        if (member.model().run().warmupMs() > 0) {
            member.advance(member.model().run().warmupMs());
        }
        if (member.network().regions() != null) {
            member.recorder().keepSpikes(0, member.network().network().neuronCount()); // every class's phases
        } else {
            member.recorder().keepSpikes(member.network().cells().areaStart(focus), member.network().cells().areaEnd(focus));
        }
    }

    /** Synapses by source class (local E, FS, LTS) and long-range (between areas, all from E). */
    static Map<String, Long> synapsesBySource(CortexNetwork net) {
        Cells cells = net.cells();
        byte[] cls = new byte[cells.count()];
        int[] area = new int[cells.count()];
        for (int p = 0; p < cells.populationCount(); p++) {
            for (int c = cells.offset(p); c < cells.offset(p + 1); c++) {
                cls[c] = (byte) Cells.classOf(p).ordinal();
                area[c] = Cells.areaOf(p);
            }
        }
        int cortex = cells.count();
        long[] n = new long[5];
        // Synapses from or onto a region cell count apart ("regions").
        net.network().synapses().forEach((src, tgt, w, d) -> n[src >= cortex || tgt >= cortex ? 4
                : area[src] != area[tgt] ? 3 : cls[src]]++);
        if (net.comm() != null) {
            net.comm().sum(n);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("E_local", n[0]);
        out.put("FS", n[1]);
        out.put("LTS", n[2]);
        out.put("E_long_range", n[3]);
        if (net.regions() != null) {
            out.put("regions", n[4]);
        }
        return out;
    }

    /** Radius around the stimulated column whose cells form the "local" population, µm. */
    public static final double LOCAL_RADIUS_UM = 300;

    /**
     * The "local" population of the stimulus experiment: the cells of {@code area} within
     * {@link #LOCAL_RADIUS_UM} of the stimulated column, without the driven cells (their own
     * regular firing is the stimulus, not the network's response).
     */
    static boolean[] localCells(CortexMember member, int area) {
        CortexNetwork net = member.network();
        boolean[] local = net.cells().nearColumn(net.atlas(), area, member.stimulus().column(), LOCAL_RADIUS_UM);
        for (int n : member.stimulus().neurons()) {
            local[n] = false;
        }
        return local;
    }

    /** Bins of the window [pre-stimulus start, onset, offset) or null when either part is under 128 bins. */
    static int[] stimulusBins(CortexModel model, CortexMember.Window w) {
        if (model.stimulation() == null) {
            return null;
        }
        int on = (int) Math.round((model.stimulation().startMs() - w.startMs()) / w.binMs());
        int off = (int) Math.min(w.rateHz()[0].length, Math.round((model.stimulation().stopMs() - w.startMs()) / w.binMs()));
        return on >= 128 && off - on >= 128 ? new int[] {on, off} : null;
    }

    static StimulusSummary stimulusSummary(CortexModel model, CortexMember member, CortexMember.Window w, int[] bins,
                                           StimulusReadout readout) {
        CortexNetwork net = member.network();
        Atlas atlas = net.atlas();
        int area = atlas.area(model.stimulation().area()).index();
        int column = member.stimulus().column();
        boolean[] local = localCells(member, area);
        RateRecorder rec = member.recorder();
        double[] r = rec.keptRateHz(local);
        double[] pre = java.util.Arrays.copyOfRange(r, 0, bins[0]);
        double[] during = java.util.Arrays.copyOfRange(r, bins[0], bins[1]);
        int seg = segmentBins(w.binMs());
        Spectra.Psd p0 = Spectra.welch(pre, w.binMs(), seg), p1 = Spectra.welch(during, w.binMs(), seg);
        double gammaLate = Spectra.welch(java.util.Arrays.copyOfRange(during, during.length / 2, during.length), w.binMs(),
                seg).bandPower(GAMMA_LOW_HZ, GAMMA_HIGH_HZ);
        PhaseHistogram ph = gammaPhases(rec, r, local, bins[0], bins[1]);
        Map<String, Double> phase = new LinkedHashMap<>();
        for (int l = 0; l < Cells.LAYERS; l++) {
            for (int c = 0; c < Cells.CLASSES; c++) {
                if (ph.events()[group(l, c)] >= MIN_PHASE_SPIKES) {
                    phase.put(label(l, c), ph.meanPhaseRad()[group(l, c)]);
                }
            }
        }
        Map<String, double[]> gamma = new LinkedHashMap<>();
        Map<String, Double> lag = new LinkedHashMap<>();
        double[] localDuring = during;
        for (Area a : atlas.areas()) {
            double[] ar = w.rateHz()[a.index()];
            double g0 = Spectra.welch(java.util.Arrays.copyOfRange(ar, 0, bins[0]), w.binMs(), seg)
                    .bandPower(GAMMA_LOW_HZ, GAMMA_HIGH_HZ);
            double g1 = Spectra.welch(java.util.Arrays.copyOfRange(ar, bins[0], bins[1]), w.binMs(), seg)
                    .bandPower(GAMMA_LOW_HZ, GAMMA_HIGH_HZ);
            gamma.put(a.name(), new double[] {g0, g1});
            if (a.index() != area) {
                lag.put(a.name(), Signals.lagMs(localDuring, java.util.Arrays.copyOfRange(ar, bins[0], bins[1]),
                        w.binMs(), 30));
            }
        }
        int nLocal = 0;
        for (boolean b : local) {
            nLocal += b ? 1 : 0;
        }
        RegionStimulus.Result regions = net.regions() == null ? null : RegionStimulus.of(member, w, r, bins);
        return new StimulusSummary(atlas.areas().get(area).name(), column, member.stimulus().neurons().length,
                LOCAL_RADIUS_UM, nLocal, Signals.mean(pre), Signals.mean(during), p0.bandPower(GAMMA_LOW_HZ, GAMMA_HIGH_HZ),
                p1.bandPower(GAMMA_LOW_HZ, GAMMA_HIGH_HZ), gammaLate, p1.peakHz(10, 200), phase, gamma, lag,
                readout.areas(), readout.phaseRad(), readout.lagMs(), regions == null ? null : regions.phaseLocking(), regions);
    }

    /**
     * Gamma-phase histograms per layer × class ({@link #group}) of the kept spikes of the cells in
     * {@code include}, in bins [fromBin, toBin), against the gamma phase of {@code rateHz} (per
     * recorder bin; usually the rate of the same cells).
     */
    static PhaseHistogram gammaPhases(RateRecorder rec, double[] rateHz, boolean[] include, int fromBin, int toBin) {
        RateRecorder.KeptSpikes spikes = rec.keptSpikes(include, fromBin, Math.min(toBin, rateHz.length));
        int[] group = new int[spikes.population().length];
        for (int i = 0; i < group.length; i++) {
            int p = spikes.population()[i];
            group[i] = group(Cells.layerOf(p), Cells.classOf(p).ordinal());
        }
        return PhaseHistogram.of(rateHz, rec.binMs(), GAMMA_LOW_HZ, GAMMA_HIGH_HZ, spikes.bin(), group,
                Cells.LAYERS * Cells.CLASSES, PHASE_BINS);
    }

    /** Phase-histogram group of a modelled layer and class. */
    static int group(int layer, int cls) {
        return layer * Cells.CLASSES + cls;
    }

    /** "L2/3 E" label. */
    public static String label(int layer, int cls) {
        return "L" + Layer.MODELLED[layer].label() + " " + CellClass.values()[cls].name();
    }

    /**
     * Mean coefficient of variation of the inter-spike intervals per population of the kept
     * (focus-area) spikes before {@code beforeStep}, over neurons with at least 3 such spikes;
     * populations without such neurons are left out.
     */
    static Map<String, Double> cvIsi(CortexNetwork net, RateRecorder rec, long beforeStep) {
        int n = net.cells().count();
        java.util.Map<Integer, List<Long>> byNeuron = new java.util.TreeMap<>();
        for (int i = 0; i < rec.keptCount(); i++) {
            if (rec.keptStep(i) >= beforeStep) {
                continue;
            }
            byNeuron.computeIfAbsent(rec.keptNeuron(i), k -> new ArrayList<>()).add(rec.keptStep(i));
        }
        double[] sum = new double[net.cells().populationCount()];
        int[] count = new int[sum.length];
        for (Map.Entry<Integer, List<Long>> e : byNeuron.entrySet()) {
            List<Long> t = e.getValue();
            if (t.size() < 3 || e.getKey() >= n) {
                continue;
            }
            double m = 0, m2 = 0;
            for (int i = 1; i < t.size(); i++) {
                double isi = t.get(i) - t.get(i - 1);
                m += isi;
                m2 += isi * isi;
            }
            int k = t.size() - 1;
            m /= k;
            double sd = Math.sqrt(Math.max(0, m2 / k - m * m));
            int p = net.network().populationOf(e.getKey()).index();
            sum[p] += sd / m;
            count[p]++;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int p = 0; p < sum.length; p++) {
            if (count[p] > 0) {
                out.put(CortexNetwork.populationName(net.atlas(), p), sum[p] / count[p]);
            }
        }
        return out;
    }

    /** Welch segment: 256 ms worth of bins (≈ 4 Hz resolution), at least 16 bins. */
    static int segmentBins(double binMs) {
        return Math.max(16, Integer.highestOneBit((int) Math.max(1, 256 / binMs)));
    }

    /** The stimulated area, else MOp-L when present, else the first area. */
    static int focusArea(CortexModel model, Atlas atlas) {
        if (model.stimulation() != null) {
            return atlas.area(model.stimulation().area()).index();
        }
        return atlas.hasArea("MOp-L") ? atlas.area("MOp-L").index() : 0;
    }

    private static void write(Path dir, CortexModel model, CortexMember member, CortexMember.Window w, int focus,
                              Summary s) throws IOException {
        Files.createDirectories(dir);
        CortexNetwork net = member.network();
        Atlas atlas = net.atlas();
        RateRecorder rec = member.recorder();
        Files.writeString(dir.resolve("summary.json"), s.toJson() + "\n");
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("rates.csv"))) {
            out.write("time_ms");
            for (String a : w.areas()) {
                out.write("," + a);
            }
            out.write("\n");
            for (int b = 0; b < rec.bins(); b++) {
                out.write(String.valueOf(w.startMs() + b * w.binMs()));
                for (double[] r : w.rateHz()) {
                    out.write("," + (float) r[b]);
                }
                out.write("\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("population_rates.csv"))) {
            out.write("population,neurons,rate_hz\n");
            for (Map.Entry<String, Double> e : s.populationRatesHz().entrySet()) {
                out.write(e.getKey() + "," + net.network().population(e.getKey()).size() + "," + e.getValue() + "\n");
            }
        }
        double dt = model.run().dtMs();
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("spikes.csv"))) {
            out.write("time_ms,neuron,population\n");
            for (int i = 0; i < rec.keptCount(); i++) {
                int n = rec.keptNeuron(i);
                out.write((float) (member.timeMs() - (net.network().step() - rec.keptStep(i)) * dt) + "," + n + ","
                        + net.network().populationOf(n).name() + "\n");
            }
        }
        long[] voxelCounts = rec.voxelCounts();
        double seconds = rec.bins() * rec.binMs() * 1e-3;
        int[] perVoxel = new int[atlas.voxelCount()];
        for (int c = 0; c < net.cells().count(); c++) {
            perVoxel[net.cells().voxel(c)]++;
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("voxel_rates.csv"))) {
            out.write("grid_index,x_um,y_um,z_um,area,layer,neurons,rate_hz\n");
            for (int v = 0; v < atlas.voxelCount(); v++) {
                out.write(atlas.voxelGridIndex(v) + "," + atlas.voxelPosUm(v, 0) + "," + atlas.voxelPosUm(v, 1) + ","
                        + atlas.voxelPosUm(v, 2) + "," + atlas.areas().get(atlas.voxelArea(v)).name() + ",L"
                        + atlas.voxelLayer(v).label() + "," + perVoxel[v] + ","
                        + (perVoxel[v] == 0 ? 0 : voxelCounts[v] / (seconds * perVoxel[v])) + "\n");
            }
        }
        // The grid's shape, which the CSV's grid_index needs, goes beside it: a CSV for pandas holds only rows.
        int[] grid = atlas.gridSizes();
        Files.writeString(dir.resolve("voxel_rates.json"), new ObjectMapper().writeValueAsString(new java.util.TreeMap<>(Map.of(
                "grid_sizes", grid, "grid_index", "x fastest: x + nx * (y + ny * z)"))) + "\n");
        if (s.stimulus() != null && s.stimulus().regions() != null) {
            RegionStimulus.write(dir, s.stimulus().regions());
        }
        CortexPlots.write(dir, member, w, focus);
    }
}
