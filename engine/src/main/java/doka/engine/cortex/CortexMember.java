package doka.engine.cortex;

import doka.engine.input.OrnsteinUhlenbeckCurrent;
import doka.engine.kernel.StateIo;
import doka.engine.atlas.Area;
import doka.engine.kernel.Network;
import doka.engine.kernel.Population;
import doka.engine.kernel.RankComm;
import doka.engine.member.MeasurableMember;
import doka.engine.member.RankParts;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.engine.record.SpikeRecorder;
import doka.engine.record.SynapticCurrentRecorder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ensemble member: a built cortex that advances window by window, whose estimable
 * parameters (spec §7, {@link CortexModel#PARAMETER_DEFAULTS}) can change between windows, and
 * whose per-area rates per bin are read after each window.
 *
 * <p>Live parameters (background rate scale, J, g_E/g_FS/g_LTS, stimulation amplitude) take
 * effect at the next {@link #advance} without rebuilding. Structural ones (long-range gain,
 * conduction velocity) are wired into the synapses: changing them rebuilds the network from the
 * same cells, carrying every membrane potential over (spikes in flight are dropped, a one-time
 * perturbation of at most one maximal delay).
 *
 * <p>As an ensemble {@link SpikingMember}, its estimated quantities are the parameters its
 * {@link Readout} names, each optionally scoped after {@code @} to a hemisphere ({@code @L}) or an
 * area ({@code @MOp-L}), and its predictions are the per-area rates of each observation bin.
 */
public final class CortexMember implements MeasurableMember {
    /** Rates of one window: [area][bin] in Hz per neuron, bins of {@code binMs} from {@code startMs}. */
    public record Window(double startMs, double binMs, List<String> areas, double[][] rateHz) {
    }

    private CortexModel model;
    private final CortexNetwork.Inputs inputs;
    private final RankComm comm;
    private CortexNetwork net;
    private RateRecorder recorder;
    private ColumnStimulus stimulus;
    /** The slow input shared per area (docs/cortex.md, "Slow input"), or null while no area has one. */
    private OrnsteinUhlenbeckCurrent slowInput;
    private long stepOffset;
    private boolean structuralChange;
    private final Readout readout;
    private final double[] estimated;
    /** The spikes of the current window, for the raster (steps count from the current network's start). */
    private final SpikeRecorder spikes = new SpikeRecorder();
    private double windowStartMs;
    private double[] predicted;
    /** Current recorders attached by {@link #recordCurrents}, with their periods (re-attached after a rebuild). */
    private final List<SynapticCurrentRecorder> currentRecorders = new ArrayList<>();
    private final List<Integer> currentPeriods = new ArrayList<>();

    private CortexMember(CortexModel model, CortexNetwork.Inputs inputs, RankComm comm, Readout readout) {
        double ratio = readout.binMs() / model.run().binMs();
        if (Math.abs(ratio - Math.rint(ratio)) > 1e-9) {
            throw new IllegalArgumentException("the observation bin " + readout.binMs() + " ms must be a multiple of the"
                    + " model's run.binMs " + model.run().binMs() + " ms");
        }
        this.model = model;
        this.inputs = inputs;
        this.comm = comm;
        this.readout = readout;
        this.estimated = new double[readout.parameters().size()];
        attach(CortexNetwork.build(model, inputs, comm), 0);
        for (int i = 0; i < estimated.length; i++) {
            estimated[i] = currentValue(readout.parameters().get(i));
        }
    }

    /** Builds a member from a completed model. */
    public static CortexMember build(CortexModel model) throws IOException {
        return build(model, CortexNetwork.loadInputs(model), null);
    }

    /** Builds a member from already loaded inputs (members of an ensemble share them). */
    public static CortexMember build(CortexModel model, CortexNetwork.Inputs inputs) {
        return build(model, inputs, null);
    }

    /**
     * Builds this rank's tile of a member split over the ranks of {@code comm}; every rank of
     * the member calls this, and then every method, alike. Windows, rates and the recorder are
     * the whole member's on every rank; snapshots hold the rank's own part.
     */
    public static CortexMember build(CortexModel model, CortexNetwork.Inputs inputs, RankComm comm) {
        return build(model, inputs, comm, new Readout(List.of(), model.run().binMs(), model.run().binMs()));
    }

    /**
     * Builds this rank's part of an ensemble member ({@code comm} null or of one rank: the whole
     * member), estimating and reading out as {@code readout} says.
     */
    public static CortexMember build(CortexModel model, CortexNetwork.Inputs inputs, RankComm comm, Readout readout) {
        return new CortexMember(model, inputs, comm != null && comm.size() > 1 ? comm : null, readout);
    }

    private void attach(CortexNetwork built, long offset) {
        net = built;
        stepOffset = offset;
        recorder = new RateRecorder(net.cells(), net.regions(), net.atlas().voxelCount(), model.run().dtMs(),
                model.run().binMs());
        net.network().addSpikeObserver(recorder);
        net.network().addSpikeObserver(spikes);
        for (int i = 0; i < currentRecorders.size(); i++) {
            currentRecorders.get(i).attach(net.network(), currentPeriods.get(i), offset);
        }
        stimulus = null;
        if (model.stimulation() != null) {
            CortexModel.StimulationSpec st = model.stimulation();
            double shift = offset * model.run().dtMs();
            CortexModel.StimulationSpec local = new CortexModel.StimulationSpec(st.area(), st.column(),
                    Math.max(0, st.startMs() - shift), st.stopMs() >= Double.MAX_VALUE / 2 ? st.stopMs()
                    : Math.max(0, st.stopMs() - shift), st.classes());
            Area a = net.atlas().area(st.area());
            stimulus = ColumnStimulus.of(net.atlas(), net.cells(), local, model.run().dtMs(),
                    amplitude(a));
            net.network().addDevice(stimulus);
        }
        if (slowInput != null) {
            // The process carries over a structural rebuild: only the new network's step origin moves.
            slowInput.setStepOffset(offset);
            net.network().addDevice(slowInput);
        }
        updateSlowInput();
    }

    /**
     * Creates the slow input once some area's σ is non-zero or the readout estimates it, and sets every
     * area's σ and τ; a change re-adds the device so the network sees it.
     */
    private void updateSlowInput() {
        Map<String, ParameterSpec> params = model.parameters();
        List<Area> areas = net.atlas().areas();
        if (slowInput == null) {
            boolean estimated = readout.parameters().stream().anyMatch(p -> split(p)[0].startsWith("slow_input_"));
            if (!estimated && areas.stream().allMatch(a -> valueFor(params, CortexModel.SLOW_INPUT_SD, a) == 0)) {
                return;
            }
            int[][] targets = new int[areas.size()][];
            long[] keys = new long[areas.size()];
            for (Area a : areas) {
                int from = net.cells().areaStart(a.index());
                targets[a.index()] = java.util.stream.IntStream.range(from, net.cells().areaEnd(a.index())).toArray();
                keys[a.index()] = doka.engine.kernel.Rng.key(model.run().seed(), doka.engine.kernel.Purpose.SLOW_INPUT,
                        a.index());
            }
            long updateSteps = Math.max(1, Math.round(SLOW_INPUT_UPDATE_MS / model.run().dtMs()));
            slowInput = new OrnsteinUhlenbeckCurrent(targets, keys, updateSteps, model.run().dtMs());
            slowInput.setStepOffset(stepOffset);
            net.network().addDevice(slowInput);
        }
        boolean changed = false;
        for (Area a : areas) {
            changed |= slowInput.set(a.index(), valueFor(params, CortexModel.SLOW_INPUT_SD, a),
                    valueFor(params, CortexModel.SLOW_INPUT_TAU, a));
        }
        if (changed) {
            net.network().removeDevice(slowInput);
            net.network().addDevice(slowInput);
        }
    }

    /** The slow input's update interval Δ, ms: far below any τ it is meant for (≥ 10 ms). */
    static final double SLOW_INPUT_UPDATE_MS = 1.0;

    private static double valueFor(Map<String, ParameterSpec> params, String name, Area a) {
        return params.get(name).valueFor(a.name(), a.hemisphere().tag());
    }

    private double amplitude(Area a) {
        return model.parameters().get(CortexModel.STIM_AMPLITUDE).valueFor(a.name(), a.hemisphere().tag());
    }

    /** Names of the estimable parameters. */
    public List<String> parameterNames() {
        return List.copyOf(model.parameters().keySet());
    }

    /** Current setting (value, bounds, per-hemisphere and per-area values) of a parameter. */
    public ParameterSpec parameter(String name) {
        ParameterSpec p = model.parameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown cortex parameter '" + name + "'; expected one of " + parameterNames());
        }
        return p;
    }

    /** Whether changing the parameter rebuilds the network. */
    public static boolean structural(String name) {
        return name.equals(CortexModel.LONG_RANGE_GAIN) || name.equals(CortexModel.VELOCITY);
    }

    /**
     * Sets a parameter for a scope: "global", a hemisphere ("L", "R") or an area ("MOp-L"). The
     * value must lie within the parameter's bounds. Takes effect at the next {@link #advance}.
     */
    public void setParameter(String name, String scope, double value) {
        ParameterSpec p = parameter(name);
        p.check(value, name + "[" + scope + "]");
        ParameterSpec next;
        if (scope.equals("global")) {
            next = new ParameterSpec(value, p.min(), p.max(), p.hemisphere(), p.area());
        } else if (scope.equals("L") || scope.equals("R")) {
            Map<String, Double> h = new LinkedHashMap<>(p.hemisphere());
            h.put(scope, value);
            next = new ParameterSpec(p.value(), p.min(), p.max(), h, p.area());
        } else {
            if (net.regions() == null || !net.regions().hasScope(scope)) {
                net.atlas().area(scope); // validates the name
            }
            Map<String, Double> a = new LinkedHashMap<>(p.area());
            a.put(scope, value);
            next = new ParameterSpec(p.value(), p.min(), p.max(), p.hemisphere(), a);
        }
        if (next.equals(p)) {
            return;
        }
        Map<String, ParameterSpec> all = new LinkedHashMap<>(model.parameters());
        all.put(name, next);
        model = model.withParameters(all);
        structuralChange |= structural(name);
    }

    /** Advances by {@code windowMs} and returns the per-area rates of the window. */
    public Window advance(double windowMs) {
        applyPending();
        Network network = net.network();
        long steps = network.steps(windowMs);
        long binSteps = Math.round(model.run().binMs() / model.run().dtMs());
        if (steps % binSteps != 0) {
            throw new IllegalArgumentException("window " + windowMs + " ms is not a multiple of the bin " + model.run().binMs() + " ms");
        }
        double start = timeMs();
        recorder.reset(network.step());
        recorder.grow((int) (steps / binSteps));
        network.simulate(steps);
        if (net.comm() != null) {
            recorder.combine(net.comm());
        }
        List<String> names = new ArrayList<>();
        int nAreas = net.atlas().areas().size();
        var regions = net.regions();
        double[][] rates = new double[nAreas + (regions == null ? 0 : regions.cells().populationCount())][];
        for (Area a : net.atlas().areas()) {
            names.add(a.name());
            rates[a.index()] = recorder.rateHz(a.index(), -1, null);
        }
        // Regions: one quantity per population ("SIM-L/Purkinje"), after the areas.
        for (int p = 0; regions != null && p < regions.cells().populationCount(); p++) {
            names.add(regions.populationName(p));
            rates[nAreas + p] = recorder.populationRateHz(regions.firstPopulation() + p, regions.cells().size(p));
        }
        return new Window(start, model.run().binMs(), names, rates);
    }

    private void applyPending() {
        if (structuralChange) {
            CortexNetwork old = net;
            long offset = stepOffset + old.network().step();
            CortexNetwork fresh = CortexNetwork.build(model, inputs, comm);
            List<Population> from = old.network().populations(), to = fresh.network().populations();
            for (int p = 0; p < from.size(); p++) {
                Population f = from.get(p), t = to.get(p);
                for (int i = 0; i < f.size(); i++) {
                    t.dynamics().setMembranePotentialMv(i, f.dynamics().membranePotentialMv(i));
                }
            }
            old.close();
            attach(fresh, offset);
            structuralChange = false;
        }
        net.applyLiveParameters(model.parameters());
        updateSlowInput();
        if (stimulus != null) {
            double amp = amplitude(net.atlas().area(model.stimulation().area()));
            if (amp != stimulus.amplitudePa()) {
                stimulus.setAmplitudePa(amp);
                net.network().removeDevice(stimulus); // re-adding marks the devices dirty
                net.network().addDevice(stimulus);
            }
        }
    }

    /**
     * Writes the dynamic state (model time and the kernel network's complete state: membrane
     * potentials, synaptic currents, refractory counters, spikes in flight, input controls).
     * Restore it into a member built from a model with the same parameter values
     * ({@link #model()} after the same {@link #setParameter} calls): the run then continues
     * exactly as the saved one would have. Pending parameter changes are applied first.
     */
    public void saveState(java.io.OutputStream out) throws IOException {
        applyPending();
        java.io.DataOutputStream d = new java.io.DataOutputStream(out);
        d.writeLong(stepOffset);
        // Before the network's state, which reads its stream buffered.
        if (slowInput != null) {
            slowInput.write(d);
        }
        d.flush();
        net.network().saveState(out);
    }

    /** Reads a state written by {@link #saveState}. */
    public void restoreState(java.io.InputStream in) throws IOException {
        applyPending();
        java.io.DataInputStream d = new java.io.DataInputStream(in);
        long offset = d.readLong();
        if (slowInput != null) {
            slowInput.read(d);
        }
        net.network().restoreState(in);
        stepOffset = offset;
        if (slowInput != null) {
            slowInput.setStepOffset(offset);
            net.network().removeDevice(slowInput);
            net.network().addDevice(slowInput);
        }
        for (int i = 0; i < currentRecorders.size(); i++) {
            net.network().removeStepObserver(currentRecorders.get(i));
            currentRecorders.get(i).attach(net.network(), currentPeriods.get(i), offset);
        }
        // Devices are configuration: re-adding the stimulus marks them dirty for the restored time.
        if (stimulus != null) {
            net.network().removeDevice(stimulus);
            net.network().addDevice(stimulus);
        }
    }

    /** A scoped parameter name ("g_E", "g_E@L", "g_E@MOp-L") as (name, scope). */
    private static String[] split(String scoped) {
        int at = scoped.indexOf('@');
        return at < 0 ? new String[] {scoped, "global"} : new String[] {scoped.substring(0, at), scoped.substring(at + 1)};
    }

    private double currentValue(String scoped) {
        String[] ns = split(scoped);
        ParameterSpec p = parameter(ns[0]);
        return switch (ns[1]) {
            case "global" -> p.value();
            case "L", "R" -> p.hemisphere().getOrDefault(ns[1], p.value());
            default -> net.regions() != null && net.regions().hasScope(ns[1])
                    ? p.area().getOrDefault(ns[1], p.value())
                    : p.valueFor(net.atlas().area(ns[1]).name(), net.atlas().area(ns[1]).hemisphere().tag());
        };
    }

    @Override
    public double[] estimated() {
        return estimated.clone();
    }

    @Override
    public void distribute(double[] values) {
        System.arraycopy(values, 0, estimated, 0, estimated.length);
        for (int i = 0; i < estimated.length; i++) {
            String[] ns = split(readout.parameters().get(i));
            setParameter(ns[0], ns[1], estimated[i]);
        }
    }

    @Override
    public void simulateMs(double durationMs) {
        spikes.clear();
        windowStartMs = timeMs();
        advance(durationMs);
    }

    /** One window of the readout; the model's fine rate bins are averaged into the observation bins. */
    @Override
    public void advance() {
        spikes.clear();
        windowStartMs = timeMs();
        Window w = advance(readout.windowMs());
        int per = (int) Math.round(readout.binMs() / w.binMs());
        int bins = readout.bins();
        int nq = w.rateHz().length;
        double[] out = new double[bins * nq];
        for (int q = 0; q < nq; q++) {
            double[] fine = w.rateHz()[q];
            for (int b = 0; b < bins; b++) {
                double sum = 0;
                for (int k = 0; k < per; k++) {
                    sum += fine[b * per + k];
                }
                out[b * nq + q] = sum / per;
            }
        }
        predicted = out;
    }

    /** Per-area rates of each observation bin of the last window, bin-major {@code [bin][area]}, Hz. */
    @Override
    public double[] collect() {
        return predicted.clone();
    }

    /** A split member: every rank calls this; rank 0 gets the spikes of all of them. */
    @Override
    public doka.engine.member.WindowSpikes lastWindowSpikes() {
        SpikeRecorder all = comm == null ? spikes : RankParts.gatherSpikes(comm, spikes);
        return all == null ? null : doka.engine.member.WindowSpikes.of(net.network(), all, stepOffset * model.run().dtMs(),
                windowStartMs, CortexNetwork::areaOfPopulation);
    }

    /** A split member: every rank calls this; rank 0 writes the spikes of all of them. */
    @Override
    public void writeRaster(Path file, int maxNeurons) throws IOException {
        SpikeRecorder all = comm == null ? spikes : RankParts.gatherSpikes(comm, spikes);
        if (all != null) {
            double localStartMs = windowStartMs - stepOffset * model.run().dtMs();
            all.writeRaster(file, net.network().neuronCount(), maxNeurons, model.run().dtMs(), localStartMs);
        }
    }

    /** The estimated values, then the dynamic state; a split member's rank 0 writes every rank's part, in rank order. */
    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIo.writeDoubles(out, estimated);
        if (comm == null) {
            saveState(out);
            return;
        }
        ByteArrayOutputStream mine = new ByteArrayOutputStream();
        saveState(mine);
        RankParts.write(comm, mine.toByteArray(), out);
    }

    /** The estimated values are applied first, so that a structural one rebuilds before the state is read into it. */
    @Override
    public void restore(DataInputStream in) throws IOException {
        double[] values = new double[estimated.length];
        StateIo.readDoubles(in, values, "estimated values");
        distribute(values);
        restoreState(comm == null ? in : new ByteArrayInputStream(RankParts.read(comm, in)));
    }

    /** Each neuron's area (cortical cells; region cells are in none) and whether it is excitatory. */
    @Override
    public CellLabels cellLabels() {
        Cells cells = net.cells();
        int[] areaOf = new int[net.network().neuronCount()];
        boolean[] excitatory = new boolean[areaOf.length];
        java.util.Arrays.fill(areaOf, -1);
        for (int p = 0; p < cells.populationCount(); p++) {
            for (int n = cells.offset(p); n < cells.offset(p + 1); n++) {
                areaOf[n] = Cells.areaOf(p);
                excitatory[n] = !Cells.classOf(p).inhibitory();
            }
        }
        return new CellLabels(net.atlas().areas().stream().map(Area::name).toList(), areaOf, excitatory);
    }

    @Override
    public SpikeRecorder lastSpikes() {
        return spikes;
    }

    @Override
    public long spikeStepOffset() {
        return stepOffset;
    }

    @Override
    public double dtMs() {
        return model.run().dtMs();
    }

    @Override
    public long stepCount() {
        return stepOffset + net.network().step();
    }

    @Override
    public boolean owns(int neuron) {
        return net.network().owned().owns(neuron);
    }

    @Override
    public void recordCurrents(SynapticCurrentRecorder recorder, int everySteps) {
        currentRecorders.add(recorder);
        currentPeriods.add(everySteps);
        recorder.attach(net.network(), everySteps, stepOffset);
    }

    @Override
    public RankComm comm() {
        return comm;
    }

    @Override
    public int neurons() {
        return net.network().neuronCount();
    }

    @Override
    public long synapses() {
        return net.synapseCount();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "cortex %s (%s atlas, %d areas): %,d neurons, %,d synapses, built in %.1f s",
                model.name(), net.atlas().synthetic() ? "synthetic" : net.atlas().name(), net.atlas().areas().size(),
                net.network().neuronCount(), net.synapseCount(), net.buildSeconds());
    }

    /** Model time, ms (continues across rebuilds). */
    public double timeMs() {
        return (stepOffset + net.network().step()) * model.run().dtMs();
    }

    public CortexModel model() {
        return model;
    }

    public CortexNetwork network() {
        return net;
    }

    /** The recorder of the last window (population, layer, class and voxel counts). */
    public RateRecorder recorder() {
        return recorder;
    }

    /** The stimulus, or null. */
    public ColumnStimulus stimulus() {
        return stimulus;
    }

    @Override
    public void close() {
        net.close();
    }
}
