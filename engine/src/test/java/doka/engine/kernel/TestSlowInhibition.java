package doka.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.input.DcStimulus;
import doka.engine.model.IafPscExp;
import doka.engine.model.Izhikevich;
import org.junit.jupiter.api.Test;

/**
 * The slow inhibitory channel: synapses from a population marked slow drive their targets'
 * third current with τ_syn,in,slow, exactly as the inhibitory channel would with that τ.
 */
class TestSlowInhibition {
    private static final double TAU_SLOW_MS = 8;

    /**
     * Two source cells (one driven to spike at about 2 ms) inhibit one target each, 1 ms later,
     * with {@code weightPa}; the targets differ in where the IPSC goes.
     */
    private static Network network(NeuronModel target, boolean slow, float weightPa) {
        NetworkBuilder b = new NetworkBuilder(0.1).threads(1).seed(3);
        NeuronRange src = b.addPopulation("source", 1, IafPscExp.Parameters.pd14());
        NeuronRange tgt = b.addPopulation("target", 1, target);
        if (slow) {
            b.slowInhibitionFrom(src);
        }
        b.connect("source -> target", new int[] {src.offset()}, new int[] {tgt.offset()}, new float[] {weightPa}, new int[] {10});
        Network net = b.build();
        net.addDevice(new DcStimulus(new int[] {src.offset()}, 5000, 0, 25));
        return net;
    }

    @Test
    void slowChannelActsLikeTheInhibitoryChannelWithItsTimeConstant() {
        IafPscExp.Parameters d = IafPscExp.Parameters.pd14();
        IafPscExp.Parameters withSlow = new IafPscExp.Parameters(d.cMPf(), d.tauMMs(), d.tauSynExMs(), d.tauSynInMs(),
                d.tRefMs(), d.eLMv(), d.vThMv(), d.vResetMv(), d.iEPa(), TAU_SLOW_MS);
        IafPscExp.Parameters slowAsIn = new IafPscExp.Parameters(d.cMPf(), d.tauMMs(), d.tauSynExMs(), TAU_SLOW_MS,
                d.tRefMs(), d.eLMv(), d.vThMv(), d.vResetMv(), d.iEPa());
        try (Network a = network(withSlow, true, -80f); Network b = network(slowAsIn, false, -80f)) {
            IafPscExp ta = (IafPscExp) a.population("target").dynamics();
            double minV = 0;
            double previous = 0;
            for (int step = 0; step < 600; step++) {
                a.simulate(1);
                b.simulate(1);
                assertEquals(b.membranePotentialMv(1), a.membranePotentialMv(1), 1e-9, "V at step " + step);
                double current = ta.slowInhibitoryCurrentPa(0);
                assertEquals(0, ta.inhibitoryCurrentPa(0), "the fast channel stays silent");
                if (previous < 0 && current < 0) {
                    assertEquals(Math.exp(-0.1 / TAU_SLOW_MS), current / previous, 1e-12, "decay at step " + step);
                }
                previous = current;
                minV = Math.min(minV, a.membranePotentialMv(1));
            }
            assertTrue(minV < -65.5, "the IPSP should hyperpolarise the target, V_min " + minV);
        }
    }

    @Test
    void izhikevichTargetsHaveTheSlowChannelToo() {
        Izhikevich.Parameters d = Izhikevich.Parameters.lowThresholdSpiking();
        Izhikevich.Parameters withSlow = new Izhikevich.Parameters(d.a(), d.b(), d.c(), d.d(), d.vPeakMv(), d.cMPf(),
                d.tauSynExMs(), d.tauSynInMs(), d.iEPa(), TAU_SLOW_MS);
        Izhikevich.Parameters slowAsIn = new Izhikevich.Parameters(d.a(), d.b(), d.c(), d.d(), d.vPeakMv(), d.cMPf(),
                d.tauSynExMs(), TAU_SLOW_MS, d.iEPa());
        try (Network a = network(withSlow, true, -800f); Network b = network(slowAsIn, false, -800f)) {
            double minV = 0;
            for (int step = 0; step < 600; step++) {
                a.simulate(1);
                b.simulate(1);
                assertEquals(b.membranePotentialMv(1), a.membranePotentialMv(1), 1e-9, "v at step " + step);
                minV = Math.min(minV, a.membranePotentialMv(1));
            }
            assertTrue(minV < -68, "the IPSP should hyperpolarise the target, v_min " + minV);
        }
    }

    @Test
    void slowInhibitionNeedsAPopulationOfTheBuilder() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.slowInhibitionFrom(new NeuronRange("LTS", 0, 0, 10)));
        assertTrue(e.getMessage().contains("no such population"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IafPscExp.Parameters.fromMap(java.util.Map.of("tau_syn_in_slow", -1.0)));
    }
}
