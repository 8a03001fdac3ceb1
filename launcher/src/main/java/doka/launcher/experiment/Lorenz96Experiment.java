package doka.launcher.experiment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Locale;

import doka.engine.kernel.StateIo;
import doka.enkf.FilterRandom;
import doka.enkf.LocalDomains;
import doka.enkf.Observations;
import doka.enkf.ParameterTransform;
import doka.enkf.model.Lorenz96;
import doka.enkf.EnsembleFilter;
import doka.enkf.model.Rk4;
import doka.enkf.twin.HiddenMarkovModel;
import doka.enkf.twin.ParameterEstimation;
import doka.enkf.twin.TwinExperiment;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.cycle.Experiment;
import doka.engine.member.Member;
import doka.launcher.cycle.FilterLayout;
import doka.launcher.cycle.MemberFactory;
import doka.launcher.cycle.ObservationSource;
import mpi.Intracomm;

/**
 * A Lorenz-96 twin experiment through the launcher: each member integrates its own state (and, when
 * {@code forcing} is estimated, its own F) with RK4; every variable is observed each window. The truth,
 * the observations and the initial ensemble are those of the in-process runner
 * ({@link TwinExperiment}, same seed), so that a run through MPI matches it number for number.
 */
final class Lorenz96Experiment implements MemberFactory, ObservationSource {
    /** DAPPER's and Sakov & Oke's burn-in: 20 time units of 0.05 (400 cycles). */
    private static final int BURN_IN_CYCLES = 400;

    private final EnsembleConfig config;
    private final EnsembleConfig.Model.Lorenz96 model;
    private final Rk4 rk4;
    private final int k;
    private final EnsembleConfig.Parameter forcing;
    private final ParameterTransform forcingTransform;
    private final double[] trueParams;
    private final TwinExperiment twin;
    private final double[] truth;
    private FilterRandom obsRandom;
    private int truthWindow;

    /** The run: members and twin observations from this class, the truth from the same twin. */
    static Experiment create(EnsembleConfig config) {
        Lorenz96Experiment e = new Lorenz96Experiment(config);
        int windows = config.windows().count();
        FilterLayout layout = new FilterLayout(e.filterNames(), e.transforms(), e.k,
                Math.min(BURN_IN_CYCLES, Math.max(0, windows - 1)), e::timeLabel);
        return new Experiment(layout, e, e, e::truth);
    }

    private Lorenz96Experiment(EnsembleConfig config) {
        this.config = config;
        this.model = (EnsembleConfig.Model.Lorenz96) config.model();
        this.k = model.variables();
        this.rk4 = new Rk4(new Lorenz96(k));
        this.forcing = config.parameters().isEmpty() ? null : config.parameters().get(0);
        this.forcingTransform = forcing == null ? null : Experiments.transform(forcing);
        this.trueParams = new double[] {model.forcing()};
        int[] all = new int[k];
        for (int i = 0; i < k; i++) {
            all[i] = i;
        }
        HiddenMarkovModel hmm = new HiddenMarkovModel(config.name(), new Lorenz96(k), model.dt(), model.stepsPerWindow(),
                all, model.obsVariance(), model.spinUpSteps(), model.initialSpread(), BURN_IN_CYCLES,
                dim -> LocalDomains.cyclicGrid(k, all, dim));
        ParameterEstimation estimation = forcing == null ? null
                : ParameterEstimation.single(0, forcingTransform, forcing.priorMean(), forcing.priorSd());
        this.twin = TwinExperiment.of(hmm, EnsembleFilter.Variant.ETKF, config.members(), 1.0)
                .withSeed(config.seed()).withEstimation(estimation);
        this.truth = twin.initialTruth(trueParams);
        this.obsRandom = twin.observationRandom();
        requireFiniteTruth("in its spin-up of " + model.spinUpSteps() + " steps");
    }

    /** A truth that left the finite numbers is named as such (not as the NaN observations it would give). */
    private void requireFiniteTruth(String when) {
        for (double v : truth) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("the Lorenz-96 truth blew up " + when + " (a variable is " + v
                        + ") with model.forcing " + model.forcing() + " and model.dt " + model.dt()
                        + ": the integration is unstable there; lower the forcing or the step");
            }
        }
    }

    /** Row {@code index} of the in-process runner's initial ensemble, in natural units. */
    private double[] initialMember(int index) {
        int dim = filterNames().length;
        double[] row = java.util.Arrays.copyOfRange(twin.initialEnsemble(truth), index * dim, (index + 1) * dim);
        if (forcing != null) {
            row[k] = forcingTransform.toPhysical(row[k]);
        }
        return row;
    }

    private String[] filterNames() {
        String[] names = new String[k + (forcing == null ? 0 : 1)];
        for (int i = 0; i < k; i++) {
            names[i] = "x" + i;
        }
        if (forcing != null) {
            names[k] = "forcing";
        }
        return names;
    }

    private ParameterTransform[] transforms() {
        ParameterTransform[] t = new ParameterTransform[filterNames().length];
        java.util.Arrays.fill(t, new ParameterTransform.Identity());
        if (forcing != null) {
            t[k] = forcingTransform;
        }
        return t;
    }

    @Override
    public LocalDomains domains(int filterDim) {
        int[] all = new int[k];
        for (int i = 0; i < k; i++) {
            all[i] = i;
        }
        return LocalDomains.cyclicGrid(k, all, filterDim);
    }

    @Override
    public Member build(int index, Intracomm memberComm, int threads) {
        return new L96Member(initialMember(index));
    }

    @Override
    public Observations observations(int window) {
        if (window != truthWindow) {
            throw new IllegalStateException("Lorenz-96 observations are drawn window after window: asked for "
                    + window + ", next is " + truthWindow);
        }
        rk4.advance(truth, trueParams, model.dt(), model.stepsPerWindow());
        truthWindow++;
        requireFiniteTruth("in window " + truthWindow);
        double sigma = Math.sqrt(model.obsVariance());
        double[] y = new double[k];
        for (int j = 0; j < k; j++) {
            y[j] = truth[j] + sigma * obsRandom.nextGaussian();
        }
        return Observations.withVariance(y, model.obsVariance());
    }

    private double[] truth(int window) {
        double[] t = java.util.Arrays.copyOf(truth, filterNames().length);
        if (forcing != null) {
            t[k] = trueParams[0];
        }
        return t;
    }

    @Override
    public String observationName(int index) {
        return "x" + index;
    }

    private String timeLabel(int windowsDone) {
        return String.format(Locale.ROOT, "t %.2f/%.2f", windowsDone * model.stepsPerWindow() * model.dt(),
                config.windows().count() * model.stepsPerWindow() * model.dt());
    }

    @Override
    public byte[] saveState() {
        var bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(truthWindow);
            for (double v : truth) {
                out.writeDouble(v);
            }
            FilterRandom.State s = obsRandom.state();
            out.writeLong(s.seed());
            out.writeBoolean(s.hasSpare());
            out.writeDouble(s.spare());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void restoreState(byte[] state) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(state))) {
            truthWindow = in.readInt();
            for (int i = 0; i < k; i++) {
                truth[i] = in.readDouble();
            }
            obsRandom = new FilterRandom(new FilterRandom.State(in.readLong(), in.readBoolean(), in.readDouble()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One member: its state (and forcing) advanced by RK4. */
    private final class L96Member implements Member {
        private final double[] vector;
        private final double[] x = new double[k];
        private final double[] params = trueParams.clone();

        L96Member(double[] initial) {
            this.vector = initial;
        }

        @Override
        public double[] estimated() {
            return vector.clone();
        }

        @Override
        public void distribute(double[] v) {
            System.arraycopy(v, 0, vector, 0, vector.length);
        }

        @Override
        public void advance() {
            System.arraycopy(vector, 0, x, 0, k);
            if (forcing != null) {
                params[0] = vector[k];
            }
            rk4.advance(x, params, model.dt(), model.stepsPerWindow());
            System.arraycopy(x, 0, vector, 0, k);
        }

        /** Every variable is observed. */
        @Override
        public double[] collect() {
            return x.clone();
        }

        @Override
        public void snapshot(DataOutputStream out) throws IOException {
            StateIo.writeDoubles(out, vector);
        }

        @Override
        public void restore(DataInputStream in) throws IOException {
            StateIo.readDoubles(in, vector, "filter vector");
        }

        @Override
        public void close() {
        }
    }
}
