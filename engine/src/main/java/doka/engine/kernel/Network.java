package doka.engine.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built spiking network on a fixed time grid, advanced by {@link #simulate(long)}.
 *
 * <p>Time advances in slices of at most the smallest synaptic delay (NEST's min-delay
 * scheme): within a slice no spike can reach a neuron, so partitions of target neurons update
 * independently in parallel; at the start of a slice every partition takes up the spikes of
 * the previous slice into its queues of input per arrival step, then sums them step by step. Randomness is counter-based, keyed by (seed, neuron, step), so
 * spikes are bitwise identical for any thread count, any partition size and any way of cutting
 * the run into {@code simulate} calls or snapshots.
 *
 * <p>A network built {@link NetworkBuilder#distributed distributed} holds only the neurons this
 * rank owns and the synapses onto them; at the end of every slice the ranks exchange the spikes
 * that others need ({@link SpikeRouting}), and the spikes are the same for any number of ranks.
 * All ranks must then add the same devices and call {@code simulate} alike.
 */
public final class Network implements AutoCloseable {
    /** Slice length when there are no synapses. */
    private static final int DEFAULT_SLICE = 10;
    private static final int MAX_SLICE = 64;

    private final double dtMs;
    private final long seed;
    private final List<Population> populations;
    private final Map<String, Population> byName = new LinkedHashMap<>();
    private final int neurons;
    private final Ownership owned;
    private final SpikeRouting routing;
    private final int partitionSize;
    private final SynapseStore store;
    private final WorkerPool pool;
    private final Partition[] partitions;
    private final int sliceSteps;
    private final long[] backgroundKey;
    private final double[] stimulusPa;
    private final List<InputDevice> devices = new ArrayList<>();
    private InputDevice[] deviceArray = new InputDevice[0];
    private final List<SpikeObserver> spikeObservers = new ArrayList<>();
    private final List<StepObserver> stepObservers = new ArrayList<>();
    /** How many steps apart each step observer is called (1: after every step). */
    private final List<Integer> stepPeriods = new ArrayList<>();
    private long step;
    private long nextDeviceChange = Long.MAX_VALUE;
    private boolean devicesDirty = true;
    /** This rank's spikes of the last slice, sorted by (step, neuron): what observers see. */
    private int[] ownNeuron = new int[1024];
    private long[] ownStep = new long[1024];
    private int ownCount;
    private long spikesEmitted;
    /** Spikes of the last slice this rank's synapses need, sorted by (step, neuron), not yet taken up. */
    private int[] pendingNeuron = new int[1024];
    private long[] pendingStep = new long[1024];
    private int pendingCount;
    private long[] sortKeys = new long[1024];
    private int[] pendingSlot = new int[1024];
    /** Spikes of the last {@code maxDelay} steps (for snapshots), in (step, neuron) order. */
    private int[] recentNeuron = new int[1024];
    private long[] recentStep = new long[1024];
    private int recentCount;

    Network(double dtMs, long seed, List<Population> populations, int neurons, int partitionSize, SynapseStore store,
            WorkerPool pool, RankComm comm, Ownership[] ownershipByRank) {
        this.dtMs = dtMs;
        this.seed = seed;
        this.populations = List.copyOf(populations);
        for (Population p : populations) {
            byName.put(p.name(), p);
        }
        this.neurons = neurons;
        this.owned = store.owned();
        this.partitionSize = partitionSize;
        this.store = store;
        this.pool = pool;
        int minDelay = store.minDelaySteps();
        if (comm != null) {
            // Every rank advances by the same slices: the smallest delay of the whole network.
            long m = comm.min(minDelay == 0 ? Integer.MAX_VALUE : minDelay);
            minDelay = m == Integer.MAX_VALUE ? 0 : (int) m;
            routing = new SpikeRouting(comm, ownershipByRank, store);
        } else {
            routing = null;
        }
        this.sliceSteps = minDelay == 0 ? DEFAULT_SLICE : Math.min(MAX_SLICE, minDelay);
        this.backgroundKey = new long[neurons];
        for (int i = 0; i < neurons; i++) {
            backgroundKey[i] = Rng.key(seed, Purpose.BACKGROUND, i);
        }
        this.stimulusPa = new double[neurons];
        int count = store.partitionCount();
        this.partitions = new Partition[count];
        int channels = receptorChannels(populations);
        byte[] slotChannel = slotChannels();
        for (int p = 0; p < count; p++) {
            int first = p * partitionSize;
            int n = Math.max(0, Math.min(partitionSize, owned.count() - first));
            partitions[p] = new Partition(p, n, store, pieces(first, n), sliceSteps, store.maxDelaySteps() + 1,
                    backgroundKey, stimulusPa, slotChannel, channels);
        }
    }

    /**
     * Receptor channels the partitions buffer per neuron: 2, or one more than the highest channel
     * a population is routed to (the builder has checked that every model has them).
     */
    private static int receptorChannels(List<Population> populations) {
        int channels = 2;
        for (Population p : populations) {
            channels = Math.max(channels, p.receptorChannel() + 1);
        }
        return channels;
    }

    /** The receptor channel of each source slot of the store, or null when every population is routed by sign. */
    private byte[] slotChannels() {
        if (populations.stream().allMatch(p -> p.receptorChannel() == Receptor.BY_SIGN)) {
            return null;
        }
        int[] source = store.sourceOfSlot; // ascending, like the populations' ranges
        byte[] channel = new byte[source.length];
        int p = 0;
        for (int k = 0; k < channel.length; k++) {
            while (source[k] >= populations.get(p).offset() + populations.get(p).size()) {
                p++;
            }
            channel[k] = (byte) populations.get(p).receptorChannel();
        }
        return channel;
    }

    /** The pieces of populations in local neurons [first, first + n): owned ranges cut at population borders. */
    private Partition.Piece[] pieces(int first, int n) {
        List<Partition.Piece> list = new ArrayList<>();
        for (int r = 0; r < owned.rangeCount(); r++) {
            int base = owned.rangeLocalBase(r);
            int gLo = owned.rangeStart(r) + Math.max(0, first - base);
            int gHi = Math.min(owned.rangeEnd(r), owned.rangeStart(r) + first + n - base);
            for (Population pop : populations) {
                int lo = Math.max(gLo, pop.offset());
                int hi = Math.min(gHi, pop.offset() + pop.size());
                if (lo < hi) {
                    int local = base + lo - owned.rangeStart(r) - first;
                    list.add(new Partition.Piece(pop, lo - pop.offset(), hi - pop.offset(), local));
                }
            }
        }
        return list.toArray(new Partition.Piece[0]);
    }

    public double dtMs() {
        return dtMs;
    }

    public long seed() {
        return seed;
    }

    /** Steps simulated so far. */
    public long step() {
        return step;
    }

    public double timeMs() {
        return step * dtMs;
    }

    /** Steps for a duration, which must be a whole number of steps (to 1e-9). */
    public long steps(double durationMs) {
        double s = durationMs / dtMs;
        long r = Math.round(s);
        if (!(durationMs >= 0) || Math.abs(s - r) > 1e-9 * Math.max(1, s)) {
            throw new IllegalArgumentException("duration " + durationMs + " ms is not a non-negative multiple of dt = "
                    + dtMs + " ms");
        }
        return r;
    }

    /** Neurons of the whole network (on every rank). */
    public int neuronCount() {
        return neurons;
    }

    /** The neurons this rank simulates (all of them unless the network is split over ranks). */
    public Ownership owned() {
        return owned;
    }

    /** Spikes this rank sent to other ranks so far (each copy counted once per destination). */
    public long spikesSent() {
        return routing == null ? 0 : routing.sent();
    }

    /** Spikes of this rank's neurons so far. */
    public long spikesEmitted() {
        return spikesEmitted;
    }

    /** Spike exchanges with the other ranks so far (one per slice). */
    public long exchanges() {
        return routing == null ? 0 : routing.exchanges();
    }

    /** Seconds this rank spent in spike exchanges so far, waiting for slower ranks included. */
    public double exchangeSeconds() {
        return routing == null ? 0 : routing.exchangeSeconds();
    }

    public List<Population> populations() {
        return populations;
    }

    public Population population(String name) {
        Population p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no population named " + name + "; have " + byName.keySet());
        }
        return p;
    }

    /** The population that holds global neuron {@code neuron}. */
    public Population populationOf(int neuron) {
        for (Population p : populations) {
            if (neuron >= p.offset() && neuron < p.offset() + p.size()) {
                return p;
            }
        }
        throw new IllegalArgumentException("neuron " + neuron + " is outside [0, " + neurons + ")");
    }

    public SynapseStore synapses() {
        return store;
    }

    public int threads() {
        return pool.threads();
    }

    public int partitionCount() {
        return partitions.length;
    }

    /** Steps per slice (the smallest delay, at most 64; 1 while a {@link StepObserver} of every step is registered). */
    public int sliceSteps() {
        return stepPeriods.contains(1) ? 1 : sliceSteps;
    }

    /** Synaptic events delivered so far (spikes times out-degree). */
    public long synapticEvents() {
        long e = 0;
        for (Partition p : partitions) {
            e += p.events;
        }
        return e;
    }

    /** Neurons per partition (the last one may have fewer). */
    public int partitionSize() {
        return partitionSize;
    }

    public void addDevice(InputDevice device) {
        devices.add(device);
        deviceArray = devices.toArray(new InputDevice[0]);
        devicesDirty = true;
    }

    public boolean removeDevice(InputDevice device) {
        boolean removed = devices.remove(device);
        deviceArray = devices.toArray(new InputDevice[0]);
        devicesDirty = true;
        return removed;
    }

    public List<InputDevice> devices() {
        return Collections.unmodifiableList(devices);
    }

    public void addSpikeObserver(SpikeObserver observer) {
        spikeObservers.add(observer);
    }

    public boolean removeSpikeObserver(SpikeObserver observer) {
        return spikeObservers.remove(observer);
    }

    public void addStepObserver(StepObserver observer) {
        addStepObserver(observer, 1);
    }

    /**
     * Calls {@code observer} after every step whose end is a multiple of {@code everySteps} steps (network step
     * counts). Slices are cut there, which leaves the spikes unchanged; a period of a few slices costs little.
     */
    public void addStepObserver(StepObserver observer, int everySteps) {
        if (everySteps < 1) {
            throw new IllegalArgumentException("a step observer's period must be >= 1 step, got " + everySteps);
        }
        stepObservers.add(observer);
        stepPeriods.add(everySteps);
    }

    public boolean removeStepObserver(StepObserver observer) {
        int i = stepObservers.indexOf(observer);
        if (i < 0) {
            return false;
        }
        stepObservers.remove(i);
        stepPeriods.remove(i);
        return true;
    }

    /** The first step end after the current step at which a step observer is due (Long.MAX_VALUE: none). */
    private long nextObservedStep() {
        long next = Long.MAX_VALUE;
        for (int p : stepPeriods) {
            next = Math.min(next, (step / p + 1) * p);
        }
        return next;
    }

    /** Membrane potential of global neuron {@code neuron}, mV. */
    public double membranePotentialMv(int neuron) {
        Population p = populationOf(neuron);
        return p.dynamics().membranePotentialMv(neuron - p.offset());
    }

    /** Advances by {@code durationMs} (a multiple of dt). */
    public void simulateMs(double durationMs) {
        simulate(steps(durationMs));
    }

    /** Advances by {@code steps} steps. On return every spike emitted is in the partitions' input queues. */
    public void simulate(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        long end = step + steps;
        int maxSlice = sliceSteps();
        while (step < end) {
            if (devicesDirty || step >= nextDeviceChange) {
                refreshDevices();
            }
            final int len = (int) Math.min(Math.min(Math.min(maxSlice, end - step), nextDeviceChange - step),
                    nextObservedStep() - step);
            final long from = step;
            final int[] newSlot = slots(pendingNeuron, pendingCount);
            final long[] newStep = pendingStep;
            final int newCount = pendingCount;
            final InputDevice[] devs = deviceArray;
            pool.run(partitions.length, p -> partitions[p].advance(newSlot, newStep, newCount, from, len, devs));
            collectSpikes(from, len);
            for (SpikeObserver o : spikeObservers) {
                o.onSpikes(ownNeuron, ownStep, ownCount);
            }
            if (routing != null) {
                routing.exchange(sortKeys, ownCount, from, this);
            } else {
                pendingNeuron = ownNeuron;
                pendingStep = ownStep;
                pendingCount = ownCount;
            }
            remember(from + len);
            step += len;
            for (int i = 0; i < stepObservers.size(); i++) {
                if (step % stepPeriods.get(i) == 0) {
                    stepObservers.get(i).afterStep(this, step - 1);
                }
            }
        }
        if (pendingCount > 0) {
            final int[] newSlot = slots(pendingNeuron, pendingCount);
            final long[] newStep = pendingStep;
            final int newCount = pendingCount;
            final long now = step;
            pool.run(partitions.length, p -> partitions[p].enqueue(newSlot, newStep, newCount, now));
            pendingCount = 0;
        }
    }

    /** The store's slots of the sources of {@code count} spikes (in a reused array). */
    private int[] slots(int[] neuron, int count) {
        if (pendingSlot.length < count) {
            pendingSlot = new int[Math.max(count, 2 * pendingSlot.length)];
        }
        final int[] slotOf = store.slotOf;
        for (int i = 0; i < count; i++) {
            pendingSlot[i] = slotOf[neuron[i]];
        }
        return pendingSlot;
    }

    private void refreshDevices() {
        Arrays.fill(stimulusPa, 0);
        long next = Long.MAX_VALUE;
        for (InputDevice d : devices) {
            d.addCurrent(step, stimulusPa);
            long c = d.nextChangeAfter(step);
            if (c <= step) {
                throw new IllegalStateException("device " + d + " reported a change at " + c + " <= " + step);
            }
            next = Math.min(next, c);
        }
        nextDeviceChange = next;
        devicesDirty = false;
        boolean active = false;
        for (double x : stimulusPa) {
            if (x != 0) {
                active = true;
                break;
            }
        }
        for (Partition p : partitions) {
            p.ctx.stimulusActive = active;
        }
    }

    /** Keeps the spikes that may still have input to deliver at step {@code now} or later. */
    private void remember(long now) {
        long oldest = now - store.maxDelaySteps();
        int keep = 0;
        for (int i = 0; i < recentCount; i++) {
            if (recentStep[i] >= oldest) {
                recentNeuron[keep] = recentNeuron[i];
                recentStep[keep] = recentStep[i];
                keep++;
            }
        }
        if (keep + pendingCount > recentNeuron.length) {
            int n = Math.max(keep + pendingCount, 2 * recentNeuron.length);
            recentNeuron = Arrays.copyOf(recentNeuron, n);
            recentStep = Arrays.copyOf(recentStep, n);
        }
        System.arraycopy(pendingNeuron, 0, recentNeuron, keep, pendingCount);
        System.arraycopy(pendingStep, 0, recentStep, keep, pendingCount);
        recentCount = keep + pendingCount;
    }

    /**
     * Gathers the partitions' new spikes into the own list, sorted by (step, neuron); their sort
     * keys (step offset in the high word) stay in {@link #sortKeys}.
     */
    private void collectSpikes(long from, int len) {
        int total = 0;
        for (Partition p : partitions) {
            total += p.spikeCount;
        }
        if (sortKeys.length < total) {
            int n = Math.max(total, 2 * sortKeys.length);
            sortKeys = new long[n];
            ownNeuron = new int[n];
            ownStep = new long[n];
        }
        int k = 0;
        for (Partition p : partitions) {
            for (int i = 0; i < p.spikeCount; i++) {
                sortKeys[k++] = ((long) p.spikeOffset[i] << 32) | p.spikeNeuron[i];
            }
        }
        if (len > 1) {
            Arrays.sort(sortKeys, 0, total);
        }
        for (int i = 0; i < total; i++) {
            ownNeuron[i] = (int) sortKeys[i];
            ownStep[i] = from + (sortKeys[i] >>> 32);
        }
        ownCount = total;
        spikesEmitted += total;
    }

    /** Sets the pending list from merged sort keys (called by the routing after an exchange). */
    void setPending(long[] keys, int count, long from) {
        if (pendingNeuron.length < count || pendingNeuron == ownNeuron) {
            int n = Math.max(count, 2 * pendingNeuron.length);
            pendingNeuron = new int[n];
            pendingStep = new long[n];
        }
        for (int i = 0; i < count; i++) {
            pendingNeuron[i] = (int) keys[i];
            pendingStep[i] = from + (keys[i] >>> 32);
        }
        pendingCount = count;
    }

    /**
     * Writes the complete dynamic state (see {@link NetworkSnapshot}): time, every population's
     * state arrays and input controls, and the spikes in flight. Devices and observers are
     * configuration: re-add them.
     */
    public void saveState(OutputStream stream) throws IOException {
        NetworkSnapshot.write(this, stream);
    }

    /** Restores a state written by {@link #saveState} from an identically built network. */
    public void restoreState(InputStream stream) throws IOException {
        NetworkSnapshot.read(this, stream);
    }

    /**
     * The spikes of the last max-delay steps, whose input may still be on its way, in (step,
     * neuron) order: {@code count} of them in {@code neuron} and {@code step} (for snapshots).
     */
    record RecentSpikes(int[] neuron, long[] step, int count) {
    }

    RecentSpikes recentSpikes() {
        remember(step);
        return new RecentSpikes(recentNeuron, recentStep, recentCount);
    }

    /**
     * Sets the time to {@code savedStep} with the given recent spikes, from which the
     * partitions' input queues are rebuilt (for snapshots; the populations' state is set apart).
     */
    void resume(long savedStep, int[] source, long[] emitted, int n) {
        step = savedStep;
        pendingCount = 0;
        recentNeuron = source;
        recentStep = emitted;
        recentCount = n;
        int[] slot = slots(source, n);
        for (Partition p : partitions) {
            p.clearQueues();
            p.enqueue(slot, emitted, n, step);
        }
        devicesDirty = true;
    }

    @Override
    public void close() {
        pool.close();
    }
}
