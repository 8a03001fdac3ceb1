package doka.enkf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

import doka.enkf.EnsembleFilter.Variant;

/**
 * Measures one global ETKF analysis (default: 100 members, 10,000 observations, 1,000 parameters, the target
 * of issue 5: ≤ 50 ms) and, to justify {@link MatrixProducts#ND4J_MIN_MULTIPLY_ADDS}, the Gram product Y·Yᵀ
 * in plain Java against ND4J for several sizes. Run with
 * {@code java -cp "$(cat launcher/target/classpath.txt)" doka.enkf.AnalysisBenchmark [N p n repetitions]}.
 * Wall-clock figures on a shared machine mostly measure the other jobs, so it reports the median and the
 * minimum of the repetitions after a warm-up (which also pays ND4J's start-up), and the CPU time of the calling
 * thread: with {@code OMP_NUM_THREADS=1} OpenBLAS computes on that thread, which makes the CPU time the
 * load-independent cost of the analysis.
 */
public final class AnalysisBenchmark {
    private AnalysisBenchmark() {
    }

    public static void main(String[] args) {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int obs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int params = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        FilterRandom random = new FilterRandom(1);
        double[] states = gaussian(members * params, random);
        double[] predicted = gaussian(members * obs, random);
        double[] values = gaussian(obs, random);
        ForecastEnsemble forecast = new ForecastEnsemble(members, params, states, obs, predicted);
        Observations observations = Observations.withVariance(values, 1.0);
        EnsembleFilter etkf = EnsembleFilter.of(Variant.ETKF, Inflation.multiplicative(1.02));

        long startUp = System.nanoTime();
        etkf.assimilate(forecast, observations, FilterState.initial(1));
        double firstMs = (System.nanoTime() - startUp) * 1e-6;
        for (int i = 0; i < 5; i++) {
            etkf.assimilate(forecast, observations, FilterState.initial(1));
        }
        double[] total = new double[repetitions];
        double[] cpu = new double[repetitions];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < repetitions; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            etkf.assimilate(forecast, observations, FilterState.initial(1));
            total[r] = (System.nanoTime() - t0) * 1e-6;
            cpu[r] = (threads.getCurrentThreadCpuTime() - c0) * 1e-6;
        }
        System.out.printf(Locale.ROOT, "ETKF analysis N=%d p=%d n=%d: wall median %.1f ms, min %.1f ms; CPU time of"
                + " the calling thread median %.1f ms (all the work when OMP_NUM_THREADS=1) over %d runs; first call"
                + " incl. ND4J start-up %.0f ms%n", members, obs, params, median(total), min(total), median(cpu),
                repetitions, firstMs);

        // Phases of one analysis, to show where the time goes.
        double[] yw = gaussian(members * obs, random);
        double[] dy = gaussian(obs, random);
        double[] w = new double[members];
        double[] t = new double[members * members];
        double[] sym = symmetric(members, random);
        System.out.printf(Locale.ROOT, "  phases (median ms): Y·Yᵀ %.1f, eigen-decomposition N×N %.1f (LAPACK) / %.1f"
                        + " (Commons Math), whole ETKF transform %.1f, W·A %.1f%n",
                time(repetitions, () -> MatrixProducts.gram(yw, members, obs, new double[members * members])),
                time(repetitions, () -> SymmetricEigen.decomposeLapack(sym, members, new double[members],
                        new double[members * members])),
                time(repetitions, () -> SymmetricEigen.decomposeJava(sym, members, new double[members],
                        new double[members * members])),
                time(repetitions, () -> Etkf.transform(members, obs, yw, dy, w, t)),
                time(repetitions, () -> MatrixProducts.mult(t, members, members, states, params,
                        new double[members * params])));

        System.out.println("  Y·Yᵀ, plain Java vs ND4J (median ms); ND4J is used from "
                + MatrixProducts.ND4J_MIN_MULTIPLY_ADDS + " multiply-adds on:");
        int[][] sizes = {{10, 40}, {20, 40}, {40, 200}, {20, 2000}, {50, 1000}, {100, 400}, {100, 2000}, {100, 10_000}};
        for (int[] s : sizes) {
            int n = s[0];
            int p = s[1];
            double[] a = gaussian(n * p, random);
            double[] out = new double[n * n];
            int reps = Math.max(repetitions, (int) Math.min(2000, 2e8 / ((double) n * n * p)));
            double plain = time(reps, () -> plainGram(a, n, p, out));
            double nd4j = time(reps, () -> MatrixProducts.Nd4jProducts.gemm(a, n, p, true, a, n, out));
            System.out.printf(Locale.ROOT, "    N=%4d p=%6d (%,12d): plain %8.3f  ND4J %8.3f%n", n, p, (long) n * n * p,
                    plain, nd4j);
        }
    }

    private static double[] plainGram(double[] a, int n, int p, double[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += a[i * p + k] * a[j * p + k];
                }
                out[i * n + j] = s;
                out[j * n + i] = s;
            }
        }
        return out;
    }

    private static double[] symmetric(int n, FilterRandom random) {
        double[] g = gaussian(n * n, random);
        double[] s = MatrixProducts.multTransB(g, n, n, g, n, new double[n * n]);
        for (int i = 0; i < n; i++) {
            s[i * n + i] += n;
        }
        return s;
    }

    private static double time(int repetitions, Runnable body) {
        for (int i = 0; i < Math.min(repetitions, 20); i++) {
            body.run();
        }
        double[] ms = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long t0 = System.nanoTime();
            body.run();
            ms[r] = (System.nanoTime() - t0) * 1e-6;
        }
        return median(ms);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    private static double[] gaussian(int length, FilterRandom random) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }
}
