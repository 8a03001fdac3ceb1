package doka.launcher.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.engine.pd14.Pd14;
import doka.engine.pd14.Pd14Rates;
import doka.launcher.config.EnsembleConfig;
import org.junit.jupiter.api.Test;

/** PD14 as an ensemble member with down-scaled in-degrees (k-scale < 1). */
class TestPd14Model {
    @Test
    void downScaledInDegreesAreCompensatedAtTheFullScaleRates() {
        Pd14Model model = new Pd14Model(new EnsembleConfig.Model.Pd14(0.05, 0.1, "poisson"));
        try (SpikingMember member = model.build(1, 1, null, new Readout(List.of(), 1000, 1000))) {
            member.simulateMs(200);
            member.advance();
            double[] rateHz = member.collect();
            double[] fullHz = Pd14Rates.fullScaleRatesHz();
            assertEquals(fullHz.length, rateHz.length);
            for (int p = 0; p < rateHz.length; p++) {
                // Without the DC, the 90 % of in-degree left out would leave the network far from these rates.
                assertTrue(rateHz[p] > fullHz[p] / 2 && rateHz[p] < fullHz[p] * 2,
                        Pd14.POPULATIONS[p] + ": " + rateHz[p] + " Hz against " + fullHz[p] + " Hz at full scale");
            }
        }
    }
}
