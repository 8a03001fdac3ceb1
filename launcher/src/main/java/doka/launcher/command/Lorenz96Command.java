package doka.launcher.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import doka.enkf.ConfigWords;
import doka.enkf.EnsembleFilter.Variant;
import doka.enkf.FilterConfig;
import doka.enkf.ParameterTransform;
import doka.enkf.twin.DiagnosticsCsv;
import doka.enkf.twin.HiddenMarkovModel;
import doka.enkf.twin.ParameterEstimation;
import doka.enkf.twin.TwinExperiment;
import doka.enkf.twin.TwinSummary;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.config.RunPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ./doka lorenz96}: a twin experiment on Lorenz-96 in the Sakov &amp; Oke (2008) setup (K = 40, F = 8,
 * dt = 0.05, every variable observed each cycle with error variance 1). Prints the time-averaged analysis
 * RMSE and spread after the burn-in; {@code --json} prints one line instead.
 */
@Command(name = "lorenz96", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Twin experiment on Lorenz-96 (Sakov & Oke 2008 setup): filter, members, inflation, "
                + "localization; prints the time-averaged analysis RMSE and spread after the burn-in.")
public final class Lorenz96Command implements Callable<Integer> {
    @Option(names = "--estimate-forcing", paramLabel = "PRIOR_MEAN",
            description = "Estimate F by state augmentation (log transform), prior mean PRIOR_MEAN (truth: 8).")
    Double forcingPrior;

    @Option(names = "--forcing-prior-sd", defaultValue = "0.15", paramLabel = "SD",
            description = "Prior standard deviation of ln F (default: ${DEFAULT-VALUE}).")
    double forcingPriorSd;

    @Option(names = "--forcing-jitter", defaultValue = "0.002", paramLabel = "SD",
            description = "Random walk of ln F per cycle against collapse (default: ${DEFAULT-VALUE}).")
    double forcingJitter;

    @Mixin
    TwinOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ParameterEstimation estimation = forcingPrior == null ? null
                : ParameterEstimation.single(0, new ParameterTransform.Log(), forcingPrior, forcingPriorSd);
        return options.run(spec, HiddenMarkovModel.lorenz96Sakov2008(), 20, 1.04, estimation,
                estimation == null ? null : forcingJitter);
    }

    /** The options and the run shared by {@code lorenz96} and {@code lorenz63}. */
    static final class TwinOptions {
        private static final ObjectMapper JSON = new ObjectMapper();
        /** The bound of the adaptive inflation's variance factor on the command line (a configuration sets its own). */
        private static final double ADAPTIVE_MAX_FACTOR = 4.0;

        @Option(names = "--members", paramLabel = "N",
                description = "Ensemble size (default: 20 for lorenz96, 10 for lorenz63).")
        Integer members;

        @Option(names = "--inflation", paramLabel = "F",
                description = "Multiplicative inflation of the analysis anomalies (default: 1.04 for lorenz96, "
                        + "1.02 for lorenz63).")
        Double inflation;

        @Option(names = "--filter", defaultValue = "etkf", paramLabel = "KIND", converter = KindConverter.class,
                description = "etkf, enkf (perturbed observations) or letkf (default: ${DEFAULT-VALUE}).")
        Variant filter;

        @Option(names = "--rtps", defaultValue = "0", paramLabel = "A",
                description = "Relaxation to prior spread, 0..1 (default: ${DEFAULT-VALUE}).")
        double rtps;

        @Option(names = "--rtpp", defaultValue = "0", paramLabel = "A",
                description = "Relaxation to prior perturbations, 0..1 (default: ${DEFAULT-VALUE}).")
        double rtpp;

        @Option(names = "--adaptive-inflation", paramLabel = "KAPPA",
                description = "Adaptive prior inflation (Li, Kalnay & Miyoshi 2009) with smoothing weight KAPPA.")
        Double adaptive;

        @Option(names = "--localization", paramLabel = "R",
                description = "LETKF localization: Gaspari-Cohn half-width in grid points (zero from 2R on); "
                        + "required with --filter letkf.")
        Double localization;

        @Option(names = "--rotate", description = "Random mean-preserving rotation of the ETKF/LETKF transform.")
        boolean rotate;

        @Option(names = "--reject", paramLabel = "K",
                description = "Reject observations whose innovation exceeds K standard deviations of HPHᵀ + R.")
        Double reject;

        @Option(names = "--cycles", defaultValue = "5000", paramLabel = "C",
                description = "Assimilation cycles (default: ${DEFAULT-VALUE}).")
        int cycles;

        @Option(names = "--burn-in", paramLabel = "B",
                description = "Cycles left out of the averages (default: the setup's, 400 for Lorenz-96, 40 for "
                        + "Lorenz-63).")
        Integer burnIn;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "K",
                description = "Seed of truth, observations, initial ensemble and filter (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print one JSON line instead of text.")
        boolean json;

        @Option(names = "--diagnostics", paramLabel = "FILE.csv",
                description = "Write per-cycle diagnostics (RMSE, spread, innovations, rank histogram, ...) here.")
        Path diagnostics;

        /**
         * Runs the experiment on {@code hmm}; the model's defaults apply where --members/--inflation are absent.
         * {@code jitter} walks the estimated parameters (null: none).
         */
        int run(CommandSpec spec, HiddenMarkovModel hmm, int defaultMembers, double defaultInflation,
                ParameterEstimation estimation, Double jitter) throws IOException {
            if (filter == Variant.LETKF && localization == null) {
                throw new ParameterException(spec.commandLine(), "--filter letkf needs --localization R");
            }
            if (filter != Variant.LETKF && localization != null) {
                throw new ParameterException(spec.commandLine(), "--localization applies to --filter letkf only");
            }
            int n = members == null ? defaultMembers : members;
            int most = RunPlan.maxAnalysisMembers(Runtime.getRuntime().maxMemory());
            if (n > most) {
                throw new ParameterException(spec.commandLine(), String.format(java.util.Locale.ROOT, "--members %d:"
                        + " the analysis would hold %.1f GB of N×N matrices at once; this JVM's heap (%.1f GB) allows at"
                        + " most %d members (DOKA_JAVA_OPTS=-Xmx… gives more)", n, RunPlan.analysisBytes(n) / 1e9,
                        Runtime.getRuntime().maxMemory() / 1e9, most));
            }
            if (rtps > 0 && rtpp > 0) {
                throw new ParameterException(spec.commandLine(), "--rtps and --rtpp are two ways to relax the analysis"
                        + " spread towards the forecast's: give one of them, not both");
            }
            TwinExperiment xp;
            try {
                xp = TwinExperiment.of(hmm, filterConfig(defaultInflation, jitter),
                        members == null ? defaultMembers : members).withCycles(cycles).withSeed(seed)
                        .withEstimation(estimation);
                if (burnIn != null) {
                    xp = xp.withBurnIn(burnIn);
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            TwinSummary summary = diagnostics == null ? xp.run() : runWithDiagnostics(xp);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? json(summary, xp) : summary.describe());
            out.flush();
            return 0;
        }

        /**
         * The filter these options describe, through the ensemble configuration's {@code filter} section: one
         * translation to {@link FilterConfig} for the command line and for configuration files.
         */
        FilterConfig filterConfig(double defaultInflation, Double jitter) {
            return new EnsembleConfig.Filter(ConfigWords.of(filter), inflation == null ? defaultInflation : inflation,
                    rtps > 0 ? rtps : null, localization, jitter, reject, rtpp > 0 ? rtpp : null,
                    adaptive == null ? null : new EnsembleConfig.Filter.Adaptive(adaptive, ADAPTIVE_MAX_FACTOR), rotate)
                    .toFilterConfig();
        }

        private TwinSummary runWithDiagnostics(TwinExperiment xp) throws IOException {
            Path parent = diagnostics.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = Files.newBufferedWriter(diagnostics); DiagnosticsCsv csv = new DiagnosticsCsv(w)) {
                return xp.run(csv);
            }
        }

        private static String json(TwinSummary s, TwinExperiment xp) throws IOException {
            ObjectNode o = JSON.createObjectNode();
            o.put("rmse_analysis", s.rmseAnalysis());
            o.put("spread_analysis", s.spreadAnalysis());
            o.put("rmse_forecast", s.rmseForecast());
            o.put("spread_forecast", s.spreadForecast());
            o.put("spread_rmse_ratio", s.spreadRmseRatio());
            o.put("normalized_innovation", s.normalizedInnovation());
            o.put("rejected_observations", s.observationsRejected());
            o.put("cycles", s.cycles());
            o.put("burn_in", s.burnIn());
            o.put("filter", ConfigWords.of(xp.filter().kind()));
            o.put("members", xp.members());
            o.put("seed", xp.seed());
            if (s.parameterMean().length > 0) {
                o.put("parameter_mean", s.parameterMean()[0]);
                o.put("parameter_spread", s.parameterSpread()[0]);
            }
            return JSON.writeValueAsString(o);
        }
    }

    /** --filter through the kinds' one parser; the command line, unlike JSON, accepts any case. */
    static final class KindConverter implements ITypeConverter<Variant> {
        @Override
        public Variant convert(String value) {
            try {
                return Variant.parse("--filter", value.toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
