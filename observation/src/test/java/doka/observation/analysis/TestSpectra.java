package doka.observation.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestSpectra {
    @Test
    void fftMatchesTheDefinitionAndInverts() {
        int n = 16;
        double[] re = new double[n], im = new double[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            re[i] = r.nextDouble();
            im[i] = r.nextDouble();
        }
        double[] r0 = re.clone(), i0 = im.clone();
        Spectra.fft(re, im, false);
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * k * t / n;
                sr += r0[t] * Math.cos(a) - i0[t] * Math.sin(a);
                si += r0[t] * Math.sin(a) + i0[t] * Math.cos(a);
            }
            assertEquals(sr, re[k], 1e-12);
            assertEquals(si, im[k], 1e-12);
        }
        Spectra.fft(re, im, true);
        for (int t = 0; t < n; t++) {
            assertEquals(r0[t], re[t], 1e-12);
        }
    }

    @Test
    void welchFindsASinusoidAndIntegratesToTheVariance() {
        // 40 Hz sinusoid of amplitude A sampled at 1 kHz: peak at 40 Hz, band power A²/2.
        double a = 3;
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 + a * Math.sin(2 * Math.PI * 40 * i / 1000.0);
        }
        Spectra.Psd p = Spectra.welch(x, 1.0, 512);
        assertEquals(40, p.peakHz(5, 200), 1000.0 / 512);
        assertEquals(a * a / 2, p.bandPower(30, 50), 0.02 * a * a / 2);
        // White noise of variance 1: total power 1.
        SplittableRandom r = new SplittableRandom(2);
        double[] w = new double[1 << 15];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.sqrt(12) * (r.nextDouble() - 0.5);
        }
        assertEquals(1.0, Spectra.welch(w, 1.0, 256).bandPower(0, 500), 0.05);
    }

    @Test
    void bandPhaseIsZeroAtPeaksAndAdvancesLinearly() {
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.cos(2 * Math.PI * 40 * i / 1000.0); // peaks every 25 ms
        }
        double[] ph = Spectra.bandPhase(x, 1.0, 30, 50);
        for (int i = 500; i < 1500; i += 25) {
            assertEquals(0, ph[i], 0.1, "peak at " + i + " ms");
        }
        assertEquals(Math.PI / 2, ph[500 + 6] - ph[500], 0.25, "a quarter cycle after a peak (6.25 ms)");
    }
}
