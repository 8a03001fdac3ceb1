package doka.launcher.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class TestCommunicators {
    @Test
    void layoutArithmetic() {
        EnsembleLayout l = new EnsembleLayout(3, 2);
        assertEquals(6, l.worldSize());
        assertEquals(2, l.memberOf(5));
        assertEquals(1, l.rankInMember(5));
        assertEquals(5, l.worldRank(2, 1));
    }

    @Test
    void threeMembersOfTwoRanksSplitIntoMemberCoupleAndFilterCommunicators() {
        int members = 3;
        int perMember = 2;
        List<Object> out = new MulticoreWorld(members * perMember, Duration.ofMinutes(2))
                .run(CommunicatorsProgram.class.getName(), "3", "2");
        for (int world = 0; world < out.size(); world++) {
            int[] r = (int[]) out.get(world);
            int member = world / perMember;
            int j = world % perMember;
            assertEquals(world, r[0]);
            assertEquals(j, r[1], "rank in member");
            assertEquals(perMember, r[2], "member size");
            assertEquals(member, r[3], "couple rank is the member index");
            assertEquals(members, r[4], "couple size");
            assertEquals(world == 0 ? 1 : 0, r[5], "the analysis root is world rank 0 only");
            if (member == 0) {
                assertEquals((members - 1) * perMember + j, r[6], "gather is in member order");
            }
            assertEquals(100 + member, r[7], "scatter delivers each member its own value");
            assertEquals(member, r[8]);
        }
    }
}
