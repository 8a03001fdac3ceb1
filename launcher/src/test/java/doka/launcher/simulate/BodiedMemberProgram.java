package doka.launcher.simulate;

import doka.engine.body.BodiedMember;
import doka.engine.body.BodySpec;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.engine.member.Readout;
import doka.launcher.mpi.MpjRankComm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import mpi.MPI;

/**
 * Rank program of {@link TestBodiedMemberRanks}: one member with a body over the world (the last
 * rank the body), warmed up and advanced as {@link #windows}; every rank returns its predictions.
 */
public final class BodiedMemberProgram implements Function<String[], Object> {
    static final Readout READOUT = new Readout(java.util.List.of(), 50, 10);

    /** The model file at density 0.02. */
    static CortexModel model(Path file) throws IOException {
        return CortexModel.read(file, java.util.Map.of()).withDensityScale(0.02);
    }

    /** Warm-up to 450 ms (the stimulation starts at 500), then 3 windows; their predictions. */
    static String windows(BodiedMember m) {
        m.simulateMs(450);
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < 3; w++) {
            m.advance();
            b.append(Arrays.toString(m.collect()));
        }
        return b.toString();
    }

    @Override
    public Object apply(String[] args) {
        try {
            CortexModel model = model(Path.of(args[0]));
            MpjRankComm comm = new MpjRankComm(MPI.COMM_WORLD);
            try (BodiedMember m = BodiedMember.build(model, CortexNetwork.loadInputs(model), BodySpec.read(Path.of(args[0])),
                    comm, READOUT)) {
                return windows(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
