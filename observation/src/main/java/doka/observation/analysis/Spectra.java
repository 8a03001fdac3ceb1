package doka.observation.analysis;

/**
 * Spectral analysis of sampled signals (e.g. binned population rates): radix-2 FFT, Welch power spectral density
 * (Hann window, 50 % overlap, one-sided, mean removed per segment, normalised so that the PSD
 * integrates to the variance), band power, peak frequency, and the analytic-signal phase of a
 * band-passed signal (FFT band-pass, Hilbert transform).
 */
public final class Spectra {
    private Spectra() {
    }

    /** One-sided PSD: frequencies (Hz) and density (signal unit² / Hz). */
    public record Psd(double[] frequencyHz, double[] density) {
        /** ∫ PSD over [loHz, hiHz] (rectangle rule on the bins whose centre lies in the band). */
        public double bandPower(double loHz, double hiHz) {
            double df = frequencyHz.length > 1 ? frequencyHz[1] - frequencyHz[0] : 0;
            double p = 0;
            for (int i = 0; i < frequencyHz.length; i++) {
                if (frequencyHz[i] >= loHz && frequencyHz[i] <= hiHz) {
                    p += density[i] * df;
                }
            }
            return p;
        }

        /** Frequency of the largest density within [loHz, hiHz]; NaN when the band holds no bin. */
        public double peakHz(double loHz, double hiHz) {
            double best = -1;
            double f = Double.NaN;
            for (int i = 0; i < frequencyHz.length; i++) {
                if (frequencyHz[i] >= loHz && frequencyHz[i] <= hiHz && density[i] > best) {
                    best = density[i];
                    f = frequencyHz[i];
                }
            }
            return f;
        }
    }

    /** In-place radix-2 FFT of (re, im); length must be a power of two. */
    public static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        if (Integer.bitCount(n) != 1 || im.length != n) {
            throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
        }
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(ang), wi = Math.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1, ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k, b = a + len / 2;
                    double xr = re[b] * cr - im[b] * ci, xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }

    /**
     * Welch PSD of a signal sampled every {@code dtMs}, with segments of {@code segment} samples
     * (a power of two; shortened to the largest power of two ≤ the signal when longer).
     */
    public static Psd welch(double[] x, double dtMs, int segment) {
        int seg = Integer.highestOneBit(Math.max(2, Math.min(segment, x.length)));
        if (x.length < 2) {
            return new Psd(new double[0], new double[0]);
        }
        double fs = 1000.0 / dtMs;
        double[] w = new double[seg];
        double wss = 0;
        for (int i = 0; i < seg; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / seg);
            wss += w[i] * w[i];
        }
        int bins = seg / 2 + 1;
        double[] psd = new double[bins];
        int count = 0;
        double[] re = new double[seg], im = new double[seg];
        for (int start = 0; start + seg <= x.length; start += seg / 2) {
            double mean = 0;
            for (int i = 0; i < seg; i++) {
                mean += x[start + i] / seg;
            }
            for (int i = 0; i < seg; i++) {
                re[i] = (x[start + i] - mean) * w[i];
                im[i] = 0;
            }
            fft(re, im, false);
            for (int k = 0; k < bins; k++) {
                double p = (re[k] * re[k] + im[k] * im[k]) / (fs * wss);
                psd[k] += (k == 0 || k == seg / 2) ? p : 2 * p;
            }
            count++;
        }
        double[] f = new double[bins];
        for (int k = 0; k < bins; k++) {
            f[k] = k * fs / seg;
            psd[k] /= Math.max(1, count);
        }
        return new Psd(f, psd);
    }

    /**
     * Instantaneous phase (radians, −π..π; 0 at the peak of the band-passed signal) of {@code x}
     * band-passed to [loHz, hiHz] by zeroing FFT bins outside the band and the negative
     * frequencies (analytic signal). The signal is zero-padded to a power of two.
     */
    public static double[] bandPhase(double[] x, double dtMs, double loHz, double hiHz) {
        int n = Integer.highestOneBit(Math.max(1, x.length - 1)) << 1;
        double[] re = new double[n], im = new double[n];
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        for (int i = 0; i < x.length; i++) {
            re[i] = x[i] - mean;
        }
        fft(re, im, false);
        double fs = 1000.0 / dtMs;
        for (int k = 0; k < n; k++) {
            double f = k * fs / n;
            boolean keep = k > 0 && k < n / 2 && f >= loHz && f <= hiHz;
            re[k] = keep ? 2 * re[k] : 0;
            im[k] = keep ? 2 * im[k] : 0;
        }
        fft(re, im, true);
        double[] phase = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            phase[i] = Math.atan2(im[i], re[i]);
        }
        return phase;
    }
}
