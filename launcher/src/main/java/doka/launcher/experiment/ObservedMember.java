package doka.launcher.experiment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import doka.engine.member.MeasurableMember;
import doka.engine.member.RankParts;
import doka.engine.member.SpikingMember;

/**
 * A spiking member whose predictions are an observation operator's (calcium imaging, an LFP proxy) instead of its
 * rates: the operator ({@link Measure}) reads the member's measurements after each call that advances it (the
 * warm-up too, so the first window sees the indicator's or the currents' history), combines the parts of a member
 * split over ranks, and keeps its state in the member's snapshots, so that a resumed run continues bit for bit.
 */
final class ObservedMember implements SpikingMember {
    /** An observation operator applied to a member's measurements, one advance at a time. */
    interface Measure {
        /**
         * Takes up the measurements of the steps [fromStep, toStep) just simulated and returns the predictions of
         * its {@code bins} bins, bin-major {@code [bin][quantity]} (none for the warm-up: {@code bins} 0).
         */
        double[] advanced(long fromStep, long toStep, int bins);

        /** Writes this rank's state. */
        void write(DataOutputStream out) throws IOException;

        /** Reads what {@link #write} wrote. */
        void read(DataInputStream in) throws IOException;

        /** Whether every rank of a split member holds the same state (else each rank's part is kept). */
        boolean sharedByRanks();
    }

    private final MeasurableMember member;
    private final Measure measure;
    private final int bins;
    private double[] predicted;

    ObservedMember(MeasurableMember member, Measure measure, int bins) {
        this.member = member;
        this.measure = measure;
        this.bins = bins;
    }

    @Override
    public void simulateMs(double durationMs) {
        long from = member.stepCount();
        member.simulateMs(durationMs);
        measure.advanced(from, member.stepCount(), 0);
    }

    @Override
    public void advance() {
        long from = member.stepCount();
        member.advance();
        predicted = measure.advanced(from, member.stepCount(), bins);
    }

    @Override
    public double[] collect() {
        return predicted.clone();
    }

    @Override
    public double[] estimated() {
        return member.estimated();
    }

    @Override
    public void distribute(double[] values) {
        member.distribute(values);
    }

    /**
     * The operator's state (a split member's rank 0 writes every rank's part), then the member's snapshot: last,
     * because a member may read its state through a buffer that takes the rest of the stream.
     */
    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        if (member.comm() == null || measure.sharedByRanks()) {
            measure.write(out);
        } else {
            ByteArrayOutputStream mine = new ByteArrayOutputStream();
            try (DataOutputStream d = new DataOutputStream(mine)) {
                measure.write(d);
            }
            RankParts.write(member.comm(), mine.toByteArray(), out);
        }
        member.snapshot(out);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        if (member.comm() == null || measure.sharedByRanks()) {
            measure.read(in);
        } else {
            measure.read(new DataInputStream(new ByteArrayInputStream(RankParts.read(member.comm(), in))));
        }
        member.restore(in);
    }

    @Override
    public void writeRaster(Path file, int maxNeurons) throws IOException {
        member.writeRaster(file, maxNeurons);
    }

    @Override
    public doka.engine.member.WindowSpikes lastWindowSpikes() {
        return member.lastWindowSpikes();
    }

    @Override
    public int neurons() {
        return member.neurons();
    }

    @Override
    public long synapses() {
        return member.synapses();
    }

    @Override
    public String describe() {
        return member.describe();
    }

    @Override
    public void close() {
        member.close();
    }
}
