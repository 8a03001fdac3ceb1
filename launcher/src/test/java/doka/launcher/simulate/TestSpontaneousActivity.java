package doka.launcher.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import doka.engine.cortex.CortexModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default synthetic cortex (s = 0.002) without stimulation: every area active and none
 * running away, every layer × class active on average, irregular firing (CV of ISIs) and no
 * area locked into a strong oscillation. A recorded experiment, small enough for the default suite.
 */
class TestSpontaneousActivity {
    @Test
    void asynchronousIrregularWithoutSilenceOrRunaway() throws IOException {
        Path f = Path.of(System.getProperty("user.dir")).getParent().resolve("ensembles/models/cortex-synthetic.json");
        CortexModel m = CortexModel.read(f, Map.of());
        CortexRun.Summary s = CortexRun.run(m, null);
        s.areas().forEach((area, a) -> {
            assertTrue(a.rateHz() > 0.5 && a.rateHz() < 30, area + " rate " + a.rateHz());
        });
        Map<String, double[]> byLayerClass = new HashMap<>();
        s.populationRatesHz().forEach((pop, r) -> {
            String key = pop.substring(pop.indexOf('/') + 1);
            byLayerClass.computeIfAbsent(key, k -> new double[2]);
            byLayerClass.get(key)[0] += r;
            byLayerClass.get(key)[1]++;
        });
        byLayerClass.forEach((k, v) -> {
            double mean = v[0] / v[1];
            assertTrue(mean > 0.3 && mean < 40, k + " mean rate " + mean);
        });
        double cv = s.populationCvIsi().values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        assertTrue(cv > 0.3, "irregular: mean CV ISI " + cv);
    }
}
