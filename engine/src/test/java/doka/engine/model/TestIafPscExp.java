package doka.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import doka.engine.input.DcStimulus;
import doka.engine.input.SpikeGenerator;
import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.record.SpikeRecorder;
import doka.engine.record.VoltageRecorder;

/** Single neurons against closed forms, after NEST's test_iaf_psc_exp. */
class TestIafPscExp {
    private static final double H = 0.1;

    private static Network single(IafPscExp.Parameters p) {
        NetworkBuilder b = new NetworkBuilder(H).threads(1);
        b.addPopulation("n", 1, p);
        return b.build();
    }

    private static IafPscExp.Parameters withIe(double iE) {
        IafPscExp.Parameters d = IafPscExp.Parameters.pd14();
        return new IafPscExp.Parameters(d.cMPf(), d.tauMMs(), d.tauSynExMs(), d.tauSynInMs(), d.tRefMs(), d.eLMv(),
                d.vThMv(), d.vResetMv(), iE);
    }

    @Test
    void dcChargingFollowsTheExponential() {
        try (Network net = single(withIe(300))) {
            VoltageRecorder v = new VoltageRecorder(0);
            net.addStepObserver(v);
            net.simulate(500);
            double[] trace = v.traceMv(0);
            for (int k = 0; k < trace.length; k++) {
                double t = (k + 1) * H;
                double expected = -65 + 300 * 10 / 250.0 * (1 - Math.exp(-t / 10));
                assertEquals(expected, trace[k], 1e-12, "step " + k);
            }
        }
    }

    @Test
    void dcStimulusActsOnlyInItsInterval() {
        try (Network net = single(IafPscExp.Parameters.pd14())) {
            VoltageRecorder v = new VoltageRecorder(0);
            net.addStepObserver(v);
            net.addDevice(new DcStimulus(new int[] {0}, 300, 100, 200));
            net.simulate(400);
            double[] trace = v.traceMv(0);
            assertEquals(-65, trace[99], 0);
            double atStop = -65 + 12 * (1 - Math.exp(-100 * H / 10));
            assertEquals(atStop, trace[199], 1e-12);
            assertEquals(-65 + (atStop + 65) * Math.exp(-50 * H / 10), trace[249], 1e-12);
        }
    }

    private static void checkPsc(IafPscExp.Parameters p, double weight, double tauSyn) {
        try (Network net = single(p)) {
            VoltageRecorder v = new VoltageRecorder(0);
            net.addStepObserver(v);
            int arrival = 10;
            net.addDevice(new SpikeGenerator(new int[] {0}, new long[] {arrival}, new double[] {weight}));
            net.simulate(600);
            double[] trace = v.traceMv(0);
            for (int k = 0; k <= arrival; k++) {
                assertEquals(-65, trace[k], 0, "before arrival, step " + k);
            }
            double tm = p.tauMMs();
            for (int m = 1; m < trace.length - arrival; m++) {
                double t = m * H;
                double psp = tauSyn == tm ? weight * t / p.cMPf() * Math.exp(-t / tm)
                        : weight / p.cMPf() * tauSyn * tm / (tm - tauSyn) * (Math.exp(-t / tm) - Math.exp(-t / tauSyn));
                assertEquals(-65 + psp, trace[arrival + m], 1e-12, "t = " + t + " ms after the PSC");
            }
        }
    }

    @Test
    void postsynapticPotentialsHaveTheExactShape() {
        IafPscExp.Parameters d = IafPscExp.Parameters.pd14();
        IafPscExp.Parameters separate = new IafPscExp.Parameters(250, 10, 0.5, 3.0, 2, -65, -50, -65, 0);
        checkPsc(d, 87.81, 0.5);
        checkPsc(separate, 87.81, 0.5);
        checkPsc(separate, -351.24, 3.0);
        IafPscExp.Parameters equal = new IafPscExp.Parameters(250, 10, 10, 10, 2, -65, -50, -65, 0);
        checkPsc(equal, 50, 10);
    }

    @Test
    void thresholdResetAndRefractoryPeriod() {
        double iE = 500;
        try (Network net = single(withIe(iE))) {
            VoltageRecorder v = new VoltageRecorder(0);
            SpikeRecorder spikes = new SpikeRecorder();
            net.addStepObserver(v);
            net.addSpikeObserver(spikes);
            net.simulate(1000);
            // V after step j (0-based) is the free solution at (j + 1 − j0)·h from the last release.
            double vInf = iE * 10 / 250;
            int charge = 1;
            while (vInf * (1 - Math.exp(-charge * H / 10)) < 15) {
                charge++;
            }
            int refractory = 20;
            int first = charge - 1;
            int period = refractory + charge;
            int[] expected = new int[(1000 - first + period - 1) / period];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = first + i * period;
            }
            assertArrayEquals(expected, spikes.steps());
            double[] trace = v.traceMv(0);
            for (int j = first; j <= first + refractory; j++) {
                assertEquals(-65, trace[j], 0, "clamped at V_reset, step " + j);
            }
            assertEquals(-65 + vInf * (1 - Math.exp(-H / 10)), trace[first + refractory + 1], 1e-12);
        }
    }

    @Test
    void parametersAreValidatedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IafPscExp.Parameters.fromMap(Map.of("tau_m", -1.0)));
        assertEquals("iaf_psc_exp: tau_m must be positive (ms), got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IafPscExp.Parameters.fromMap(Map.of("tau_x", 1.0)));
        assertEquals(true, e.getMessage().contains("unknown parameter 'tau_x'"));
    }
}
