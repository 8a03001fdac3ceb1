package doka.engine.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import doka.engine.kernel.Network;
import doka.engine.kernel.NetworkBuilder;
import doka.engine.model.IafPscExp;

class TestSpikeStatistics {
    /** Two populations of identical neurons driven by the same DC fire regularly and in lock step. */
    private static Network regular() {
        IafPscExp.Parameters d = IafPscExp.Parameters.pd14();
        IafPscExp.Parameters driven = new IafPscExp.Parameters(d.cMPf(), d.tauMMs(), d.tauSynExMs(), d.tauSynInMs(),
                d.tRefMs(), d.eLMv(), d.vThMv(), d.vResetMv(), 500);
        NetworkBuilder b = new NetworkBuilder(0.1).threads(2).partitionSize(3);
        b.addPopulation("A", 4, driven);
        b.addPopulation("B", 6, IafPscExp.Parameters.pd14());
        return b.build();
    }

    @Test
    void regularFiringHasZeroCvAndTheExactRate() {
        try (Network net = regular()) {
            SpikeRecorder spikes = new SpikeRecorder();
            PopulationRates rates = new PopulationRates(net, 0, 100);
            net.addSpikeObserver(spikes);
            net.addSpikeObserver(rates);
            net.simulate(10_000);
            // period: 139 charging steps + 20 refractory (see TestIafPscExp), first spike at step 138
            int period = 159;
            List<PopulationStatistics> stats = SpikeStatistics.compute(net, spikes, 138, 138 + 50L * period, 30);
            PopulationStatistics a = stats.get(0);
            assertEquals(4 * 50, a.spikes());
            assertEquals(1000.0 / (period * 0.1), a.rateHz(), 1e-9);
            assertEquals(0, a.cvIsi(), 1e-12);
            // all four fire in the same 3 ms bin: counts 4 or 0, mean 4·(bins with a spike)/bins
            assertTrue(a.synchrony() > 1, "lock step is synchronous, got " + a.synchrony());
            PopulationStatistics b = stats.get(1);
            assertEquals(0, b.spikes());
            assertTrue(Double.isNaN(b.cvIsi()) && Double.isNaN(b.synchrony()));
            // binned rates: 10 ms bins; the count over all bins is every spike of A
            long total = 0;
            for (int bin = 0; bin < rates.binsSeen(); bin++) {
                total += rates.count(0, bin);
                assertEquals(rates.count(0, bin) / (4 * 10e-3), rates.rateHz(0, bin), 1e-9);
            }
            assertEquals(spikes.size(), total);
        }
    }
}
