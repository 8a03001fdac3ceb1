package doka.launcher.config;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import doka.enkf.AdaptiveInflation;
import doka.enkf.EnsembleFilter.Variant;
import doka.enkf.FilterConfig;
import doka.enkf.Inflation;
import doka.enkf.ParameterTransform;

/**
 * One ensemble run, as read from an {@code ensembles/*.json} file. Every field is documented in
 * {@code docs/launcher.md} ("Configuration"); {@link ConfigReader} rejects unknown fields and invalid values,
 * naming the field's path and what is allowed.
 *
 * @param name           run name (letters, digits, '-', '_'): the default run directory is {@code runs/<name>}
 * @param members        ensemble size N (≥ 2)
 * @param ranksPerMember MPI ranks per member P (≥ 1)
 * @param seed           base seed of every random stream of the run
 * @param model          what each member simulates
 * @param parameters     the parameters the filter estimates (may be empty for pure state estimation)
 * @param observations   what the members are compared with
 * @param filter         the analysis method
 * @param windows        assimilation windows
 * @param checkpoint     when to write checkpoints and how many to keep
 * @param output         where the run directory goes and how chatty the terminal is
 * @param membersPerRank members each model task (of ranksPerMember ranks) advances one after another; null: derived
 *                       from the machine at run time (docs/launcher.md, "Several members per rank")
 * @param faults         how failing members are detected and replaced, and when the filter is declared collapsed
 */
public record EnsembleConfig(String name, int members, int ranksPerMember, long seed, Model model,
        List<Parameter> parameters, Observations observations, Filter filter, Windows windows,
        Checkpoint checkpoint, Output output, Integer membersPerRank, Faults faults) {

    /** The same configuration with another output section. */
    public EnsembleConfig withOutput(Output o) {
        return new EnsembleConfig(name, members, ranksPerMember, seed, model, parameters, observations, filter, windows,
                checkpoint, o, membersPerRank, faults);
    }

    /** The same configuration with another model and observations (paths resolved). */
    public EnsembleConfig withModelAndObservations(Model m, Observations o) {
        return new EnsembleConfig(name, members, ranksPerMember, seed, m, parameters, o, filter, windows, checkpoint,
                output, membersPerRank, faults);
    }

    /** What each member simulates. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Model.Cortex.class, name = "cortex"),
        @JsonSubTypes.Type(value = Model.Pd14.class, name = "pd14"),
        @JsonSubTypes.Type(value = Model.Lorenz96.class, name = "lorenz96"),
        @JsonSubTypes.Type(value = Model.External.class, name = "external"),
        @JsonSubTypes.Type(value = Model.Plugin.class, name = "plugin"),
    })
    public sealed interface Model {
        /**
         * A cortex model file ({@code ensembles/models/*.json}), resolved against the configuration's
         * folder; {@code densityScale} overrides the file's density scale when given.
         */
        record Cortex(String file, Double densityScale, Map<String, String> dataPaths) implements Model {
        }

        /** The Potjans–Diesmann microcircuit, scaled. */
        record Pd14(double nScale, double kScale, String background) implements Model {
        }

        /**
         * Lorenz-96 with {@code variables} cyclic variables, forcing {@code forcing} (the truth's, when it is
         * not estimated), RK4 with step {@code dt}, {@code stepsPerWindow} steps per window, all variables
         * observed with error variance {@code obsVariance}.
         */
        record Lorenz96(int variables, double forcing, double dt, int stepsPerWindow, double obsVariance,
                double initialSpread, int spinUpSteps) implements Model {
        }

        /**
         * A member that is a program of its own, speaking Doka's member protocol on its standard streams
         * ({@code docs/external.md}): one process per member, started beside the member's rank.
         *
         * @param command     the program and its arguments
         * @param observables the program's observables each member predicts, binned (their names, as the program names them)
         * @param directory   the process's working directory; null: the configuration's folder (made absolute on prepare)
         * @param timeoutS    how long one request may take before the process is killed and the run fails
         */
        record External(List<String> command, List<String> observables, String directory, double timeoutS)
                implements Model {
        }

        /**
         * Members built by a {@code doka.launcher.plugin.MemberPlugin} on the class path.
         *
         * @param className   the plug-in's class name ({@code "class"} in the file)
         * @param observables the observables each member predicts, binned
         * @param settings    passed to the plug-in as they are
         */
        record Plugin(@com.fasterxml.jackson.annotation.JsonProperty("class") String className, List<String> observables,
                Map<String, Object> settings) implements Model {
        }
    }

    /**
     * A parameter to estimate.
     *
     * @param name      model parameter name (the model documents its names)
     * @param priorMean prior mean, in natural units
     * @param priorSd   prior standard deviation, in natural units
     * @param lower     lower bound (natural units), or null
     * @param upper     upper bound (natural units), or null
     * @param transform none, log (positive) or logit (between the bounds); the analysis runs in the transformed space
     */
    public record Parameter(String name, double priorMean, double priorSd, Double lower, Double upper,
            String transform) {
        /** The transform {@code transform} names (absent: none); {@code field} is where it was written. */
        public ParameterTransform.Kind transformKind(String field) {
            return ParameterTransform.Kind.parse(field, transform);
        }
    }

    /**
     * The observations: either a file with an operator, or a twin experiment whose truth run uses
     * {@code truth} parameter values.
     *
     * @param file          recorded observations (CSV or NWB), or null for a twin
     * @param operator      observation operator: area_rate (binned population rate per area), calcium (ΔF/F per area at
     *                      each bin's centre) or lfp (the Mazzoni LFP proxy per area, the bin's mean); the last two for
     *                      cortex members
     * @param binMs         bin width of the operator in ms
     * @param truth         twin: the true parameter values
     * @param relativeError twin and file: relative error of each observation
     * @param errorFloor    absolute floor of the error standard deviation (operator units)
     * @param twinNetworks  twin: "shared" (truth and members run one network, differing by parameters only) or
     *                      "independent" (each its own connectivity and noise)
     * @param mapping       a mapping file (kind,key,area[,group]) from the recording's units, channels or electrode
     *                      groups to model areas; needed for NWB files and CSV files that name channels
     * @param recordingStartS the time in the recording (s) at which the first window starts
     * @param calcium       with {@code operator: calcium}: the indicator's kernel and the imaged cells (defaults filled
     *                      in), else null
     * @param lfp           with {@code operator: lfp}: the LFP proxy's weights and sampling (defaults filled in), else null
     */
    public record Observations(String file, String operator, double binMs, Map<String, Double> truth,
            double relativeError, double errorFloor, String twinNetworks, String mapping, double recordingStartS,
            @JsonInclude(JsonInclude.Include.NON_NULL) Calcium calcium,
            @JsonInclude(JsonInclude.Include.NON_NULL) Lfp lfp) {
        /** The same observations with another file and mapping (paths resolved). */
        public Observations withFiles(String file, String mapping) {
            return new Observations(file, operator, binMs, truth, relativeError, errorFloor, twinNetworks, mapping,
                    recordingStartS, calcium, lfp);
        }
    }

    /**
     * Calcium imaging of the model's spikes ({@code doka.observation.operator.CalciumFluorescenceOperator}): per
     * area, the mean ΔF/F of the imaged cells at each bin's centre. Defaults: the GCaMP6f-like kernel.
     *
     * @param riseMs        rise time constant τr, ms ({@code 0 < riseMs < decayMs})
     * @param decayMs       decay time constant τd, ms
     * @param amplitudeDff  ΔF/F at the peak of one isolated spike ({@code > 0})
     * @param saturationDff per-cell saturation level F_sat, ΔF/F ({@code > 0}); null for a linear indicator
     * @param cells         the imaged cells: "excitatory" (Camk2a-like lines) or "all"
     * @param cellFraction  the share of those cells imaged, in (0, 1]: each cell is in or out by a hash of its index
     */
    public record Calcium(double riseMs, double decayMs, double amplitudeDff, Double saturationDff, String cells,
            double cellFraction) {
    }

    /**
     * The weighted-sum LFP proxy of Mazzoni et al. 2015 ({@code doka.observation.operator.LfpProxyOperator}) on the
     * synaptic currents onto the excitatory cells of each area, per cell: the bin's mean of
     * {@code scale · (|I_AMPA(t − ampaDelayMs)| − alpha · |I_GABA(t − gabaDelayMs)|)}, pA per cell times scale.
     *
     * @param alpha       weight of the GABA term (≥ 0; Mazzoni: 1.65)
     * @param ampaDelayMs delay of the AMPA term, ms (≥ 0; Mazzoni: 6)
     * @param gabaDelayMs delay of the GABA term, ms (≥ 0; Mazzoni: 0)
     * @param scale       overall factor (≠ 0), the recording's gain per pA
     * @param sampleMs    how often the currents are sampled, ms (a multiple of the model's dt that divides binMs)
     */
    public record Lfp(double alpha, double ampaDelayMs, double gabaDelayMs, double scale, double sampleMs) {
    }

    /**
     * The analysis: every option of {@link FilterConfig}, which builds the filter for this configuration and for
     * the {@code lorenz96}/{@code lorenz63} commands alike. The fields added after the first six are written into
     * a run's {@code config.json} only when set, so the configurations (and checkpoints) of runs that do not use
     * them stay as they were.
     *
     * @param kind              etkf, enkf (perturbed observations) or letkf
     * @param inflation         multiplicative inflation of the analysis anomalies (≥ 1)
     * @param rtps              relaxation to prior spread α in [0, 1], or null
     * @param localization      LETKF localization radius (model distance units), or null
     * @param jitter            parameter random-walk standard deviation (transformed units), or null
     * @param rejectSigma       reject observations whose innovation exceeds this many σ, or null
     * @param rtpp              relaxation to prior perturbations α in [0, 1], or null (not with rtps)
     * @param adaptiveInflation adaptive prior inflation from the innovations, or null
     * @param rotate            random mean-preserving rotation of the ETKF/LETKF transform
     */
    public record Filter(String kind, double inflation, Double rtps, Double localization, Double jitter,
            Double rejectSigma, @JsonInclude(JsonInclude.Include.NON_NULL) Double rtpp,
            @JsonInclude(JsonInclude.Include.NON_NULL) Adaptive adaptiveInflation,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean rotate) {
        /** The filter these fields describe; an unknown kind fails naming {@code filter.kind}. */
        public FilterConfig toFilterConfig() {
            Inflation i = Inflation.multiplicative(inflation);
            if (rtps != null) {
                i = i.withRtps(rtps);
            }
            if (rtpp != null) {
                i = i.withRtpp(rtpp);
            }
            if (adaptiveInflation != null) {
                i = i.withAdaptive(new AdaptiveInflation(adaptiveInflation.smoothing(), adaptiveInflation.maxFactor()));
            }
            return new FilterConfig(Variant.parse("filter.kind", kind), i,
                    localization == null ? Double.POSITIVE_INFINITY : localization, rotate,
                    rejectSigma == null ? Double.POSITIVE_INFINITY : rejectSigma, jitter);
        }

        /**
         * Adaptive prior inflation (Li, Kalnay &amp; Miyoshi 2009; {@link AdaptiveInflation}).
         *
         * @param smoothing weight κ ∈ (0, 1] of each window's new estimate
         * @param maxFactor upper bound of the variance factor λ (≥ 1)
         */
        public record Adaptive(double smoothing, double maxFactor) {
        }
    }

    /**
     * @param lengthMs length of one window in biological milliseconds (cortex, pd14), ignored by Lorenz-96
     * @param count    number of windows
     * @param warmupMs biological time simulated before the first window, without assimilation
     */
    public record Windows(double lengthMs, int count, double warmupMs) {
    }

    /**
     * @param everyWindows write a checkpoint every k windows (0: never by count)
     * @param everyMinutes write a checkpoint when this much wall time passed since the last (0: never by time)
     * @param keep         how many complete checkpoints to keep (≥ 1)
     */
    public record Checkpoint(int everyWindows, double everyMinutes, int keep) {
    }

    /**
     * Failing members and a collapsed filter (docs/launcher.md, "Failing members"). A member fails in a window when
     * it throws, when a prediction or estimated value is NaN or infinite, or when the mean of its absolute
     * predictions is below {@code silentBelowHz} (silent) or above {@code runawayAboveHz} (runaway): rates in Hz for
     * spiking members, the state's own units for Lorenz-96. A failed member is replaced from a healthy one; more
     * than {@code maxFailedShare} of the members failing in one window stops the run.
     *
     * @param silentBelowHz   silent below this mean absolute prediction (≥ 0)
     * @param runawayAboveHz  runaway above this mean absolute prediction (&gt; silentBelowHz)
     * @param maxFailedShare  the share of members that may fail in one window, in [0, 1)
     * @param innovationAbove the normalised innovation above which the ensemble no longer represents the data
     * @param collapseWindows after how many consecutive windows beyond innovationAbove (or below spreadBelow) it is
     *                        reported (≥ 1)
     * @param spreadBelow     the analysis spread (diagnostics.csv's: natural units; the state for Lorenz-96, else the
     *                        parameters) below which the ensemble has collapsed (≥ 0)
     * @param onCollapse      "warn" (log and summary) or "stop" (also stop with a checkpoint)
     */
    public record Faults(double silentBelowHz, double runawayAboveHz, double maxFailedShare, double innovationAbove,
            int collapseWindows, double spreadBelow, String onCollapse) {
        public boolean stopOnCollapse() {
            return "stop".equals(onCollapse);
        }
    }

    /**
     * @param runDir run directory; null for {@code runs/<name>}
     * @param quiet  no progress lines on the terminal (batch jobs); the log file is written anyway
     * @param nwb    each spiking member writes its last window's spikes and predicted rates as
     *               {@code member-NNNN.nwb} (needs the HDF5 Java binding; docs/python.md)
     */
    public record Output(String runDir, boolean quiet, boolean nwb) {
    }
}
