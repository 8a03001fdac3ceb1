package doka.engine.body;

import doka.engine.kernel.InputDevice;
import doka.engine.kernel.RankComm;
import doka.engine.kernel.SpikeObserver;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A brain rank's end of the coupling, in its network as an input device and a spike observer.
 * It counts the spikes of the motor pools' cells this rank owns; at every exchange boundary (the
 * kernel refreshes its devices there, once every spike before it has been observed) it sends the
 * counts to the body rank and receives the proprioceptive signals, which set the currents of the
 * sensory pools until the next boundary. The exchange is a neighbour exchange of the member's
 * communicator (each brain rank with the body rank only); the body rank takes part in it from
 * {@link Limb}. A member on one rank has its body beside it: the link then steps it itself. Each boundary is exchanged
 * once, however often the kernel refreshes there.
 */
final class BodyLink implements InputDevice, SpikeObserver {
    private final RankComm comm;
    /** The body on this same rank (a member on one rank), or null: the body rank over {@link #comm}. */
    private final Limb local;
    private final int bodyRank;
    /** The one neighbour of a brain rank's exchange. */
    private final int[] body;
    private final CellPools motor;
    private final CellPools sensory;
    private final double amplitudePa;
    private final long intervalSteps;
    private final long[] counts;
    private final double[] currentPa;
    private long lastExchangeStep = -1;
    private long exchanges;
    private long exchangeNanos;
    private long exchangeCpuNanos;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    BodyLink(RankComm comm, Limb local, int bodyRank, CellPools motor, CellPools sensory, double amplitudePa,
             long intervalSteps) {
        this.comm = comm;
        this.local = local;
        this.bodyRank = bodyRank;
        this.body = new int[] {bodyRank};
        this.motor = motor;
        this.sensory = sensory;
        this.amplitudePa = amplitudePa;
        this.intervalSteps = intervalSteps;
        this.counts = new long[motor.pools()];
        this.currentPa = new double[sensory.pools()];
    }

    @Override
    public void onSpikes(int[] neuron, long[] step, int count) {
        for (int i = 0; i < count; i++) {
            int p = motor.poolOf(neuron[i]);
            if (p >= 0) {
                counts[p]++;
            }
        }
    }

    @Override
    public long nextChangeAfter(long step) {
        return (step / intervalSteps + 1) * intervalSteps;
    }

    @Override
    public void addCurrent(long step, double[] stimulusPa) {
        if (step % intervalSteps == 0 && step > lastExchangeStep) {
            exchange();
            lastExchangeStep = step;
        }
        for (int ch = 0; ch < currentPa.length; ch++) {
            double pa = currentPa[ch];
            if (pa == 0) {
                continue;
            }
            int lo = sensory.start() + (int) Math.ceil((double) ch * (sensory.end() - sensory.start()) / sensory.pools());
            for (int n = lo; n < sensory.end() && sensory.poolOf(n) == ch; n++) {
                stimulusPa[n] += pa;
            }
        }
    }

    /** Counts of the last interval to the body rank; its signals back. */
    private void exchange() {
        long t0 = System.nanoTime();
        long c0 = THREADS.getCurrentThreadCpuTime();
        if (local != null) {
            double[] signals = local.intervalLocal(counts);
            for (int ch = 0; ch < currentPa.length; ch++) {
                currentPa[ch] = amplitudePa * signals[ch];
            }
        } else {
            long[][] send = new long[comm.size()][0];
            send[bodyRank] = counts.clone();
            long[] signals = comm.exchange(send, body, body)[bodyRank];
            if (signals.length != currentPa.length) {
                throw new IllegalStateException("the body rank sent " + signals.length + " proprioceptive signals, expected "
                        + currentPa.length);
            }
            for (int ch = 0; ch < currentPa.length; ch++) {
                currentPa[ch] = amplitudePa * Double.longBitsToDouble(signals[ch]);
            }
        }
        java.util.Arrays.fill(counts, 0);
        exchanges++;
        exchangeNanos += System.nanoTime() - t0;
        exchangeCpuNanos += THREADS.getCurrentThreadCpuTime() - c0;
    }

    void writeState(DataOutputStream out) throws IOException {
        out.writeLong(lastExchangeStep);
        for (long c : counts) {
            out.writeLong(c);
        }
        for (double pa : currentPa) {
            out.writeDouble(pa);
        }
    }

    void readState(DataInputStream in) throws IOException {
        lastExchangeStep = in.readLong();
        for (int p = 0; p < counts.length; p++) {
            counts[p] = in.readLong();
        }
        for (int ch = 0; ch < currentPa.length; ch++) {
            currentPa[ch] = in.readDouble();
        }
    }

    long exchanges() {
        return exchanges;
    }

    /** Wall time in the exchanges, waiting for the body (and for a core) included. */
    double exchangeSeconds() {
        return exchangeNanos * 1e-9;
    }

    /** CPU time of this rank's thread in the exchanges: their own work, without the waiting. */
    double exchangeCpuSeconds() {
        return exchangeCpuNanos * 1e-9;
    }
}
