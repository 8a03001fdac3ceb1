package doka.launcher.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.body.BodiedMember;
import doka.engine.body.BodySpec;
import doka.engine.body.MuJoCo;
import doka.engine.cortex.CortexModel;
import doka.engine.cortex.CortexNetwork;
import doka.launcher.mpi.MulticoreWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The coupling's lock-step over MPJ ranks: a member with a body on 1 brain rank + the body's, on
 * 2 brain ranks + the body's, and on one rank (the body stepped beside the brain, as the twin's
 * truth runs) predicts the same rates and joint angles, bit for bit, on every rank.
 */
class TestBodiedMemberRanks {
    private static final Path MODEL = Path.of("..", "ensembles", "models", "body-forelimb.json").toAbsolutePath().normalize();

    @Test
    void oneRankTwoRanksAndThreeRanksPredictTheSame() throws Exception {
        String why = MuJoCo.missing();
        Assumptions.assumeTrue(why == null, () -> "MuJoCo is not available, test skipped: " + why);
        CortexModel model = BodiedMemberProgram.model(MODEL);
        String local;
        try (BodiedMember m = BodiedMember.build(model, CortexNetwork.loadInputs(model), BodySpec.read(MODEL), null,
                BodiedMemberProgram.READOUT)) {
            local = BodiedMemberProgram.windows(m);
        }
        assertTrue(local.length() > 100, local);
        for (int ranks : new int[] {2, 3}) {
            List<Object> got = new MulticoreWorld(ranks, Duration.ofMinutes(5)).run(BodiedMemberProgram.class.getName(),
                    MODEL.toString());
            for (int r = 0; r < ranks; r++) {
                assertEquals(local, got.get(r), "rank " + r + " of " + ranks);
            }
        }
    }
}
