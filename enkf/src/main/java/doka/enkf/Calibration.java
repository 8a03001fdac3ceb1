package doka.enkf;

/**
 * How to calibrate static parameters with an iterative ensemble smoother, independent of the model: the
 * method, the ensemble, the inflation schedule, the stopping rule, the threads and the seed.
 * {@link Calibrator} runs it over a {@link ForwardModel}; {@link EnsembleSmoother#update} is one iteration.
 *
 * <p>Both methods repeat the perturbed-observation ensemble smoother step θₘ ← θₘ + C_θG(C_GG + αΓ)⁻¹(y + √α·ηₘ − G(θₘ)),
 * ηₘ ~ N(0, Γ), and differ in the inflation factors α:
 * <ul>
 *   <li>{@link Method#ESMDA} (Emerick &amp; Reynolds 2013, Comput. Geosci. 55:3): {@code iterations} factors with
 *       Σ 1/αᵢ = 1, so that in the linear-Gaussian case the final ensemble samples the Bayesian posterior;
 *       geometrically decreasing with {@code ratio} = αᵢ₊₁/αᵢ ∈ (0, 1] (1: constant, αᵢ = iterations);</li>
 *   <li>{@link Method#EKI} (Iglesias, Law &amp; Stuart 2013, Inverse Problems 29:045001): α = 1 at every iteration,
 *       up to {@code iterations}; after k iterations a linear problem has the posterior of Γ/k, so the ensemble
 *       collapses onto the least-squares minimiser (Schillings &amp; Stuart 2017).</li>
 * </ul>
 * Stopping rule: after evaluating the ensemble of iteration i ≥ 1, stop when the misfit χ²/dof of the ensemble-mean
 * prediction fell by less than the fraction {@code stopTolerance} of the previous one,
 * χ²ᵢ &gt; (1 − stopTolerance)·χ²ᵢ₋₁ ("the misfit stopped falling"); −∞ turns the rule off (ES-MDA's schedule
 * defines its posterior, so stopping it early leaves data unused and should be rare).
 *
 * @param method        ESMDA or EKI
 * @param members       N ≥ 2
 * @param iterations    ES-MDA: the schedule's length; EKI: the most iterations (updates)
 * @param ratio         ES-MDA's αᵢ₊₁/αᵢ in (0, 1]; ignored by EKI
 * @param stopTolerance the relative misfit decrease below which the iterations stop; −∞: never
 * @param threads       forward runs in parallel; the results do not depend on it
 * @param seed          the base seed: forward runs ({@link RandomStream#CALIBRATION_RUN}), observation
 *                      perturbations ({@link RandomStream#FILTER}), replicates ({@link RandomStream#REPLICATE})
 */
public record Calibration(Method method, int members, int iterations, double ratio, double stopTolerance, int threads,
                          long seed) {

    /** The iterative methods; configurations name them {@code esmda} and {@code eki}. */
    public enum Method {
        ESMDA,
        EKI;

        public static Method parse(String field, String word) {
            return ConfigWords.parse(Method.class, field, word);
        }
    }

    public Calibration {
        java.util.Objects.requireNonNull(method, "method");
        if (members < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 members, got " + members);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("calibration needs at least 1 iteration, got " + iterations);
        }
        if (method == Method.ESMDA && !(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ES-MDA's inflation ratio must lie in (0, 1], got " + ratio);
        }
        if (!(stopTolerance < 1) || Double.isNaN(stopTolerance)) {
            throw new IllegalArgumentException("stop tolerance must be < 1 (−∞: never stop early), got " + stopTolerance);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** ES-MDA with a constant schedule (αᵢ = iterations) and no early stop. */
    public static Calibration esmda(int members, int iterations, long seed) {
        return new Calibration(Method.ESMDA, members, iterations, 1.0, Double.NEGATIVE_INFINITY, 1, seed);
    }

    /** EKI for at most {@code iterations}, stopping when the misfit falls by less than {@code stopTolerance}. */
    public static Calibration eki(int members, int iterations, double stopTolerance, long seed) {
        return new Calibration(Method.EKI, members, iterations, 1.0, stopTolerance, 1, seed);
    }

    public Calibration withThreads(int t) {
        return new Calibration(method, members, iterations, ratio, stopTolerance, t, seed);
    }

    public Calibration withStopTolerance(double tol) {
        return new Calibration(method, members, iterations, ratio, tol, threads, seed);
    }

    /** The inflation factor α of each update, in order. */
    public double[] inflation() {
        return method == Method.ESMDA ? geometric(iterations, ratio) : constant(iterations, 1.0);
    }

    /**
     * ES-MDA's geometrically decreasing factors αᵢ = α₁·ratioⁱ (i = 0..n−1) with α₁ = Σᵢ ratio⁻ⁱ, so that
     * Σ 1/αᵢ = 1 (Emerick 2016, Comput. Geosci. 20:1251, §2.2); ratio 1 gives αᵢ = n.
     */
    public static double[] geometric(int n, double ratio) {
        double first = 0;
        for (int i = 0; i < n; i++) {
            first += Math.pow(ratio, -i);
        }
        double[] alpha = new double[n];
        for (int i = 0; i < n; i++) {
            alpha[i] = first * Math.pow(ratio, i);
        }
        return alpha;
    }

    private static double[] constant(int n, double value) {
        double[] alpha = new double[n];
        java.util.Arrays.fill(alpha, value);
        return alpha;
    }
}
