package doka.observation.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import doka.observation.operator.SpikeTrains;

/**
 * A protocol run with known answers: 2 s of asynchronous Poisson rest, then 2 s of a 40 Hz rhythm in which area A's
 * FS cells fire 5 ms after its E cells and area B repeats A's E cells 3 ms later.
 */
class TestProtocolStatistics {
    @Test
    void restThenStimulus() {
        Trains t = new Trains();
        int e = t.group("A", "E", 80);
        int fs = t.group("A", "FS", 20);
        int b = t.group("B", "E", 80);
        t.poisson(e, 80, 5, 2000, 1).poisson(fs, 20, 5, 2000, 2).poisson(b, 80, 5, 2000, 3);
        t.periodic(e, 80, 25, 2000.5, 4000).periodic(fs, 20, 25, 2005.5, 4000).periodic(b, 80, 25, 2003.5, 4000);
        SpikeTrains s = t.trains();
        ProtocolStatistics.Protocol protocol = new ProtocolStatistics.Protocol(new Window(0, 2000), new Window(2000, 4000));
        StatisticVector v = ProtocolStatistics.of(s, t.neuronGroups(), protocol, ProtocolStatistics.Settings.gamma());
        // per population and window: rate, cv, synchrony, cos, sin (3 × 5); per area: power, peak, lag (2 × 3)
        assertEquals(2 * (3 * 5 + 2 * 3), v.size());
        assertEquals(5.0, v.value("rest.rate_hz/A/E"), 4 * Math.sqrt(v.variance("rest.rate_hz/A/E")));
        assertEquals(40.0, v.value("stimulus.rate_hz/A/FS"), 1e-9);
        assertEquals(0.0, v.value("stimulus.cv_isi/B/E"), 1e-9);
        assertEquals(1.0, v.value("rest.cv_isi/A/E"), 0.15);
        assertEquals(1.0 / 80, v.value("rest.synchrony/A/E"), 0.006);
        assertEquals(1.0, v.value("stimulus.synchrony/A/E"), 1e-9);
        assertEquals(40.0, v.value("stimulus.peak_hz/A"), 1000.0 / 256 / 2);
        assertTrue(v.value("stimulus.band_power/A") > 100 * v.value("rest.band_power/A"));
        assertEquals(3.0, v.value("stimulus.lag_ms/B"), 1e-3);
        assertEquals(0.0, v.value("stimulus.lag_ms/A"));
        double phaseE = Math.atan2(v.value("stimulus.phase_sin/A/E"), v.value("stimulus.phase_cos/A/E"));
        double phaseFs = Math.atan2(v.value("stimulus.phase_sin/A/FS"), v.value("stimulus.phase_cos/A/FS"));
        assertEquals(2 * Math.PI * 5 / 25, RhythmStatistics.wrap(phaseFs - phaseE), 0.02);
        for (int i = 0; i < v.size(); i++) {
            assertTrue(Double.isFinite(v.values()[i]) && v.variances()[i] >= 0, v.names().get(i));
        }
        assertThrows(IllegalArgumentException.class, () -> v.value("stimulus.rate_hz/C/E"));
    }
}
