package doka.engine.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import doka.engine.input.DcStimulus;
import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.kernel.NeuronRange;
import doka.engine.model.IafPscExp;

/**
 * The summed synaptic currents of one spike: an exponential PSC on each receptor channel, sampled every k steps,
 * against the closed form {@code w · e^{−(t − t_arrival)/τ_syn}}; recording leaves the spikes unchanged.
 */
class TestSynapticCurrentRecorder {
    private static final double H = 0.1;
    private static final int DELAY_STEPS = 10;
    private static final int EVERY = 5;
    private static final float W_EX = 120f;
    private static final float W_IN = -70f;

    /** A source driven to spike once onto targets 0 (excitatory synapse) and 1 (inhibitory); target 2 gets nothing. */
    private static Network network() {
        NetworkBuilder b = new NetworkBuilder(H).threads(1).seed(3);
        NeuronRange src = b.addPopulation("source", 1, IafPscExp.Parameters.pd14());
        NeuronRange tgt = b.addPopulation("target", 3, IafPscExp.Parameters.pd14());
        b.connect("source -> target", new int[] {src.offset(), src.offset()}, new int[] {tgt.offset(), tgt.offset() + 1},
                new float[] {W_EX, W_IN}, new int[] {DELAY_STEPS, DELAY_STEPS});
        Network net = b.build();
        net.addDevice(new DcStimulus(new int[] {src.offset()}, 5000, 0, 25));
        return net;
    }

    @Test
    void oneSpikesPscsAreSummedPerGroupEveryKSteps() {
        SpikeRecorder plain = new SpikeRecorder();
        try (Network net = network()) {
            net.addSpikeObserver(plain);
            net.simulate(400);
        }
        assertEquals(1, plain.size(), "the source spikes once");
        long arrival = plain.step(0) + DELAY_STEPS;
        // group 0: target 0 (excitatory input) and target 2 (none); group 1: target 1 (inhibitory input)
        SynapticCurrentRecorder rec = new SynapticCurrentRecorder(new int[] {-1, 0, 1, 0}, 2);
        SpikeRecorder observed = new SpikeRecorder();
        try (Network net = network()) {
            net.addSpikeObserver(observed);
            rec.attach(net, EVERY, 1000);
            net.simulate(400);
        }
        assertArrayEquals(plain.steps(), observed.steps(), "recording cuts slices but leaves the spikes");
        assertEquals(400 / EVERY, rec.samples());
        IafPscExp.Parameters p = IafPscExp.Parameters.pd14();
        int nonZero = 0;
        for (int k = 0; k < rec.samples(); k++) {
            long step = rec.sampleStep(k) - 1000; // the network's step count at the sample
            assertEquals((k + 1) * EVERY, step, "sample " + k);
            long after = step - 1 - arrival; // steps since the arrival step, at the end of step `step − 1`
            double ex = after < 0 ? 0 : W_EX * Math.exp(-after * H / p.tauSynExMs());
            double in = after < 0 ? 0 : W_IN * Math.exp(-after * H / p.tauSynInMs());
            assertEquals(ex, rec.excitatoryQuanta(k, 0) * SynapticCurrentRecorder.QUANTUM_PA, 1e-9 * W_EX
                    + SynapticCurrentRecorder.QUANTUM_PA, "excitatory, sample " + k);
            assertEquals(in, rec.inhibitoryQuanta(k, 1) * SynapticCurrentRecorder.QUANTUM_PA, 1e-9 * -W_IN
                    + SynapticCurrentRecorder.QUANTUM_PA, "inhibitory, sample " + k);
            assertEquals(0, rec.inhibitoryQuanta(k, 0), "no inhibition onto group 0");
            assertEquals(0, rec.excitatoryQuanta(k, 1), "no excitation onto group 1");
            nonZero += rec.excitatoryQuanta(k, 0) != 0 ? 1 : 0;
        }
        assertTrue(nonZero >= 3, "the PSC is seen in " + nonZero + " samples");
    }
}
