package doka.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.record.SpikeRecorder;
import doka.engine.record.VoltageRecorder;

/** The Izhikevich (2003) model against its fixed points, bifurcation and published firing patterns. */
class TestIzhikevich {
    private static final double H = 0.1;

    private static Izhikevich.Parameters withInput(Izhikevich.Parameters p, double inputMvPerMs) {
        return new Izhikevich.Parameters(p.a(), p.b(), p.c(), p.d(), p.vPeakMv(), p.cMPf(), p.tauSynExMs(),
                p.tauSynInMs(), inputMvPerMs * p.cMPf());
    }

    private static int[] spikeSteps(Izhikevich.Parameters p, long steps) {
        NetworkBuilder b = new NetworkBuilder(H).threads(1);
        b.addPopulation("n", 1, p);
        try (Network net = b.build()) {
            SpikeRecorder r = new SpikeRecorder();
            net.addSpikeObserver(r);
            net.simulate(steps);
            return r.steps();
        }
    }

    @Test
    void restsAtTheStableFixedPoint() {
        // 0.04 v² + (5 − b) v + 140 = 0 with b = 0.2: v = −70 (stable) or −50
        NetworkBuilder b = new NetworkBuilder(H).threads(1);
        b.addPopulation("n", 1, Izhikevich.Parameters.regularSpiking());
        try (Network net = b.build()) {
            net.simulate(20_000);
            assertEquals(-70, net.membranePotentialMv(0), 1e-6);
            Izhikevich dyn = (Izhikevich) net.population("n").dynamics();
            assertEquals(-14, dyn.recovery(0), 1e-6);
        }
    }

    @Test
    void oneStepIsForwardEuler() {
        Izhikevich.Parameters p = withInput(Izhikevich.Parameters.regularSpiking(), 3);
        NetworkBuilder b = new NetworkBuilder(H).threads(1);
        b.addPopulation("n", 1, p);
        try (Network net = b.build()) {
            VoltageRecorder v = new VoltageRecorder(0);
            net.addStepObserver(v);
            net.simulate(2);
            double v0 = -65;
            double u0 = 0.2 * -65;
            double v1 = v0 + H * (0.04 * v0 * v0 + 5 * v0 + 140 - u0 + 3);
            double u1 = u0 + H * 0.02 * (0.2 * v0 - u0);
            double v2 = v1 + H * (0.04 * v1 * v1 + 5 * v1 + 140 - u1 + 3);
            assertEquals(v1, v.traceMv(0)[0], 1e-12);
            assertEquals(v2, v.traceMv(0)[1], 1e-12);
        }
    }

    @Test
    void rheobaseIsTheSaddleNodeOfTheFixedPoints() {
        // Equilibria solve 0.04 v² + (5 − b) v + 140 + I = 0 and exist while (5 − b)² ≥ 0.16 (140 + I):
        // for RS (b = 0.2) up to I = 4 mV/ms. Below, the lower root is a stable rest; above, the
        // neuron fires from the same state.
        double vRest = (-4.8 - Math.sqrt(4.8 * 4.8 - 0.16 * (140 + 3.9))) / 0.08;
        assertEquals(0, fromState(withInput(Izhikevich.Parameters.regularSpiking(), 3.9), vRest, vRest));
        assertTrue(fromState(withInput(Izhikevich.Parameters.regularSpiking(), 4.1), vRest, Double.NaN) > 0);
    }

    /** Spikes in 2 s from v = vStart (u = b·v); checks the final v against vEnd unless NaN. */
    private static int fromState(Izhikevich.Parameters p, double vStart, double vEnd) {
        NetworkBuilder b = new NetworkBuilder(H).threads(1);
        b.addPopulation("n", 1, p);
        try (Network net = b.build()) {
            net.population("n").setMembranePotentialsMv(new double[] {vStart});
            SpikeRecorder r = new SpikeRecorder();
            net.addSpikeObserver(r);
            net.simulate(20_000);
            if (!Double.isNaN(vEnd)) {
                assertEquals(vEnd, net.membranePotentialMv(0), 1e-9);
            }
            return r.size();
        }
    }

    @Test
    void regularSpikingAdaptsAndFastSpikingDoesNot() {
        // Izhikevich (2003), Fig. 2: RS shows spike-frequency adaptation, FS fires fast and tonically.
        int[] rs = spikeSteps(withInput(Izhikevich.Parameters.regularSpiking(), 10), 5_000);
        int[] fs = spikeSteps(withInput(Izhikevich.Parameters.fastSpiking(), 10), 5_000);
        assertTrue(rs.length >= 5 && fs.length > 2 * rs.length, "RS " + rs.length + ", FS " + fs.length);
        int rsFirst = rs[1] - rs[0];
        int rsLast = rs[rs.length - 1] - rs[rs.length - 2];
        assertTrue(rsLast > 1.5 * rsFirst, "RS adaptation: first ISI " + rsFirst + ", last " + rsLast);
        int fsSecond = fs[2] - fs[1];
        int fsLast = fs[fs.length - 1] - fs[fs.length - 2];
        assertTrue(Math.abs(fsLast - fsSecond) <= 0.25 * fsSecond, "FS tonic: " + fsSecond + " vs " + fsLast);
    }
}
