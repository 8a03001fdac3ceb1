package doka.launcher.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 15's targets of the gamma experiment, judged on {@code simulate --json}'s area-level read-out of MOp-L and
 * MOs-L (the report's Fig. 1C measures the whole area):
 * <ul>
 *   <li>rest: every MOp-L E population above 0.2 Hz; asynchronous (MOp-L's 30–50 Hz power before the stimulus below
 *       1 Hz², a tenth of the response asked for below) and irregular (mean CV of the ISIs ≥ 0.3, as
 *       {@code TestSpontaneousActivity}, over MOp-L's E populations that have one);</li>
 *   <li>stimulus: MOp-L's peak in 30–50 Hz and its 30–50 Hz power ×10; E and FS within 0.6 rad in L2/3 and L5; LTS
 *       after both there; L2/3 E → L5 E → L6 E later; MOs-L's power ×2 and its rate behind MOp-L's.</li>
 * </ul>
 */
final class GammaTargets {
    private GammaTargets() {
    }

    /** The targets a run's summary JSON misses (empty: all held). */
    static List<String> missed(JsonNode summary) {
        List<String> out = new ArrayList<>();
        JsonNode rest = summary.get("rest");
        JsonNode st = summary.get("stimulus");
        double cvSum = 0;
        int cvs = 0;
        for (String layer : new String[] {"L2/3", "L5", "L6"}) {
            String pop = "MOp-L/" + layer + "/E";
            double rate = rest.get("rates_hz").get(pop).asDouble();
            if (!(rate > 0.2)) {
                out.add(String.format("rest %s %.3f Hz ≤ 0.2", pop, rate));
            }
            if (rest.get("cv_isi").has(pop)) {
                cvSum += rest.get("cv_isi").get(pop).asDouble();
                cvs++;
            }
        }
        if (!(cvs > 0 && cvSum / cvs >= 0.3)) {
            out.add(String.format("rest CV of ISIs %.2f < 0.3", cvs == 0 ? Double.NaN : cvSum / cvs));
        }
        JsonNode mop = st.get("areas").get("MOp-L");
        JsonNode mos = st.get("areas").get("MOs-L");
        if (!(mop.get("gamma_pre").asDouble() < 1)) {
            out.add(String.format("rest MOp-L 30–50 Hz power %.2f ≥ 1", mop.get("gamma_pre").asDouble()));
        }
        double peak = mop.get("peak_during_hz").asDouble();
        if (!(peak >= 30 && peak <= 50)) {
            out.add(String.format("MOp-L peak %.1f Hz", peak));
        }
        if (!(mop.get("gamma_during").asDouble() >= 10 * mop.get("gamma_pre").asDouble())) {
            out.add(String.format("MOp-L power ×%.1f < 10", gain(mop)));
        }
        JsonNode ph = st.get("phase_rad");
        for (String layer : new String[] {"L2/3", "L5"}) {
            double fsAfterE = after(ph, layer + " FS", layer + " E");
            if (!(Math.abs(fsAfterE) <= 0.6)) {
                out.add(String.format("%s FS − E %.2f rad", layer, fsAfterE));
            }
            double ltsAfterE = after(ph, layer + " LTS", layer + " E");
            double ltsAfterFs = after(ph, layer + " LTS", layer + " FS");
            if (!(ltsAfterE > 0 && ltsAfterFs > 0)) {
                out.add(String.format("%s LTS − E %.2f, − FS %.2f rad", layer, ltsAfterE, ltsAfterFs));
            }
        }
        double l5 = after(ph, "L5 E", "L2/3 E"), l6 = after(ph, "L6 E", "L5 E");
        if (!(l5 > 0 && l6 > 0)) {
            out.add(String.format("L5 E − L2/3 E %.2f, L6 E − L5 E %.2f rad", l5, l6));
        }
        if (!(mos.get("gamma_during").asDouble() >= 2 * mos.get("gamma_pre").asDouble())) {
            out.add(String.format("MOs-L power ×%.2f < 2", gain(mos)));
        }
        double lag = st.get("lag_ms").get("MOs-L").asDouble();
        if (!(lag > 0)) {
            out.add(String.format("MOs-L lag %.0f ms", lag));
        }
        return out;
    }

    private static double gain(JsonNode area) {
        return area.get("gamma_during").asDouble() / area.get("gamma_pre").asDouble();
    }

    /** φ_a − φ_b wrapped into (−π, π]; NaN when either class has no phase. */
    static double after(JsonNode phases, String a, String b) {
        if (!phases.has(a) || !phases.has(b)) {
            return Double.NaN;
        }
        double d = phases.get(a).asDouble() - phases.get(b).asDouble();
        return Math.atan2(Math.sin(d), Math.cos(d));
    }
}
