package doka.engine.kernel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshot format of a {@link Network}: the complete dynamic state, so that a restored
 * network continues with the same spikes. Written, in order: magic, format version, the owned
 * neuron ranges, the synapse count and {@linkplain SynapseStore#digest digest} (so that a
 * restore into a network built differently, by another version or configuration, is refused),
 * the largest delay, dt, seed, step, then per population its name, model, size, input controls
 * and the state of its owned neurons, and last the spikes of the last max-delay steps, from
 * which the partitions' input queues are rebuilt. Random streams are counter-based, so the step
 * is their whole state. Devices and observers are configuration and are not written.
 */
final class NetworkSnapshot {
    private static final long MAGIC = 0x444f4b41534e4150L; // "DOKASNAP"
    private static final int VERSION = 3;

    private NetworkSnapshot() {
    }

    static void write(Network net, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        Ownership owned = net.owned();
        SynapseStore store = net.synapses();
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(net.neuronCount());
        out.writeInt(owned.rangeCount());
        for (int r = 0; r < owned.rangeCount(); r++) {
            out.writeInt(owned.rangeStart(r));
            out.writeInt(owned.rangeEnd(r));
        }
        out.writeLong(store.synapseCount());
        out.writeLong(store.digest());
        out.writeInt(store.maxDelaySteps());
        out.writeDouble(net.dtMs());
        out.writeLong(net.seed());
        out.writeInt(net.populations().size());
        out.writeLong(net.step());
        for (Population p : net.populations()) {
            out.writeUTF(p.name());
            out.writeUTF(p.dynamics().model().modelName());
            out.writeInt(p.size());
            p.writeControls(out);
            for (int[] range : ownedRanges(owned, p)) {
                p.dynamics().writeState(out, range[0], range[1]);
            }
        }
        Network.RecentSpikes recent = net.recentSpikes();
        out.writeInt(recent.count());
        for (int i = 0; i < recent.count(); i++) {
            out.writeLong(recent.step()[i]);
            out.writeInt(recent.neuron()[i]);
        }
        out.flush();
    }

    static void read(Network net, InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        Ownership owned = net.owned();
        SynapseStore store = net.synapses();
        int neurons = net.neuronCount();
        if (in.readLong() != MAGIC) {
            throw new IOException("not a Doka engine snapshot (bad magic number)");
        }
        int version = in.readInt();
        if (version < VERSION) {
            throw new IOException("snapshot format " + version + " is too old; this engine reads " + VERSION);
        }
        if (version > VERSION) {
            throw new IOException("snapshot format " + version + " is too new; this engine reads " + VERSION);
        }
        expect(in.readInt(), neurons, "neuron count");
        int ranges = in.readInt();
        int[] rs = new int[Math.max(0, Math.min(ranges, 1 << 24))];
        int[] re = new int[rs.length];
        for (int r = 0; r < rs.length; r++) {
            rs[r] = in.readInt();
            re[r] = in.readInt();
        }
        if (ranges != rs.length || !owned.equals(safeOwnership(neurons, rs, re))) {
            throw new IOException("snapshot: it holds the state of other neurons (" + ranges + " ranges) than this rank owns ("
                    + owned + "); restore each rank's snapshot into the same rank of a member split the same way");
        }
        expect(in.readLong(), store.synapseCount(), "synapse count");
        long digest = in.readLong();
        if (digest != store.digest()) {
            throw new IOException(String.format("snapshot: the synapses differ from this network's (digest %016x in the"
                    + " snapshot, %016x here); it was written by a network built differently — another Doka version or"
                    + " configuration", digest, store.digest()));
        }
        expect(in.readInt(), store.maxDelaySteps(), "largest delay");
        double dt = in.readDouble();
        if (dt != net.dtMs()) {
            throw new IOException("snapshot: dt is " + dt + " ms, this network " + net.dtMs() + " ms");
        }
        expect(in.readLong(), net.seed(), "seed");
        expect(in.readInt(), net.populations().size(), "population count");
        long savedStep = in.readLong();
        for (Population p : net.populations()) {
            String name = in.readUTF();
            if (!name.equals(p.name())) {
                throw new IOException("snapshot: population " + name + " where this network has " + p.name());
            }
            String model = in.readUTF();
            if (!model.equals(p.dynamics().model().modelName())) {
                throw new IOException("snapshot: population " + name + " has model " + model + ", this network "
                        + p.dynamics().model().modelName());
            }
            expect(in.readInt(), p.size(), "size of " + name);
            p.readControls(in);
            for (int[] range : ownedRanges(owned, p)) {
                p.dynamics().readState(in, range[0], range[1]);
            }
        }
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("snapshot: negative count of spikes in flight");
        }
        int[] source = new int[n];
        long[] emitted = new long[n];
        for (int i = 0; i < n; i++) {
            emitted[i] = in.readLong();
            source[i] = in.readInt();
            if (source[i] < 0 || source[i] >= neurons || emitted[i] >= savedStep
                    || emitted[i] < savedStep - store.maxDelaySteps() || (i > 0 && emitted[i] < emitted[i - 1])) {
                throw new IOException("snapshot: recent spike " + i + " (neuron " + source[i] + ", step " + emitted[i]
                        + ") is out of range or order");
            }
        }
        net.resume(savedStep, source, emitted, n);
    }

    private static Ownership safeOwnership(int neurons, int[] start, int[] end) {
        try {
            return Ownership.ofRanges(neurons, start, end);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The population-local ranges [lo, hi) of {@code p} that {@code owned} holds. */
    private static List<int[]> ownedRanges(Ownership owned, Population p) {
        List<int[]> list = new ArrayList<>();
        for (int r = 0; r < owned.rangeCount(); r++) {
            int lo = Math.max(owned.rangeStart(r), p.offset());
            int hi = Math.min(owned.rangeEnd(r), p.offset() + p.size());
            if (lo < hi) {
                list.add(new int[] {lo - p.offset(), hi - p.offset()});
            }
        }
        return list;
    }

    private static void expect(long got, long want, String what) throws IOException {
        if (got != want) {
            throw new IOException("snapshot: " + what + " is " + got + ", this network " + want);
        }
    }
}
