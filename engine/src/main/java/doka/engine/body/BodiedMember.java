package doka.engine.body;

import doka.engine.atlas.Area;
import doka.engine.atlas.Layer;
import doka.engine.cortex.CellClass;
import doka.engine.cortex.Cells;
import doka.engine.cortex.CortexMember;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.engine.input.DcStimulus;
import doka.engine.kernel.RankComm;
import doka.engine.kernel.StateIo;
import doka.engine.member.RankParts;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cortex member with a body: its communicator's last rank runs the body ({@link Limb}), the
 * others the cortex, split over them as a member without a body would be ({@link CortexMember} on
 * the brain ranks' own communicator). Every rank calls every method alike; the two sides meet every
 * exchange interval inside the cortex's steps ({@link BodyLink}), lock-step, so the member advances
 * exactly as the cycle expects of any member.
 *
 * <p>Predictions, bin-major: each bin's per-area rates (Hz), then each joint's mean angle (deg) in
 * the bin: joint angles are an observation operator. Snapshots hold every rank's part: each brain
 * rank's network and link, the body's physics state.
 */
public final class BodiedMember implements SpikingMember {
    private final RankComm comm;
    private final int bodyRank;
    /** This rank runs the body only. */
    private final boolean body;
    /** A member on one rank: cortex and body both here, coupled without communication. */
    private final boolean local;
    private final Readout readout;
    private final CortexMember cortex;
    private final BodyLink link;
    private final Limb limb;
    private final int joints;
    private double[] estimated;
    private int neurons;
    private long synapses;
    private double[] predicted;
    private final String mjcfName;
    private final double exchangeMs;
    /** Body side: the sums of each joint's angle over each bin of the window, and the steps summed. */
    private double[] angleSums = new double[0];
    private int stepInWindow;
    private int stepsPerBin = 1;
    /** Brain side: the motor pools' sizes (the body's rates need them). */
    private long[] poolSizes;

    private BodiedMember(RankComm comm, CortexMember cortex, Limb limb, BodySpec spec, Readout readout) {
        this.comm = comm;
        this.local = comm == null;
        this.bodyRank = local ? 0 : comm.size() - 1;
        this.body = !local && comm.rank() == bodyRank;
        this.cortex = cortex;
        this.limb = limb;
        this.readout = readout;
        this.mjcfName = spec.mjcf().getFileName().toString();
        this.exchangeMs = spec.exchangeMs();
        if (local) {
            joints = limb.physics().joints();
            link = attach(spec, limb.physics().actuators());
            limb.setPoolSizes(poolSizes);
        } else {
            // handshake 1: every rank's status; the body's joint and muscle counts
            long[] mine = limb != null ? new long[] {0, limb.physics().joints(), limb.physics().actuators()} : new long[] {0};
            long[] shape = shareStatus(comm, mine)[bodyRank];
            joints = (int) shape[1];
            int muscles = (int) shape[2];
            BodyLink made = null;
            String failure = null;
            if (!body) {
                try {
                    made = attach(spec, muscles);
                } catch (RuntimeException e) {
                    failure = e.getMessage() == null ? e.toString() : e.getMessage();
                }
            }
            // every rank learns whether the brain's side could be wired before anyone waits on it
            shareStatus(comm, failure == null ? new long[] {0} : status(failure));
            link = made;
            handshake(muscles);
        }
        if (limb != null) {
            stepsPerBin = (int) wholeSteps(readout.binMs(), limb.physics().timestepS() * 1e3, "the observation bin");
            limb.addListener(this::accumulate);
        }
    }

    /** Brain rank 0's sizes, motor pool sizes and estimated values to the body rank. */
    private void handshake(int muscles) {
        long[][] send = new long[comm.size()][0];
        if (comm.rank() == 0) {
            long[] m = new long[2 + poolSizes.length + estimated.length];
            m[0] = neurons;
            m[1] = synapses;
            System.arraycopy(poolSizes, 0, m, 2, poolSizes.length);
            for (int i = 0; i < estimated.length; i++) {
                m[2 + poolSizes.length + i] = Double.doubleToLongBits(estimated[i]);
            }
            send[bodyRank] = m;
        }
        long[] got = comm.exchange(send)[0];
        if (body) {
            neurons = (int) got[0];
            synapses = got[1];
            limb.setPoolSizes(Arrays.copyOfRange(got, 2, 2 + muscles));
            estimated = new double[got.length - 2 - muscles];
            for (int i = 0; i < estimated.length; i++) {
                estimated[i] = Double.longBitsToDouble(got[2 + muscles + i]);
            }
        }
    }

    /** Wires the link, and the stimulation, into this brain rank's network. */
    private BodyLink attach(BodySpec spec, int muscles) {
        CortexNetwork net = cortex.network();
        CellPools motor = pools(net, spec.motor().area(), spec.motor().layer(), muscles, "body.motor");
        CellPools sensory = pools(net, spec.proprioception().area(), spec.proprioception().layer(), 2 * joints + muscles,
                "body.proprioception");
        double dt = cortex.model().run().dtMs();
        BodyLink l = new BodyLink(comm, local ? limb : null, bodyRank, motor, sensory, spec.proprioception().amplitudePa(),
                wholeSteps(spec.exchangeMs(), dt, "body.exchangeMs"));
        net.network().addSpikeObserver(l);
        net.network().addDevice(l);
        if (spec.stimulation() != null) {
            int[] cells = new int[motor.end() - motor.start()];
            Arrays.setAll(cells, i -> motor.start() + i);
            BodySpec.Stimulation st = spec.stimulation();
            net.network().addDevice(DcStimulus.ofMs(cells, st.amplitudePa(), st.startMs(), st.stopMs(), dt));
        }
        estimated = cortex.estimated();
        neurons = cortex.neurons();
        synapses = cortex.synapses();
        poolSizes = motor.sizes();
        return l;
    }

    /**
     * Builds this rank's part of a member with a body over {@code comm} (at least two ranks; the
     * last one is the body). Every rank of the member calls this, and then every method, alike.
     */
    public static BodiedMember build(CortexModel model, CortexNetwork.Inputs inputs, BodySpec spec, RankComm comm,
                                     Readout readout) {
        for (String p : readout.parameters()) {
            String base = p.contains("@") ? p.substring(0, p.indexOf('@')) : p;
            if (CortexMember.structural(base)) {
                throw new IllegalArgumentException("a member with a body cannot estimate '" + p + "': it rebuilds the network,"
                        + " which would drop the body's link");
            }
        }
        wholeSteps(readout.windowMs(), spec.exchangeMs(), "the window (" + readout.windowMs() + " ms) over body.exchangeMs");
        if (comm == null || comm.size() == 1) {
            Limb limb = new Limb(spec, null);
            try {
                return new BodiedMember(null, CortexMember.build(model, inputs, null, readout), limb, spec, readout);
            } catch (RuntimeException e) {
                limb.close();
                throw e;
            }
        }
        boolean isBody = comm.rank() == comm.size() - 1;
        RankComm brain = comm.split(isBody ? 1 : 0);
        CortexMember cortex = null;
        Limb limb = null;
        String failure = null;
        try {
            if (isBody) {
                limb = new Limb(spec, comm);
            } else {
                cortex = CortexMember.build(model, inputs, brain, readout);
            }
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (failure != null) {
            // tell the other side before failing, so that no rank waits for this one
            shareStatus(comm, status(failure));
        }
        return new BodiedMember(comm, cortex, limb, spec, readout);
    }

    private static long[] status(String failure) {
        byte[] b = failure.getBytes(StandardCharsets.UTF_8);
        long[] out = new long[1 + b.length];
        out[0] = 1;
        for (int i = 0; i < b.length; i++) {
            out[1 + i] = b[i];
        }
        return out;
    }

    /** Every rank's status vector ([0, payload…] or [1, message bytes…]); throws the first failure. */
    private static long[][] shareStatus(RankComm comm, long[] mine) {
        long[][] send = new long[comm.size()][];
        Arrays.fill(send, mine);
        long[][] got = comm.exchange(send);
        for (long[] s : got) {
            if (s[0] != 0) {
                byte[] b = new byte[s.length - 1];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) s[1 + i];
                }
                throw new IllegalStateException(new String(b, StandardCharsets.UTF_8));
            }
        }
        return got;
    }

    /** {@code durationMs} over {@code unitMs} as a whole number, or an error naming {@code what}. */
    static long wholeSteps(double durationMs, double unitMs, String what) {
        double n = durationMs / unitMs;
        if (Math.abs(n - Math.rint(n)) > 1e-6 || Math.rint(n) < 1) {
            throw new IllegalArgumentException(what + ": " + durationMs + " ms is not a whole number of " + unitMs + " ms");
        }
        return Math.round(n);
    }

    private static CellPools pools(CortexNetwork net, String areaName, String layerName, int pools, String field) {
        if (!net.atlas().hasArea(areaName)) {
            throw new IllegalArgumentException(field + ".area '" + areaName + "' is not an area of the model; expected one of "
                    + net.atlas().areas().stream().map(Area::name).toList());
        }
        Layer layer = Layer.fromAllenSuffix(layerName);
        if (layer == null || layer.modelledIndex() < 0) {
            throw new IllegalArgumentException(field + ".layer '" + layerName + "' is not a modelled layer (2/3, 4, 5, 6)");
        }
        int p = Cells.population(net.atlas().area(areaName).index(), layer.modelledIndex(), CellClass.E);
        Cells cells = net.cells();
        if (cells.size(p) < pools) {
            throw new IllegalArgumentException(field + ": " + areaName + " L" + layer.label() + " has " + cells.size(p)
                    + " E cells, fewer than the " + pools + " pools it must be split into (raise cells.densityScale)");
        }
        return new CellPools(cells.offset(p), cells.offset(p + 1), pools);
    }

    private void accumulate(Physics p) {
        int bin = stepInWindow / stepsPerBin;
        if (bin * joints < angleSums.length) {
            for (int j = 0; j < joints; j++) {
                angleSums[bin * joints + j] += p.jointPosition(j);
            }
        }
        stepInWindow++;
    }

    /**
     * Runs {@code durationMs} (a whole number of exchange intervals); returns the cortex's window
     * on a brain rank, null on the body rank.
     */
    public CortexMember.Window run(double durationMs) {
        // every rank checks, so that none waits at a boundary for a rank that refused
        double n = durationMs / exchangeMs;
        if (Math.abs(n - Math.rint(n)) > 1e-6 || n < 0) {
            throw new IllegalArgumentException("a duration of " + durationMs + " ms (warm-up, window or simulation) is not a"
                    + " whole number of body exchange intervals (body.exchangeMs " + exchangeMs + ")");
        }
        if (body) {
            limb.run(Math.round(n));
            return null;
        }
        return cortex.advance(durationMs);
    }

    @Override
    public void simulateMs(double durationMs) {
        run(durationMs);
    }

    @Override
    public void advance() {
        if (limb != null) {
            angleSums = new double[readout.bins() * joints];
            stepInWindow = 0;
        }
        double[] rates;
        double[] angles;
        if (local) {
            cortex.advance();
            rates = cortex.collect();
            angles = angleBins();
        } else {
            double[] own;
            if (body) {
                run(readout.windowMs());
                own = angleBins();
            } else {
                cortex.advance();
                own = cortex.collect();
            }
            // the cortex's rates to the body, the joint angles to the brain ranks
            long[][] send = new long[comm.size()][0];
            if (body) {
                for (int q = 0; q < send.length; q++) {
                    send[q] = q == bodyRank ? new long[0] : bits(own);
                }
            } else if (comm.rank() == 0) {
                send[bodyRank] = bits(own);
            }
            long[][] got = comm.exchange(send);
            rates = body ? doubles(got[0]) : own;
            angles = body ? own : doubles(got[bodyRank]);
        }
        int bins = readout.bins();
        int nAreas = rates.length / bins;
        double[] out = new double[bins * (nAreas + joints)];
        for (int b = 0; b < bins; b++) {
            System.arraycopy(rates, b * nAreas, out, b * (nAreas + joints), nAreas);
            System.arraycopy(angles, b * joints, out, b * (nAreas + joints) + nAreas, joints);
        }
        predicted = out;
    }

    /** Each bin's mean joint angles of the window, deg. */
    private double[] angleBins() {
        double[] out = new double[angleSums.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toDegrees(angleSums[i] / stepsPerBin);
        }
        return out;
    }

    private static long[] bits(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.doubleToLongBits(v[i]);
        }
        return out;
    }

    private static double[] doubles(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.longBitsToDouble(v[i]);
        }
        return out;
    }

    /** Per bin: the areas' rates (Hz), then the joints' mean angles (deg). */
    @Override
    public double[] collect() {
        return predicted.clone();
    }

    @Override
    public double[] estimated() {
        return cortex == null ? estimated.clone() : cortex.estimated();
    }

    @Override
    public void distribute(double[] values) {
        if (cortex == null) {
            estimated = values.clone();
        } else {
            cortex.distribute(values);
        }
    }

    /** The estimated values, then every rank's part (brain ranks: network and link; the body: its physics). */
    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIo.writeDoubles(out, estimated());
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(part);
        if (cortex != null) {
            ByteArrayOutputStream net = new ByteArrayOutputStream();
            cortex.saveState(net);
            d.writeInt(net.size());
            net.writeTo(d);
            link.writeState(d);
        }
        if (limb != null) {
            limb.writeState(d);
        }
        d.flush();
        if (local) {
            out.write(part.toByteArray());
        } else {
            RankParts.write(comm, part.toByteArray(), out);
        }
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        double[] values = new double[estimated().length];
        StateIo.readDoubles(in, values, "estimated values");
        distribute(values);
        DataInputStream d = local ? in : new DataInputStream(new ByteArrayInputStream(RankParts.read(comm, in)));
        if (cortex != null) {
            byte[] net = new byte[d.readInt()];
            d.readFully(net);
            cortex.restoreState(new ByteArrayInputStream(net));
            link.readState(d);
        }
        if (limb != null) {
            limb.readState(d);
        }
    }

    /** The brain's first rank gets the spikes of every brain rank; the body has none. */
    @Override
    public doka.engine.member.WindowSpikes lastWindowSpikes() {
        return cortex == null ? null : cortex.lastWindowSpikes();
    }

    /** The brain's first rank writes the spikes of every brain rank; the body has none. */
    @Override
    public void writeRaster(Path file, int maxNeurons) throws IOException {
        if (cortex != null) {
            cortex.writeRaster(file, maxNeurons);
        }
    }

    @Override
    public int neurons() {
        return neurons;
    }

    @Override
    public long synapses() {
        return synapses;
    }

    @Override
    public String describe() {
        String b = local ? "body " + mjcfName + " on the same rank"
                : String.format(Locale.ROOT, "body %s on rank %d of %d", mjcfName, bodyRank, comm.size());
        return body ? b + String.format(Locale.ROOT, " (%,d neurons on the other ranks)", neurons) : cortex.describe() + "; " + b;
    }

    /** Whether this rank runs the body. */
    public boolean isBody() {
        return body;
    }

    /** The cortex (brain ranks), or null. */
    public CortexMember cortex() {
        return cortex;
    }

    /** The body (its rank, or a member on one rank), or null. */
    public Limb limb() {
        return limb;
    }

    /** Exchanges this brain rank took part in, and the wall time in them (waiting for the body included); zeros on the body. */
    public long exchanges() {
        return link == null ? 0 : link.exchanges();
    }

    public double exchangeSeconds() {
        return link == null ? 0 : link.exchangeSeconds();
    }

    /** CPU time of this brain rank's thread in the exchanges (their own work, no waiting); 0 on the body. */
    public double exchangeCpuSeconds() {
        return link == null ? 0 : link.exchangeCpuSeconds();
    }

    @Override
    public void close() {
        if (cortex != null) {
            cortex.close();
        }
        if (limb != null) {
            limb.close();
        }
    }
}
