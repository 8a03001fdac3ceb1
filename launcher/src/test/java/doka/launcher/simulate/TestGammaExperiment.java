package doka.launcher.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.cortex.CortexModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's Fig. 1 and 2 on the synthetic cortex ({@code gamma-mop.json}: MOp-L and MOs-L at
 * s = 0.25, a few seconds per seed): DC into the L2/3 E cells of one MOp-L column, simulation
 * seeds 1–3. Every seed must show what held for all twelve seeds recorded in docs/cortex.md: the
 * 30–50 Hz power rises around the column (and stays up through the stimulus's second half) and
 * over MOp-L, and the phases shift later from L2/3 E to L5 E to L6 E. What held for ten or eleven
 * seeds of twelve (the spectral peak in 30–50 Hz; LTS after E and FS in L2/3 and L5; a rise of
 * MOs-L's 30–50 Hz power) must hold for two seeds of three: seed 1 is an exception for MOs-L.
 */
class TestGammaExperiment {
    private static final int SEEDS = 3;

    @Test
    void stimulatedColumnDrivesGammaThatPropagatesAndDeepLayersFireLater() throws IOException {
        Path f = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles/models/gamma-mop.json");
        CortexModel model = CortexModel.read(f, Map.of());
        int peakInBand = 0, ltsLater = 0, mosRises = 0;
        StringBuilder seen = new StringBuilder();
        for (int seed = 1; seed <= SEEDS; seed++) {
            CortexModel.RunSpec r = model.run();
            CortexModel m = model.withRun(new CortexModel.RunSpec(r.dtMs(), r.tSimMs(), r.warmupMs(), r.binMs(),
                    (long) seed, r.threads()));
            CortexRun.Summary summary = CortexRun.run(m, null);
            CortexRun.StimulusSummary st = summary.stimulus();
            String at = "seed " + seed + ": ";
            if (seed == 1) {
                assertAreaLevelReadout(summary);
            }
            assertTrue(st.localCells() > 1000 && st.stimulatedCells() > 20, at + st);
            assertTrue(st.localGammaDuring() > 10 * st.localGammaPre(),
                    at + "local 30–50 Hz power " + st.localGammaPre() + " → " + st.localGammaDuring());
            assertTrue(st.localGammaLate() > 10 * st.localGammaPre(),
                    at + "local 30–50 Hz power over the stimulus's 2nd half, not sustained: " + st.localGammaLate());
            double[] mop = st.areaGammaPreDuring().get("MOp-L");
            assertTrue(mop[1] > 3 * mop[0], at + "MOp-L 30–50 Hz power " + mop[0] + " → " + mop[1]);
            Map<String, Double> ph = st.meanPhaseRad();
            assertTrue(lag(ph, "L5 E", "L2/3 E") > 0 && lag(ph, "L6 E", "L5 E") > 0,
                    at + "phases L2/3 E < L5 E < L6 E: " + ph);

            boolean later = true;
            for (String layer : new String[] {"L2/3", "L5"}) {
                later &= lag(ph, layer + " LTS", layer + " E") > 0 && lag(ph, layer + " LTS", layer + " FS") > 0;
            }
            double[] mos = st.areaGammaPreDuring().get("MOs-L");
            double peakHz = st.localPeakDuringHz();
            peakInBand += peakHz >= 30 && peakHz <= 50 ? 1 : 0;
            ltsLater += later ? 1 : 0;
            mosRises += mos[1] > 2 * mos[0] ? 1 : 0;
            seen.append(String.format("%n%speak %.1f Hz, MOs-L power %.3g → %.3g, phases %s", at, peakHz, mos[0],
                    mos[1], ph));
        }
        assertTrue(peakInBand >= SEEDS - 1, "local peak in 30–50 Hz for " + peakInBand + " seeds" + seen);
        assertTrue(ltsLater >= SEEDS - 1, "LTS after E and FS in L2/3 and L5 for " + ltsLater + " seeds" + seen);
        assertTrue(mosRises >= SEEDS - 1, "MOs-L 30–50 Hz power ×2 for " + mosRises + " seeds" + seen);
    }

    /**
     * The area-level read-out's JSON (issue 15's contract): {@code stimulus.areas.<area>} with gamma_pre, gamma_during
     * and peak_during_hz equal to the area rates' spectra, {@code stimulus.phase_rad} keyed by layer and class,
     * {@code stimulus.lag_ms.MOs-L}, and {@code rest.rates_hz} / {@code rest.cv_isi} per population, rates over the
     * window before the stimulus only.
     */
    private static void assertAreaLevelReadout(CortexRun.Summary summary) throws IOException {
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toJson());
        com.fasterxml.jackson.databind.JsonNode st = j.get("stimulus");
        for (String area : new String[] {"MOp-L", "MOs-L"}) {
            com.fasterxml.jackson.databind.JsonNode a = st.get("areas").get(area);
            double[] preDuring = summary.stimulus().areaGammaPreDuring().get(area);
            assertEquals(preDuring[0], a.get("gamma_pre").asDouble(), 0.0, area);
            assertEquals(preDuring[1], a.get("gamma_during").asDouble(), 0.0, area);
            assertTrue(a.get("peak_during_hz").asDouble() >= 10 && a.get("peak_during_hz").asDouble() <= 200, area);
        }
        for (String layer : new String[] {"L2/3", "L5", "L6"}) {
            for (String cls : new String[] {"E", "FS", "LTS"}) {
                double phase = st.get("phase_rad").get(layer + " " + cls).asDouble();
                assertTrue(phase > -Math.PI && phase <= Math.PI, layer + " " + cls + ": " + phase);
            }
        }
        double lag = st.get("lag_ms").get("MOs-L").asDouble();
        assertTrue(lag >= 0 && lag <= 30, "lag " + lag);
        com.fasterxml.jackson.databind.JsonNode rates = j.get("rest").get("rates_hz");
        assertEquals(18, rates.size(), rates.toString());
        // before the stimulus the driven L2/3 E cells fire far less than over the whole run
        assertTrue(rates.get("MOp-L/L2/3/E").asDouble() < summary.populationRatesHz().get("MOp-L/L2/3/E"), rates.toString());
        assertTrue(j.get("rest").get("cv_isi").has("MOp-L/L5/E"), j.get("rest").toString());
    }

    /** Phase of {@code a} minus phase of {@code b}, wrapped into (−π, π]. */
    private static double lag(Map<String, Double> phases, String a, String b) {
        assertTrue(phases.containsKey(a) && phases.containsKey(b), "phases of " + a + " and " + b + ": " + phases);
        double d = phases.get(a) - phases.get(b);
        return Math.atan2(Math.sin(d), Math.cos(d));
    }
}
